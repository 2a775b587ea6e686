"""Reading the ledger into the pure model, and scoring every open item (``refresh`` writes the rows).

History comes from CCHC's own records: dossiers judged finished (early, on time or late) and their
steps; tasks and petitions whose clock was reported done. Only what ended before the morning being
scored, inside the rolling window, is used — the backtest calls the same functions day by day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from cchc.deadlines.models import Deadline
from cchc.dossiers.models import Dossier, DossierStep, Outcome, Status, Supplement
from cchc.lib.earlywarning.model import (
    DossierModel,
    FinishedStep,
    OpenDossier,
    SpanModel,
    day_start,
    net_of_waits,
)
from cchc.lib.earlywarning.survival import Estimate
from cchc.lib.workcal import WorkCalendar

FINISHED = (Outcome.EARLY, Outcome.ON_TIME, Outcome.LATE)
# Open for lateness: received, processing, waiting on a financial obligation. A dossier waiting for the
# citizen's supplement (5) has its clock stopped, so it is not scored until the citizen is back.
OPEN = (Status.RECEIVED, Status.PROCESSING, Status.FINANCIAL)
# How much a late item costs, for ordering the lists (risk × consequence): a late dossier owes the
# citizen an apology letter and counts in the published late list; a step late inside a dossier that
# still makes its appointment costs the unit less; a petition keeps a citizen waiting.
CONSEQUENCE = {"dossier": 2.0, "step": 1.0, "task": 1.0, "petition": 1.5}
TASK_TYPE, PETITION_TYPE = "directives.task", "feedback.clock"


def threshold() -> float:
    return int(getattr(settings, "CCHC_EARLY_WARNING_THRESHOLD_PERCENT", 45)) / 100


def window_days() -> int:
    return int(getattr(settings, "CCHC_EARLY_WARNING_WINDOW_DAYS", 180))


def min_history() -> int:
    return int(getattr(settings, "CCHC_EARLY_WARNING_MIN_HISTORY", 20))


def calendar() -> WorkCalendar:
    """The working-day calendar of the installation (the bundled national table when none is loaded)."""
    from cchc.calendar.queries import work_calendar_for

    return work_calendar_for(None)


class Axis:
    """Instants on the working-day axis of ``cal`` (``lib.earlywarning.model.office_days``), with the
    day's base cached: the hot path of reading a year of steps."""

    def __init__(self, cal: WorkCalendar) -> None:
        self.cal = cal
        self.day_us = cal.hours.day_us
        self.tz = timezone.get_current_timezone()
        self._base = lru_cache(maxsize=4096)(self._base_of)

    def _base_of(self, d: dt.date) -> float:
        return (
            self.cal.working_hours_between(dt.datetime(2000, 1, 1), day_start(d))
            / self.cal.hours.hours_per_day
        )

    def local(self, t: dt.datetime) -> dt.datetime:
        return t.astimezone(self.tz).replace(tzinfo=None) if t.tzinfo is not None else t

    def at(self, t: dt.datetime) -> float:
        t = self.local(t)
        d = t.date()
        base = self._base(d)
        if not self.cal.is_working_day(d):
            return base
        return base + self.cal.hours.office_us_before(t.time()) / self.day_us

    def morning(self, d: dt.date) -> float:
        return self._base(d)

    def end_of(self, d: dt.date) -> float:
        return self._base(d + dt.timedelta(days=1))


# --- dossiers -------------------------------------------------------------------------------------------


@dataclass
class OpenRow:
    """An open dossier with its step in progress, read once (the refresh and the backtest share it)."""

    pk: int
    code: str
    procedure_id: int
    handling_unit_id: int
    receiving_unit_id: int
    received_at: dt.datetime
    appointment_at: dt.datetime
    step_id: int | None = None
    seq: int = 0
    step_unit_id: int | None = None
    step_unit_name: str = ""
    official_id: int | None = None
    step_start: dt.datetime | None = None
    step_deadline: dt.datetime | None = None
    waits: list[tuple[float, float]] = field(default_factory=list)


def dossier_history(
    axis: Axis, first: dt.date, last: dt.date, model: DossierModel | None = None
) -> DossierModel:
    """Finished dossiers whose processing ended in [first, last] (and their steps), added to ``model``."""
    model = model or DossierModel(window_days=window_days(), min_alive=min_history())
    rows = Dossier.objects.filter(
        outcome__in=FINISHED, finished_on__gte=first, finished_on__lte=last, received_at__isnull=False
    ).exclude(end_at__isnull=True)
    dossiers: dict[int, tuple[int, int, dt.datetime, dt.datetime, dt.date, dt.datetime | None]] = {}
    for pk, proc, unit, received, end, day, eff, appt in rows.values_list(
        "pk", "procedure_id", "handling_unit_id", "received_at", "end_at", "finished_on",
        "effective_appointment_at", "appointment_at",
    ).iterator(chunk_size=20000):  # fmt: skip
        if received is not None and end is not None and day is not None:
            dossiers[pk] = (proc, unit, received, end, day, eff or appt)
    steps: dict[int, list[FinishedStep]] = {}
    for dossier_id, seq, unit_id, started, finished in (
        DossierStep.objects.filter(dossier_id__in=rows.values("pk"), finished_at__isnull=False)
        .exclude(started_at__isnull=True)
        .values_list("dossier_id", "seq", "unit_id", "started_at", "finished_at")
        .iterator(chunk_size=20000)
    ):
        if started is None or finished is None:
            continue
        steps.setdefault(dossier_id, []).append(
            FinishedStep(seq, unit_id, axis.at(started), axis.at(finished))
        )
    waits = waits_of(axis, rows)
    for pk, (proc, unit, received, end, day, appointment) in dossiers.items():
        w = waits.get(pk, [])
        net = [
            FinishedStep(s.seq, s.unit, net_of_waits(s.start, w), net_of_waits(s.finish, w))
            for s in steps.get(pk, ())
        ]
        due = net_of_waits(axis.at(appointment), w) if appointment is not None else None
        model.add_finished(
            proc, unit, net_of_waits(axis.at(received), w), net_of_waits(axis.at(end), w), day, net, due
        )
    return model


def waits_of(axis: Axis, dossiers: Any) -> dict[int, list[tuple[float, float]]]:
    """Each dossier's waits for the citizen on the working-day axis (an unanswered request runs on)."""
    out: dict[int, list[tuple[float, float]]] = {}
    for dossier_id, asked, back in (
        Supplement.objects.filter(dossier_id__in=dossiers.values("pk"))
        .order_by("dossier_id", "requested_at", "pk")  # the order ``bulk.waits`` subtracts them in
        .values_list("dossier_id", "requested_at", "completed_at")
    ):
        out.setdefault(dossier_id, []).append((axis.at(asked), axis.at(back) if back else float("inf")))
    return out


def open_dossiers(qs: Any = None) -> Iterator[OpenRow]:
    """Open dossiers with an appointment, each with its step in progress (the last unfinished one)."""
    qs = qs if qs is not None else Dossier.objects.filter(status__in=OPEN)
    rows = {
        r[0]: OpenRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or r[7])
        for r in qs.exclude(received_at__isnull=True)
        .filter(Q(appointment_at__isnull=False) | Q(effective_appointment_at__isnull=False))
        .values_list(
            "pk",
            "code",
            "procedure_id",
            "handling_unit_id",
            "receiving_unit_id",
            "received_at",
            "effective_appointment_at",
            "appointment_at",
        )
        .iterator(chunk_size=20000)
    }
    for pk, dossier_id, seq, unit_id, unit_name, official_id, started, deadline in (
        DossierStep.objects.filter(dossier_id__in=qs.values("pk"), finished_at__isnull=True)
        .order_by("dossier_id", "seq", "pk")
        .values_list(
            "pk", "dossier_id", "seq", "unit_id", "unit_name", "official_id", "started_at", "deadline_at"
        )
        .iterator(chunk_size=20000)
    ):
        row = rows.get(dossier_id)
        if row is not None and started is not None:
            row.step_id, row.seq, row.step_unit_id, row.step_unit_name = pk, seq, unit_id, unit_name
            row.official_id, row.step_start, row.step_deadline = official_id, started, deadline
    yield from rows.values()


def with_waits(axis: Axis, rows: Iterator[OpenRow], qs: Any = None) -> Iterator[OpenRow]:
    listed = list(rows)
    waits = waits_of(axis, qs if qs is not None else Dossier.objects.filter(status__in=OPEN))
    for r in listed:
        r.waits = waits.get(r.pk, [])
        yield r


def as_open(axis: Axis, row: OpenRow, now: dt.datetime) -> OpenDossier:
    """The dossier on the model's axis, its waits for the citizen taken out (``net_of_waits``)."""
    w = row.waits

    def net(t: dt.datetime) -> float:
        return net_of_waits(axis.at(t), w)

    return OpenDossier(
        procedure=row.procedure_id,
        handling_unit=row.handling_unit_id,
        now=net(now),
        appointment=net(row.appointment_at),
        seq=row.seq,
        step_unit=row.step_unit_id,
        step_start=net(row.step_start) if row.step_start is not None else net(row.received_at),
        step_deadline=net(row.step_deadline) if row.step_deadline is not None else None,
    )


# --- tasks and petitions --------------------------------------------------------------------------------


def _kind_of(object_type: str) -> str:
    return "task" if object_type == TASK_TYPE else "petition"


def span_history(axis: Axis, first: dt.date, last: dt.date) -> SpanModel:
    """Tasks and petitions reported done in [first, last]: working days from start to the report."""
    model = SpanModel(window_days=window_days(), min_alive=min_history())
    rows = Deadline.objects.filter(object_type__in=(TASK_TYPE, PETITION_TYPE), cancelled_on__isnull=True)
    ended = Q(reported_on__gte=first, reported_on__lte=last) | Q(
        reported_on__isnull=True, done_on__gte=first, done_on__lte=last
    )
    for object_type, unit_id, start, reported, done in rows.filter(ended).values_list(
        "object_type", "unit_id", "start_date", "reported_on", "done_on"
    ):
        finished = reported or done
        if finished is None:
            continue
        took = axis.end_of(finished) - axis.end_of(start)
        model.add_finished((object_type, unit_id), object_type, finished, took)
    return model


def open_spans() -> Iterable[Deadline]:
    return (
        Deadline.objects.filter(
            object_type__in=(TASK_TYPE, PETITION_TYPE),
            cancelled_on__isnull=True,
            reported_on__isnull=True,
            done_on__isnull=True,
            due__isnull=False,
        )
        .only("pk", "object_type", "object_id", "title", "url", "unit_id", "official_id", "start_date", "due")
        .iterator(chunk_size=5000)
    )


def span_estimate(axis: Axis, model: SpanModel, d: Deadline, today: dt.date) -> Estimate:
    assert d.due is not None
    start = axis.end_of(d.start_date)  # the start day itself is not counted (BLDS 2015 Art. 147)
    now = axis.morning(today)
    due = axis.end_of(d.due)
    return model.risk(
        (d.object_type, d.unit_id),
        d.object_type,
        today,
        elapsed=now - start,
        left=due - now,
        legal=due - start,
    )
