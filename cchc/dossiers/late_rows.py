"""The rows of the late-dossiers list (``/ho-so/tre-han/``) for the filters on screen, shared by the page
and its export so both show the same dossiers.

With a "giải quyết xong" period (the links from the home pages and the rankings), the rows are exactly
those the figure counts (``figures.late_finished_dossiers``); without one, every dossier finished late
or open past its deadline, as before. Rows whose causes name who or what made them late come first,
the unexplained ones last, each group newest deadline first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from cchc.dossiers.figures import late_finished_dossiers
from cchc.dossiers.models import Dossier, DossierStep, Outcome
from cchc.dossiers.paging import list_count_cap
from cchc.dossiers.queries import (
    DEADLINE,
    deadline_before,
    deadline_from,
    dossiers_for,
    late_q,
    local_day_start,
    with_apology_flag,
    with_deadline,
    without_apology,
)
from cchc.dossiers.rankings import cause_names_official
from cchc.org.models import Unit

EARLIEST = dt.date(1900, 1, 1)


@dataclass(frozen=True)
class LateFilters:
    unit: Unit | None = None
    cause: str = ""
    kind: str = ""
    official: str = ""
    finished_from: dt.date | None = None
    finished_to: dt.date | None = None
    end_from: dt.date | None = None
    end_to: dt.date | None = None
    missing_apology: bool = False

    @classmethod
    def from_form(cls, data: dict[str, Any]) -> LateFilters:
        return cls(
            unit=data.get("unit"),
            cause=data.get("cause") or "",
            kind=data.get("kind") or "",
            official=data.get("official") or "",
            finished_from=data.get("finished_from"),
            finished_to=data.get("finished_to"),
            end_from=data.get("end_from"),
            end_to=data.get("end_to"),
            missing_apology=bool(data.get("missing_apology")),
        )

    @property
    def has_period(self) -> bool:
        return bool(self.finished_from or self.finished_to)


def blamed(qs: QuerySet[Dossier], official: str) -> QuerySet[Dossier]:
    """Dossiers of ``qs`` whose causes blame a step of this official (the officials' ranking's rule:
    a ``step_overrun`` cause naming them on a step they handled)."""
    folded = official.casefold()
    steps = DossierStep.objects.filter(dossier__in=qs.values("pk")).filter(
        Q(official_name__iexact=official)
        | Q(official__full_name__iexact=official)
        | Q(official_name=official)
        | Q(official__full_name=official)
    )
    rows: list[dict[str, Any]] = [
        dict(r) for r in steps.values("dossier_id", "official_name", "official__full_name", "official__code")
    ]
    causes = dict(
        Dossier.objects.filter(pk__in={r["dossier_id"] for r in rows}).values_list("pk", "late_causes")
    )
    ids = set()
    for step in rows:
        names = {
            " ".join(str(step.get(k) or "").split()).casefold()
            for k in ("official_name", "official__full_name")
        }
        if folded not in names:
            continue
        for cause in causes.get(step["dossier_id"]) or []:
            if (
                isinstance(cause, dict)
                and cause.get("kind") == "step_overrun"
                and cause_names_official(cause, step)
            ):
                ids.add(step["dossier_id"])
    return qs.filter(pk__in=ids)


def attributable_first(qs: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """Named causes first, then the newest deadline: the order of the partial indexes
    ``dossier_late_order_idx`` and ``dossier_late_unit_order_idx``, so the first page is read from an
    index instead of sorting every late dossier of the scope."""
    return qs.order_by("-named_cause", DEADLINE.desc(), "-pk")


def late_rows(
    user: Any, f: LateFilters, now: dt.datetime, today: dt.date
) -> tuple[QuerySet[Dossier], QuerySet[Dossier]]:
    """(the rows for these filters, the same without the "no apology" filter) — the second gives the
    banner's count of rows still without a letter, which honours every other filter."""
    if f.has_period:
        qs = late_finished_dossiers(user, f.finished_from or EARLIEST, f.finished_to or today, unit=f.unit)
    else:
        qs = dossiers_for(user).filter(late_q(now))
        if f.unit is not None:
            qs = qs.filter(handling_unit=f.unit)
    if f.kind == "finished":
        qs = qs.filter(outcome=Outcome.LATE)
    elif f.kind == "open":
        qs = qs.exclude(outcome=Outcome.LATE)
    if f.cause:
        qs = qs.filter(late_causes__icontains=f.cause)
    if f.end_from:
        qs = deadline_from(qs, local_day_start(f.end_from))
    if f.end_to:
        qs = deadline_before(qs, local_day_start(f.end_to + dt.timedelta(days=1)))
    if f.official:
        qs = blamed(qs, f.official)
    before_missing = qs
    if f.missing_apology:
        qs = without_apology(qs)
    rows = attributable_first(with_apology_flag(with_deadline(qs))).select_related(
        "procedure", "handling_unit"
    )
    return rows, before_missing


@dataclass(frozen=True)
class CappedCount:
    """A count that stopped at the list's cap (``paging.list_count_cap``): ``capped`` means "more than"."""

    count: int
    capped: bool


def missing_apology_count(qs: QuerySet[Dossier]) -> CappedCount:
    """Late dossiers among ``qs`` without an apology letter (the list's banner), counted up to the cap:
    read in the late list's index order, so a city-wide reader's count stops after the cap."""
    cap = list_count_cap()
    found = without_apology(attributable_first(with_deadline(qs)))[: cap + 1].count()
    return CappedCount(min(found, cap), found > cap)
