"""A stand-in for the read replica in tests: the project's router, recording where each read was sent,
with the replica's reads served by the test database, and a replica whose freshness the test sets."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import override_settings

from cchc.core import replica


@dataclass
class RouterDouble(replica.ReplicaRouter):
    reads: list[tuple[str, str]] = field(default_factory=list)

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        chosen = super().db_for_read(model, **hints) or replica.PRIMARY
        self.reads.append((model._meta.label, chosen))
        return replica.PRIMARY  # the suite has one database: the "replica" answers from it

    def replica_reads(self) -> list[str]:
        return [label for label, alias in self.reads if alias == replica.REPLICA]


@dataclass
class ReplicaDouble:
    router: RouterDouble
    lag: timedelta | None = timedelta(seconds=5)  # None: the replica does not answer

    def as_of(self) -> datetime | None:
        return None if self.lag is None else datetime.now(UTC) - self.lag


@contextmanager
def replica_double(monkeypatch: pytest.MonkeyPatch, **options: Any) -> Iterator[ReplicaDouble]:
    double = ReplicaDouble(RouterDouble(), **options)
    monkeypatch.setattr(replica, "replica_configured", lambda: True)
    monkeypatch.setattr(replica, "replica_as_of", double.as_of)
    with override_settings(DATABASE_ROUTERS=[double.router]):
        yield double
