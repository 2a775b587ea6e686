"""Scoring periods as the pages name them: a year (``2022``), a quarter (``2022-Q3``) or a month
(``2022-08``). One parser for every scorecard page and export."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext

from cchc.lib.dossier_period import Period

_KEY = re.compile(r"^(\d{4})(?:-Q([1-4])|-(\d{2}))?$")


class PeriodKeyError(ValueError):
    """A period key that names no period; the message is Vietnamese."""


@dataclass(frozen=True)
class NamedPeriod:
    key: str
    label: str
    period: Period

    @property
    def start(self) -> dt.date:
        return self.period.start

    @property
    def end(self) -> dt.date:
        return self.period.end


def parse(key: str) -> NamedPeriod:
    m = _KEY.match(key.strip())
    if not m or not 2000 <= int(m.group(1)) <= 2100:
        raise PeriodKeyError(
            f"Kỳ «{key[:20]}» không hợp lệ; chọn năm (2022), quý (2022-Q3) hoặc tháng (2022-08)."
        )
    year = int(m.group(1))
    if m.group(2):
        q = int(m.group(2))
        first = dt.date(year, 3 * q - 2, 1)
        last = dt.date(year, 3 * q, calendar.monthrange(year, 3 * q)[1])
        label = gettext("Quý %(quarter)s/%(year)s") % {"quarter": q, "year": year}
        return NamedPeriod(f"{year}-Q{q}", label, Period(first, last))
    if m.group(3):
        month = int(m.group(3))
        if not 1 <= month <= 12:
            raise PeriodKeyError(f"Tháng {month} không hợp lệ.")
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        label = gettext("Tháng %(month)s/%(year)s") % {"month": month, "year": year}
        return NamedPeriod(f"{year}-{month:02d}", label, Period(dt.date(year, month, 1), last))
    label = gettext("Năm %(year)s") % {"year": year}
    return NamedPeriod(str(year), label, Period(dt.date(year, 1, 1), dt.date(year, 12, 31)))


def choices(year: int) -> list[NamedPeriod]:
    """The year, its quarters and its months, for a period picker."""
    keys = [str(year)] + [f"{year}-Q{q}" for q in range(1, 5)] + [f"{year}-{m:02d}" for m in range(1, 13)]
    return [parse(k) for k in keys]
