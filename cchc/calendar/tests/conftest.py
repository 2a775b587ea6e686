"""Fixtures of the calendar tests. Personas come from the root ``world`` fixture."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cchc.calendar.actions import add_entry, ensure_calendar, load_workdays
from cchc.calendar.models import Calendar
from cchc.calendar.queries import bundled_csv_path, clear_calendar_cache

SYSTEM = "test"


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    clear_calendar_cache()
    yield
    clear_calendar_cache()


@pytest.fixture
def national(world) -> Calendar:
    """The bundled national table loaded into the province (root) calendar, as `cchc load-workdays` does."""
    calendar = ensure_calendar(world.jurisdictions["province"], SYSTEM)
    load_workdays(calendar, bundled_csv_path(), SYSTEM)
    return calendar


def entry(calendar: Calendar, day: str, kind: str = "day-off-in-lieu", **fields: Any):
    values = {
        "name": f"Ngày riêng {day}",
        "legal_reference": "Quyết định 1/QĐ-UBND ngày 01/01/2026",
        **fields,
    }
    return add_entry(calendar, SYSTEM, date=dt.date.fromisoformat(day), kind=kind, **values)


@pytest.fixture
def local_calendars(world, national) -> dict[str, Calendar]:
    """Own calendars for the city and both wards, each with one local day, over the national one."""
    calendars = {"province": national}
    for key in ("city", "p1", "p2"):
        calendars[key] = ensure_calendar(world.jurisdictions[key], SYSTEM)
    entry(calendars["city"], "2026-03-02", name="Nghỉ riêng của thành phố")
    entry(calendars["p1"], "2026-03-03", name="Nghỉ riêng của Phường 1")
    entry(calendars["p2"], "2026-03-04", name="Nghỉ riêng của Phường 2")
    return calendars
