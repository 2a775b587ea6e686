"""Stored values as the pure outcome engine (``cchc.lib.outcomes``) takes them, for the reads that give
it raw rows: the results report's engine path and the results summary kept with the writes."""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from cchc.lib import outcomes as eng

_UTC_TO_LOCAL: Final = dt.timedelta(hours=7)


def naive_local(value: dt.datetime | str | None) -> dt.datetime | None:
    """A stored instant as the naive local wall-clock time the pure engine works on (docs/architecture.md,
    "Time"). Rows are read without Django's per-value conversion (most of a report's time): PostgreSQL
    gives aware datetimes, SQLite the naive UTC text Django stored. Việt Nam keeps UTC+7 all year."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        return value + _UTC_TO_LOCAL
    return (value.astimezone(dt.UTC) + _UTC_TO_LOCAL).replace(tzinfo=None)


def legal_limit(value: Any, unit: str) -> eng.LegalLimit | None:
    """A procedure's stored time limit, or None when it has none the engine can use."""
    if value is None or value <= 0:
        return None
    try:
        return eng.LegalLimit(float(value), eng.LimitUnit(unit))
    except ValueError:
        return None
