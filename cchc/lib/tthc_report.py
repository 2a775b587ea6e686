"""The report on the results of handling administrative procedures (kết quả giải quyết TTHC) for a
period, per unit, field or procedure. Pure: no Django.

Every count comes from ``cchc.lib.dossier_period`` (one definition shared with the Decision 766
index); this module names the columns, adds ``on_time_rate`` and lays the rows out. The XLSX copy in
the layout of the Government Office's form is ``cchc.lib.tthc_report_xlsx``; docs/reports.md says
what each column means and where the layout comes from.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any, Final

from cchc.lib.dossier_period import Label, Period, Tally, summary
from cchc.lib.scoring import rounded

# The integer keys of every row, in the form's order (docs/reports.md).
ROW_KEYS: Final = (
    "in_period",
    "received",
    "received_online",
    "received_direct",
    "received_postal",
    "carried_over",
    "finished",
    "finished_early",
    "finished_on_time",
    "finished_late",
    "open",
    "open_within_time",
    "open_overdue",
)
# What the rows are per grouping, and the key naming each row's group.
GROUP_LISTS: Final = {"unit": "units", "field": "fields", "procedure": "procedures"}


def row(counts: Mapping[str, int]) -> dict[str, Any]:
    """The report's figures for one group (or the total), from ``dossier_period.summary``."""
    out: dict[str, Any] = {key: counts[key] for key in ROW_KEYS}
    finished = counts["finished"]
    rate = Fraction(counts["finished_early"] + counts["finished_on_time"], finished) if finished else None
    out["on_time_rate"] = None if rate is None else rounded(rate, 4)
    return out


def document(tally: Tally, period: Period, *, by: str = "unit") -> dict[str, Any]:
    """``{"from", "to", "by", "total": {…}, "units"|"fields"|"procedures": [{"unit"|…: code, "name", …}]}``,
    rows by code, records without a code last (``null``)."""
    rows = []
    for label in sorted(tally.groups, key=_order):
        rows.append({by: label, "name": tally.names.get(label), **row(summary(tally.groups[label]))})
    return {
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "by": by,
        "total": row(summary(tally.total())),
        GROUP_LISTS[by]: rows,
    }


def _order(label: Label) -> tuple[bool, str]:
    return (label is None, label or "")
