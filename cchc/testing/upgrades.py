"""Upgrade tests: the database taken back to an older migration, rows written as an old installation
had them, then migrated forward again — to every app's latest migration, not only the moved app's.

Moving ``dossiers`` back also unapplies every migration that depends on its later ones — the whole of
``earlywarning`` (its first migration needs ``dossiers`` 0006) and of ``proposals`` — and drops their
tables. Migrating forward to ``dossiers``' own latest migration brings back only ``dossiers``: the other
apps' tables stayed missing for the rest of the test session, and the next transactional test that read
the risk table failed with ``relation "earlywarning_risk" does not exist`` (a test that passed alone).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@contextmanager
def migrated_back_to(targets: list[tuple[str, str]]) -> Iterator[Apps]:
    """Migrate back to ``targets`` and yield the models as they were then; on leaving (also when the
    test fails inside), migrate every app forward to its latest migration, and fail if any migration is
    still unapplied afterwards (a table left missing breaks the tests that follow, not this one)."""
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        MigrationExecutor(connection).migrate(targets)
        yield MigrationExecutor(connection).loader.project_state(targets).apps
    finally:
        MigrationExecutor(connection).migrate(latest)
    left = MigrationExecutor(connection).migration_plan(latest)
    if left:
        raise AssertionError(f"migrations left unapplied after the upgrade test: {[str(m) for m, _ in left]}")
