"""The columnar import path (``columnar``) writes exactly what the row path (``actions.upsert_dossiers``)
writes for the same file: every dossier column, step, supplement, event, daily fact and unit roll-up.
Run on both engines by CI (DATABASE_URL)."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.core.models import AuditEvent
from cchc.dossiers.actions.upsert_rows import DOSSIER_COLUMNS
from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import Dossier
from cchc.dossiers.tests.columnar_helpers import clear_ledger, ledger_snapshot, rich_file
from cchc.dossiers.tests.import_helpers import as_csv, make_catalogue

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2022, 4, 15)
CAUSES = DOSSIER_COLUMNS.index("late_causes")


def test_fast_path_and_row_path_store_the_same_ledger(world, settings):
    make_catalogue()
    data = as_csv(rich_file(400))
    office = world.users["office"]

    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 0
    rows = import_bytes(data, "hoso.csv", actor=office, as_of=AS_OF)
    assert rows.ok, rows.errors[:3]
    assert rows.path == "rows"
    by_rows = ledger_snapshot()
    clear_ledger()

    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    fast = import_bytes(data, "hoso.csv", actor=office, as_of=AS_OF)
    assert fast.ok, fast.errors[:3]
    assert fast.path == "columnar"
    assert (fast.rows, fast.result.created, fast.result.updated) == (rows.rows, 400, 0)
    by_columns = ledger_snapshot()

    for table in by_rows:
        assert by_columns[table] == by_rows[table], table
    # The file exercises what it should: late dossiers with causes, open ones, external steps.
    assert any(v for v in by_rows["dossiers"].values() if v[CAUSES])
    assert any(s[-1] for s in by_rows["steps"])
    assert AuditEvent.objects.filter(verb="dossiers.upsert").count() == 2


def test_a_file_imported_by_the_fast_path_is_unchanged_when_imported_again(world, settings):
    make_catalogue()
    data = as_csv(rich_file(120, seed=11))
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    first = import_bytes(data, "hoso.csv", actor=world.users["office"], as_of=AS_OF)
    assert first.path == "columnar" and first.result.created == 120
    before = ledger_snapshot()

    # Every code is now in the ledger with the digest of its row: nothing to compare or change.
    again = import_bytes(data, "hoso.csv", actor=world.users["office"], as_of=AS_OF)
    assert again.path == "columnar"
    assert (again.result.created, again.result.updated, again.result.unchanged) == (0, 0, 120)
    assert ledger_snapshot() == before


def test_dry_run_on_the_fast_path_counts_and_writes_nothing(world, settings):
    make_catalogue()
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    out = import_bytes(as_csv(rich_file(50)), "hoso.csv", actor=world.users["office"], dry_run=True)
    assert out.path == "columnar"
    assert out.result.created == 50 and out.result.dry_run
    assert not Dossier.objects.exists()
