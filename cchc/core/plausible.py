"""The window every date and instant entering the system must lie in (settings CCHC_PLAUSIBLE_*).

A receipt, a handling step or a filter date lies between CCHC_PLAUSIBLE_FROM (1990-01-01) and
CCHC_PLAUSIBLE_RECEIPT_YEARS (5) years after today; a deadline or appointment may reach
CCHC_PLAUSIBLE_DEADLINE_YEARS (10) years ahead. Outside it, the value is refused with a Vietnamese
reason — the row, the field or the request — and never stored: year 1 once stored made every page
that showed the dossier fail ("timestamp too small").
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any, NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext


def earliest() -> dt.date:
    return dt.date.fromisoformat(str(getattr(settings, "CCHC_PLAUSIBLE_FROM", "1990-01-01")))


def _years_ahead(years: int, today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + years)
    except ValueError:  # 29 February
        return today.replace(year=today.year + years, day=28)


def latest(*, deadline: bool = False, today: dt.date | None = None) -> dt.date:
    years = settings.CCHC_PLAUSIBLE_DEADLINE_YEARS if deadline else settings.CCHC_PLAUSIBLE_RECEIPT_YEARS
    return _years_ahead(int(years), today)


def problem(value: dt.date | dt.datetime | None, *, deadline: bool = False) -> str | None:
    """Why this date or instant cannot be true, in the active language (Vietnamese unless a page in
    English is being answered), or None (also for None)."""
    if value is None:
        return None
    day = value.date() if isinstance(value, dt.datetime) else value
    low, high = earliest(), latest(deadline=deadline)
    if low <= day <= high:
        return None
    return gettext("Ngày %(day)s nằm ngoài khoảng hợp lý (%(low)s – %(high)s).") % {
        "day": f"{day.day:02d}/{day.month:02d}/{day.year:04d}",
        "low": f"{low:%d/%m/%Y}",
        "high": f"{high:%d/%m/%Y}",
    }


def validate_plausible(value: Any) -> None:
    """Form validator (every DateField and DateTimeField of every form, see core.apps)."""
    if isinstance(value, dt.date):
        reason = problem(value, deadline=True)
        if reason:
            raise ValidationError(reason, code="implausible")


# Organisation history (a unit founded in 1976) is older than any dossier; still no year 1.
HISTORY_FROM = dt.date(1900, 1, 1)


def validate_historical(value: Any) -> None:
    if isinstance(value, dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        high = latest(deadline=True)
        if not HISTORY_FROM <= day <= high:
            raise ValidationError(
                f"Ngày {day.day:02d}/{day.month:02d}/{day.year:04d} nằm ngoài khoảng hợp lý "
                f"({HISTORY_FROM:%d/%m/%Y} – {high:%d/%m/%Y}).",
                code="implausible",
            )


class Bounds(NamedTuple):
    """The window as naive local datetimes, for code that checks many values (imports)."""

    low: dt.datetime
    receipt_high: dt.datetime
    deadline_high: dt.datetime

    def reason(self, value: dt.datetime | None, *, deadline: bool = False) -> str | None:
        if value is None:
            return None
        high = self.deadline_high if deadline else self.receipt_high
        if self.low <= value < high:
            return None
        last = (high - dt.timedelta(days=1)).date()
        return (
            f"Ngày {value.day:02d}/{value.month:02d}/{value.year:04d} nằm ngoài khoảng hợp lý "
            f"({self.low:%d/%m/%Y} – {last:%d/%m/%Y})."
        )


def bounds() -> Bounds:
    return _bounds(
        timezone.localdate(),
        str(settings.CCHC_PLAUSIBLE_FROM),
        int(settings.CCHC_PLAUSIBLE_RECEIPT_YEARS),
        int(settings.CCHC_PLAUSIBLE_DEADLINE_YEARS),
    )


@lru_cache(maxsize=8)
def _bounds(today: dt.date, start: str, receipt_years: int, deadline_years: int) -> Bounds:
    def end(years: int) -> dt.datetime:
        return dt.datetime.combine(_years_ahead(years, today) + dt.timedelta(days=1), dt.time())

    return Bounds(
        dt.datetime.combine(dt.date.fromisoformat(start), dt.time()), end(receipt_years), end(deadline_years)
    )
