"""The rows of the dossier-results report as the screens show them: the form's columns in order, each
cell with the key the drill-down opens. The numbers themselves come from ``dossier_results``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Final

from django.db.models import QuerySet
from django.utils.translation import gettext_noop

from cchc.calendar.queries import work_calendar_for
from cchc.dossiers.models import Dossier
from cchc.lib import tthc_report
from cchc.lib.dossier_period import Period
from cchc.org.models import Jurisdiction, Unit
from cchc.reports import dossier_results, results_summary

# (form column, cell key, heading): the 11 figure columns (3)–(13) of the form (docs/reports.md); the
# headings stay Vietnamese in the exported form and are translated on a page.
COLUMNS: Final = (
    ("3", "in_period", gettext_noop("Tổng số nhận giải quyết")),
    ("4", "received_online", gettext_noop("Trực tuyến")),
    ("5", "received_direct_postal", gettext_noop("Trực tiếp, bưu chính")),
    ("6", "carried_over", gettext_noop("Từ kỳ trước")),
    ("7", "finished", gettext_noop("Đã giải quyết")),
    ("8", "finished_early", gettext_noop("Trước hạn")),
    ("9", "finished_on_time", gettext_noop("Đúng hạn")),
    ("10", "finished_late", gettext_noop("Quá hạn")),
    ("11", "open", gettext_noop("Đang giải quyết")),
    ("12", "open_within_time", gettext_noop("Trong hạn")),
    ("13", "open_overdue", gettext_noop("Quá hạn")),
)
HEADINGS: Final = {key: heading for _, key, heading in COLUMNS}
TOTAL: Final = "__total__"
NO_GROUP: Final = "__none__"


@dataclass
class Cell:
    key: str
    column: str
    heading: str
    value: int


@dataclass
class Row:
    group: str  # the drill-down's group parameter
    code: str | None
    name: str
    cells: list[Cell]
    on_time_rate: float | None


def _cells(row: dict[str, Any]) -> list[Cell]:
    values = dict(row)
    values["received_direct_postal"] = row["received_direct"] + row["received_postal"]
    return [Cell(key, col, heading, int(values[key])) for col, key, heading in COLUMNS]


def calendar(area: Jurisdiction | None) -> Any:
    return work_calendar_for(area)


def report(units: QuerySet[Unit], period: Period, by: str) -> tuple[dict[str, Any], list[Row], Row]:
    """The engine's document for the dossiers these units handle, read from the summary kept with the
    writes (``results_summary``: the engine's figures, a test holds them equal), and its rows for the
    screen (names of units from the organisation)."""
    doc = tthc_report.document(results_summary.tally(units, period, by=by), period, by=by)
    key = {"unit": "units", "field": "fields", "procedure": "procedures"}[by]
    names: dict[str, str] = {}
    if by == "unit":
        codes = [r["unit"] for r in doc[key] if r["unit"]]
        names = dict(Unit.objects.filter(code__in=codes).values_list("code", "name"))
        for r in doc[key]:
            # The file carries only the unit's code; the ledger knows its name (printed on the form).
            r["name"] = r["name"] or names.get(r["unit"] or "")
    rows = []
    for r in doc[key]:
        code = r[by]
        name = names.get(code or "") or r.get("name") or code or _no_group(by)
        rows.append(Row(code if code is not None else NO_GROUP, code, name, _cells(r), r["on_time_rate"]))
    total = Row(TOTAL, None, "Tổng cộng", _cells(doc["total"]), doc["total"]["on_time_rate"])
    return doc, rows, total


def _no_group(by: str) -> str:
    return {
        "unit": "(không ghi đơn vị)",
        "field": "(không ghi lĩnh vực)",
        "procedure": "(không ghi thủ tục)",
    }[by]


def drill_ids(
    dossiers: QuerySet[Dossier], period: Period, area: Jurisdiction | None, *, by: str, group: str, cell: str
) -> list[int]:
    label = None if group == NO_GROUP else group
    return dossier_results.cell_ids(
        dossiers, period, calendar(area), by=by, label=label, cell=cell, every_group=group == TOTAL
    )


def default_period(today: dt.date) -> Period:
    """The last finished quarter (what an office reports most often)."""
    q_start = dt.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    end = q_start - dt.timedelta(days=1)
    return Period(dt.date(end.year, end.month - 2, 1), end)
