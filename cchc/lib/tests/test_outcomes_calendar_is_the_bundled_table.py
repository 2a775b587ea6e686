"""The outcome tests judge through the bundled national table (cchc/calendar/data), as the CLI does."""

from datetime import date, datetime
from functools import cache
from pathlib import Path

import cchc
from cchc.lib.outcomes import Dossier
from cchc.lib.workcal import WorkCalendar
from cchc.lib.workdays_csv import calendar_from_csv

BUNDLED = Path(cchc.__file__).parent / "calendar" / "data" / "vn-workdays-2022-2027.csv"


@cache
def vn() -> WorkCalendar:
    return calendar_from_csv(BUNDLED)


def at(text: str) -> datetime:
    """'2022-03-07 09:00' → a naive local instant."""
    return datetime.fromisoformat(text)


def dossier(
    status: int = 9,
    received: str = "2022-03-07 09:00",
    appointment: str | None = None,
    ended: str | None = None,
    **kw,
) -> Dossier:
    return Dossier(
        code=kw.pop("code", "000.00.01.H22-220307-0001"),
        procedure_code=kw.pop("procedure_code", "1.001234"),
        status=status,
        received_at=at(received) if received else None,
        appointment_at=at(appointment) if appointment else None,
        ended_at=at(ended) if ended else None,
        **kw,
    )


def test_tet_2022_and_2023_are_days_off_in_the_bundled_table():
    cal = vn()
    assert not any(cal.is_working_day(date(2022, 1, d)) for d in (31,))
    assert not any(cal.is_working_day(date(2022, 2, d)) for d in range(1, 5))
    assert not any(cal.is_working_day(date(2023, 1, d)) for d in range(20, 27))
    assert cal.is_working_day(date(2022, 2, 7)) and cal.is_working_day(date(2023, 1, 27))
