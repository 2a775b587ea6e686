"""The dossier-results counts of the plain dossiers, counted by the database instead of read row by row.

A candidate dossier (``dossier_results.candidates``) is *plain* when the engine
(``outcomes_batch.judge_many``, ``dossier_period.classify``) can only judge it one way that SQL can
state: no supplement (so no appointment shift, no second request, no wait counted as an end), its
own appointment or no time limit at all (no working calendar needed), a status of the national list
and, if it has ended, its end recorded (``outcomes.Dossier`` refuses a terminal dossier without one).
For such a dossier, judged at the end of the period's last day ``D`` (``h`` the next midnight):

- it has finished when its status is terminal and it ended before ``h``; then late when the local day
  of its end is after that of its appointment, early when before, on time when equal or without an
  appointment;
- otherwise it is open: overdue when its appointment's local day is before ``D``, else within time;
- it is in the period (a candidate that ended before the first day is not a candidate), carried over
  when received before the first day, received by its channel otherwise (2 online, 3 postal, any
  other or none in person).

Every other candidate is judged by the engine itself (``dossier_results.tally`` reads only those), so
the figures are the engine's figures; a test compares the two on generated ledgers, period by period.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import numpy as np
from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate

from cchc.dossiers.models import Dossier, Procedure, Supplement
from cchc.lib import dossier_period as dp
from cchc.lib.outcomes import PROCESSED, RETURNED, TERMINAL_LIST

LABELS: Final = {
    "unit": "handling_unit__code",
    "field": "procedure__field_code",
    "procedure": "procedure__national_code",
}
NAMES: Final = {"field": "procedure__field_name", "procedure": "procedure__name"}


def with_supplement() -> Exists:
    # EXISTS, not IN: PostgreSQL turns it into a (anti or semi) join; "NOT IN (SELECT …)" over 470,000
    # supplements did not fit work_mem as a hashed subplan and ran one scan per dossier.
    return Exists(Supplement.objects.filter(dossier_id=OuterRef("pk")))


def plain() -> Q:
    """The candidates this module counts (see the module docstring)."""
    own_deadline = (
        Q(appointment_at__isnull=False)
        | Q(procedure__limit_value__isnull=True)
        | Q(procedure__limit_value__lte=0)
    )
    return valid() & own_deadline & ~Q(with_supplement())


def for_the_engine() -> tuple[Q, Q]:
    """The other candidates, as two disjoint parts that each read through a join: those with a
    supplement, and those without one that the engine refuses or that need the calendar (no
    appointment, a time limit)."""
    refused = Q(status__lt=1) | Q(status__gt=10) | Q(status__in=TERMINAL_LIST, end_at__isnull=True)
    needs_calendar = Q(appointment_at__isnull=True, procedure__limit_value__gt=0)
    return Q(with_supplement()), ~Q(with_supplement()) & (refused | needs_calendar)


def valid() -> Q:
    """The candidates the engine accepts (``outcomes.Dossier``): the others are left out of every count."""
    return Q(status__gte=1, status__lte=10) & ~Q(status__in=TERMINAL_LIST, end_at__isnull=True)


def _filters(period: dp.Period, start: dt.datetime, horizon: dt.datetime) -> dict[str, Q]:
    finished = Q(status__in=TERMINAL_LIST, end_at__lt=horizon)
    still_open = ~finished
    new = Q(received_at__gte=start)
    no_appointment = Q(appointment_at__isnull=True)
    in_person = ~Q(channel=dp.ONLINE) & ~Q(channel=dp.POSTAL)
    return {
        "carried_over": ~new,
        "received_online": new & Q(channel=dp.ONLINE),
        "received_direct": new & in_person,
        "received_postal": new & Q(channel=dp.POSTAL),
        "finished_early": finished & Q(end_day__lt=F("appointment_day")),
        "finished_on_time": finished & (no_appointment | Q(end_day=F("appointment_day"))),
        "finished_late": finished & Q(end_day__gt=F("appointment_day")),
        "open_within_time": still_open & (no_appointment | Q(appointment_day__gte=period.end)),
        "open_overdue": still_open & Q(appointment_day__lt=period.end),
        "received_channel_known": new & Q(channel__isnull=False) & ~Q(channel=0),
        "result_issued": finished & Q(status__in=[PROCESSED, RETURNED]),
    }


def _label(by: str, value: Any) -> dp.Label:
    # The engine's labels: a unit or field left blank is no group; a procedure's code as it is.
    return value if by == "procedure" else (value or None)


def grouped(
    plain_candidates: QuerySet[Dossier],
    period: dp.Period,
    start: dt.datetime,
    horizon: dt.datetime,
    tz: dt.tzinfo,
    *,
    by: str,
) -> QuerySet[Any]:
    """The one grouped query: per group, every count of ``_filters`` and the dossiers read."""
    qs = plain_candidates.annotate(
        end_day=TruncDate("end_at", tzinfo=tz), appointment_day=TruncDate("appointment_at", tzinfo=tz)
    )
    filters = _filters(period, start, horizon)
    return (
        qs.order_by()
        .values(LABELS[by])
        .annotate(_all=Count("pk"), **{key: Count("pk", filter=q) for key, q in filters.items()})
    )


def tally(
    plain_candidates: QuerySet[Dossier],
    period: dp.Period,
    start: dt.datetime,
    horizon: dt.datetime,
    tz: dt.tzinfo,
    *,
    by: str,
) -> dp.Tally:
    """The counts of ``plain_candidates`` (candidates already filtered by ``plain``), per group."""
    filters = _filters(period, start, horizon)
    rows = grouped(plain_candidates, period, start, horizon, tz, by=by)
    out = dp.Tally()
    index = {key: i for i, key in enumerate(dp.COUNT_KEYS)}
    for row in rows:
        out.dossiers += row["_all"]
        counts = dp.zeros()
        for key in filters:
            counts[index[key]] = row[key]
        if counts.any():
            label = _label(by, row[LABELS[by]])
            out.groups[label] = out.groups.get(label, dp.zeros()) + counts
    return out


def names(candidates: QuerySet[Dossier], *, by: str) -> dict[dp.Label, str]:
    """Each group's name as the engine keeps it: that of the first dossier (by id) of the group that
    gives one (a field's name can differ between the procedures of one field)."""
    if by not in NAMES:
        return {}
    if by == "procedure":
        # One procedure per code: its name is every one of its dossiers' name.
        return {code: name for code, name in Procedure.objects.values_list("national_code", "name") if name}
    label, name = LABELS[by], NAMES[by]
    rows = (
        candidates.filter(valid())
        .exclude(**{name: ""})
        .order_by()
        .values_list(label, name)
        .annotate(first=Min("pk"))
    )
    best: dict[dp.Label, tuple[int, str]] = {}
    for code, text, first in rows:
        key = _label(by, code)
        if key is None or not text:
            continue
        if key not in best or first < best[key][0]:
            best[key] = (first, text)
    return {key: text for key, (_, text) in best.items()}


def merge(into: dp.Tally, part: dp.Tally) -> None:
    """Add a part's counts, keeping ``into``'s names."""
    for label, counts in part.groups.items():
        into.groups[label] = into.groups.get(label, np.zeros_like(counts)) + counts
    into.dossiers += part.dossiers
