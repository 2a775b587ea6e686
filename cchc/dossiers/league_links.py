"""The drill-down links of the league tables, built once per page in Python.

The ranking pages list every official (about 150 rows in the demo organisation) or unit, each with up to
two links (its name, its late count) carrying the period and the unit. Built in the template, a row cost
two ``{% include %}`` contexts, two ``{% url %}`` reversals and four ``|date`` formats: at 150 rows that
was most of the page's time (docs/benchmarks.md, "Trang danh sách và xếp hạng"). Here the URL prefixes
and dates are computed once per page and each row only joins strings; the links are the same."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.urls import reverse

from cchc.dossiers.rankings import LeagueRow


@dataclass(frozen=True)
class LeagueLine:
    """One row of a league table with its links ("" where the figure has nothing to open)."""

    row: LeagueRow
    name_href: str
    late_href: str


def league_lines(
    rows: Iterable[LeagueRow], which: str, start: dt.date, end: dt.date, unit: Any = None
) -> list[LeagueLine]:
    """Units: the name opens the unit's officials for the period, the late count the late list of the
    unit's dossiers finished in it. Officials: the name and the late count open the late list of the
    dossiers whose cause blames the official (of the chosen unit, if any); an official with none late
    has no link."""
    late = reverse("dossiers:late")
    finished = f"finished_from={start:%Y-%m-%d}&finished_to={end:%Y-%m-%d}"
    out = []
    if which == "units":
        officials = reverse("dossiers:league_officials")
        period = f"date_from={start:%Y-%m-%d}&date_to={end:%Y-%m-%d}"
        for r in rows:
            out.append(
                LeagueLine(
                    r,
                    f"{officials}?unit={r.unit_id}&{period}",
                    f"{late}?unit={r.unit_id}&{finished}" if r.late else "",
                )
            )
        return out
    of_unit = f"&unit={unit.pk}" if unit is not None else ""
    for r in rows:
        # ``quote`` with "/" kept is what the templates' ``urlencode`` filter gave before.
        # The account too (when the row is one): the late list then filters by it, never by the name.
        account = f"&official_id={r.official_id}" if r.official_id is not None else ""
        href = f"{late}?official={quote(r.name, safe='/')}{account}{of_unit}&{finished}" if r.late else ""
        out.append(LeagueLine(r, href, href))
    return out
