"""The late list's filters by official and by cause as they were before the causes' rows
(``DossierCause``): the official's steps read across every dossier of the scope and their causes matched
in Python, the cause matched as text in the causes' JSON. Kept as the reference the stored rows are held
to (``test_late_list_filters_read_the_stored_causes.py``) and as the baseline of
``bench/bench_late_list.py``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from cchc.dossiers.blame import blames, fold, overrun_causes
from cchc.dossiers.figures import late_finished_dossiers
from cchc.dossiers.late_rows import EARLIEST, LateFilters, attributable_first
from cchc.dossiers.models import FINISHED_LATE, Dossier, DossierStep, Outcome
from cchc.dossiers.queries import (
    deadline_before,
    deadline_from,
    dossiers_for,
    late_q,
    local_day_start,
    open_overdue_q,
    with_apology_flag,
    with_deadline,
    without_apology,
)
from cchc.org.models import Official


def old_blamed(qs: QuerySet[Dossier], official: str, official_id: int | None = None) -> QuerySet[Dossier]:
    """``late_rows.blamed`` before the causes' rows, unchanged."""
    name = fold(official)
    if official_id is not None:
        accounts, name = {official_id}, ""
    else:
        accounts = {
            pk
            for pk, full_name, code in Official.objects.values_list("pk", "full_name", "code")
            if name and name in (fold(full_name), fold(code))
        }
    if not accounts and not name:
        return qs.none()
    who = Q(official_id__in=accounts)
    if name:
        who |= Q(official_id__isnull=True) & (Q(official_name__iexact=official) | Q(official_name=official))
    steps = list(
        DossierStep.objects.filter(dossier__in=qs.values("pk"))
        .filter(who)
        .values("dossier_id", "official_id", "official_name")
    )
    causes = dict(
        Dossier.objects.filter(pk__in={s["dossier_id"] for s in steps}).values_list("pk", "late_causes")
    )
    ids = set()
    for s in steps:
        if s["official_id"] is None and fold(s["official_name"]) != name:
            continue
        if any(
            blames(c, s["official_id"], s["official_name"])
            for c in overrun_causes(causes.get(s["dossier_id"]))
        ):
            ids.add(s["dossier_id"])
    return qs.filter(pk__in=ids)


def old_late_rows(
    user: Any, f: LateFilters, now: dt.datetime, today: dt.date
) -> tuple[QuerySet[Dossier], QuerySet[Dossier]]:
    """``late_rows.late_rows`` before the causes' rows: the cause as a text match, ``old_blamed``."""
    if f.has_period:
        qs = late_finished_dossiers(user, f.finished_from or EARLIEST, f.finished_to or today, unit=f.unit)
        if f.kind == "finished":
            qs = qs.filter(outcome=Outcome.LATE)
        elif f.kind == "open":
            qs = qs.exclude(outcome=Outcome.LATE)
    else:
        arm = {"finished": FINISHED_LATE, "open": open_overdue_q(now)}.get(f.kind, late_q(now))
        qs = dossiers_for(user).filter(arm)
        if f.unit is not None:
            qs = qs.filter(handling_unit=f.unit)
    if f.cause:
        qs = qs.filter(late_causes__icontains=f.cause)
    if f.end_from:
        qs = deadline_from(qs, local_day_start(f.end_from))
    if f.end_to:
        qs = deadline_before(qs, local_day_start(f.end_to + dt.timedelta(days=1)))
    if f.official or f.official_id is not None:
        qs = old_blamed(qs, f.official, f.official_id)
    before_missing = qs
    if f.missing_apology:
        qs = without_apology(qs)
    rows = attributable_first(with_apology_flag(with_deadline(qs))).select_related(
        "procedure", "handling_unit"
    )
    return rows, before_missing
