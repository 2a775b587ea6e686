"""The backtest: for each working morning of a period, what the model said about every open dossier then
(from history finished before that morning only), against how each dossier ended.

The threshold is chosen on the *fit* slice (dossiers due before the split day) and only reported on the
*held-out* slice (due on or after it); both are given. Limits (docs/early-warning.md): the appointment
used is the final one after supplement shifts, which a morning before a later supplement could not
know; mornings when the dossier waits for the citizen are skipped, as in the live refresh.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from cchc.dossiers.demo_generator import ACTOR as DEMO_SOURCE
from cchc.dossiers.models import Dossier, DossierStep, Outcome, Supplement
from cchc.earlywarning import compute
from cchc.earlywarning.models import BacktestRun
from cchc.lib.earlywarning import measure
from cchc.lib.earlywarning.model import DossierModel, FinishedStep, OpenDossier, net_of_waits

JUDGED = (Outcome.EARLY, Outcome.ON_TIME, Outcome.LATE, Outcome.OPEN_OVERDUE)
LATE = (Outcome.LATE, Outcome.OPEN_OVERDUE)


@dataclass
class _Step:
    seq: int
    unit: int | None
    start: dt.datetime
    finish: dt.datetime | None
    deadline: dt.datetime | None


@dataclass
class _Dossier:
    pk: int
    procedure: int
    handling: int
    received: dt.datetime
    end: dt.datetime | None
    finished_on: dt.date | None
    appointment: dt.datetime
    late: bool
    steps: list[_Step] = field(default_factory=list)
    waits: list[tuple[dt.datetime, dt.datetime | None]] = field(default_factory=list)
    net_waits: list[tuple[float, float]] = field(default_factory=list)


def _load(axis: compute.Axis, first: dt.date, last: dt.date) -> list[_Dossier]:
    start = first - dt.timedelta(days=compute.window_days())
    qs = Dossier.objects.filter(
        received_at__date__gte=start, received_at__date__lte=last, outcome__in=JUDGED
    ).exclude(received_at__isnull=True)
    rows: dict[int, _Dossier] = {}
    for pk, proc, unit, received, end, day, eff, appt, outcome in qs.values_list(
        "pk", "procedure_id", "handling_unit_id", "received_at", "end_at", "finished_on",
        "effective_appointment_at", "appointment_at", "outcome",
    ).iterator(chunk_size=20000):  # fmt: skip
        appointment = eff or appt
        if received is None or appointment is None:
            continue
        rows[pk] = _Dossier(
            pk, proc, unit, axis.local(received), axis.local(end) if end else None, day,
            axis.local(appointment), outcome in LATE,
        )  # fmt: skip
    for dossier_id, seq, unit, started, finished, deadline in (
        DossierStep.objects.filter(dossier_id__in=qs.values("pk"))
        .exclude(started_at__isnull=True)
        .order_by("dossier_id", "seq")
        .values_list("dossier_id", "seq", "unit_id", "started_at", "finished_at", "deadline_at")
        .iterator(chunk_size=20000)
    ):
        d = rows.get(dossier_id)
        if d is not None and started is not None:
            d.steps.append(
                _Step(
                    seq, unit, axis.local(started), axis.local(finished) if finished else None,
                    axis.local(deadline) if deadline else None,
                )
            )  # fmt: skip
    for dossier_id, asked, back in Supplement.objects.filter(dossier_id__in=qs.values("pk")).values_list(
        "dossier_id", "requested_at", "completed_at"
    ):
        d = rows.get(dossier_id)
        if d is not None:
            d.waits.append((axis.local(asked), axis.local(back) if back else None))
            d.net_waits.append((axis.at(asked), axis.at(back) if back else float("inf")))
    return sorted(rows.values(), key=lambda d: d.received)


def _add_history(model: DossierModel, axis: compute.Axis, d: _Dossier) -> None:
    assert d.end is not None and d.finished_on is not None
    w = d.net_waits

    def net(t: dt.datetime) -> float:
        return net_of_waits(axis.at(t), w)

    steps = [
        FinishedStep(s.seq, s.unit, net(s.start), net(s.finish)) for s in d.steps if s.finish is not None
    ]
    model.add_finished(
        d.procedure, d.handling, net(d.received), net(d.end), d.finished_on, steps, net(d.appointment)
    )


def predictions(
    first: dt.date, last: dt.date, sample: int = 1
) -> Iterator[tuple[dt.date, measure.Prediction]]:
    """(morning, prediction) for every judged dossier open on each working morning of [first, last]; with
    ``sample`` n, only every n-th dossier is scored (all of them still make the history)."""
    cal = compute.calendar()
    axis = compute.Axis(cal)
    dossiers = _load(axis, first, last)
    finished = sorted(
        (d for d in dossiers if d.end is not None and d.finished_on is not None),
        key=lambda d: d.finished_on or first,
    )
    model = DossierModel(window_days=compute.window_days(), min_alive=compute.min_history())
    added = 0
    received = 0
    active: dict[int, _Dossier] = {}
    for day in cal.working_days_in(first, last):
        morning = dt.datetime.combine(day, dt.time(7, 0))
        while added < len(finished) and (finished[added].finished_on or day) < day:
            _add_history(model, axis, finished[added])
            added += 1
        while received < len(dossiers) and dossiers[received].received < morning:
            if dossiers[received].pk % sample == 0:
                active[dossiers[received].pk] = dossiers[received]
            received += 1
        now = axis.at(morning)
        model.rest.history.forget_cache()
        for pk, d in list(active.items()):
            if d.end is not None and d.end <= morning:
                del active[pk]
                continue
            if d.appointment <= morning:
                continue  # already past its appointment: late, no longer a warning
            if any(a <= morning and (b is None or b > morning) for a, b in d.waits):
                continue  # waiting for the citizen: the clock is stopped
            step = next(
                (
                    s
                    for s in reversed(d.steps)
                    if s.start <= morning and (s.finish is None or s.finish > morning)
                ),
                None,
            )
            w = d.net_waits
            o = OpenDossier(
                procedure=d.procedure,
                handling_unit=d.handling,
                now=net_of_waits(now, w),
                appointment=net_of_waits(axis.at(d.appointment), w),
                seq=step.seq if step else 0,
                step_unit=step.unit if step else None,
                step_start=net_of_waits(axis.at(step.start if step else d.received), w),
                step_deadline=net_of_waits(axis.at(step.deadline), w) if step and step.deadline else None,
            )
            e = model.dossier_risk(o, day)
            before = cal.working_days_between(day, d.appointment.date())
            sign = step is not None and step.deadline is not None and step.deadline <= morning
            yield day, measure.Prediction(pk, e.risk, before, d.late, sign)


def _counts(s: measure.Scores) -> dict[str, Any]:
    return {
        "threshold": s.threshold,
        "flagged": s.flagged,
        "true_alarms": s.true_alarms,
        "false_alarms": s.false_alarms,
        "recall": s.recall,
        "precision": s.precision,
        "false_per_true": s.false_per_true,
    }


def _slice(preds: list[measure.Prediction], threshold: float, lead: int) -> dict[str, Any]:
    items = measure.summarise(preds, lead)
    s = measure.score(items, threshold, lead)
    return {
        # Every candidate threshold (the fit slice's curve chooses the threshold; the held-out one is
        # only reported), and the rule "a step already past its own deadline" with no model at all.
        "curve": [_counts(c) for c in measure.curve(items, lead)],
        "overdue_step_rule": _counts(measure.sign_rule(items, lead)),
        "dossiers": s.items,
        "late": s.late,
        "flagged": s.flagged,
        "true_alarms": s.true_alarms,
        "false_alarms": s.false_alarms,
        "recall": s.recall,
        "precision": s.precision,
        "false_per_true": s.false_per_true,
        "meets_targets": s.meets(),
        "never_scored_early": sum(1 for i in items if i.early_max < 0),
        "late_never_scored_early": sum(1 for i in items if i.early_max < 0 and i.late),
        "predictions": len(preds),
        "calibration": [asdict(b) for b in measure.calibration(preds)],
    }


def run(
    first: dt.date,
    last: dt.date,
    split: dt.date | None = None,
    lead: int = measure.DEFAULT_LEAD,
    sample: int = 1,
) -> dict[str, Any]:
    """Fit the threshold on the dossiers due before ``split``, report both slices at that threshold."""
    split = split or first + (last - first) * 2 // 3
    fit: list[measure.Prediction] = []
    held: list[measure.Prediction] = []
    due: dict[Any, bool] = {}
    axis = compute.Axis(compute.calendar())
    appointments: dict[int, dt.datetime | None] = {
        pk: eff or appt
        for pk, eff, appt in Dossier.objects.filter(received_at__date__lte=last).values_list(
            "pk", "effective_appointment_at", "appointment_at"
        )
    }
    for _day, p in predictions(first, last, sample):
        if p.item not in due:
            appt = appointments.get(int(p.item))  # type: ignore[call-overload]
            due[p.item] = appt is not None and axis.local(appt).date() >= split
        (held if due[p.item] else fit).append(p)
    chosen = measure.choose_threshold(measure.summarise(fit, lead), lead)
    demo = Dossier.objects.filter(source__startswith=DEMO_SOURCE).exists()
    return {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "split": split.isoformat(),
        "lead_working_days": lead,
        "threshold": chosen.threshold,
        "window_days": compute.window_days(),
        "min_history": compute.min_history(),
        "generated_data": demo,
        "sample": sample,
        "targets": {"recall": 0.6, "false_per_true": 1.0},
        "fit": _slice(fit, chosen.threshold, lead),
        "held_out": _slice(held, chosen.threshold, lead),
    }


def save(figures: dict[str, Any]) -> BacktestRun:
    return BacktestRun.objects.create(
        first_day=dt.date.fromisoformat(figures["from"]),
        last_day=dt.date.fromisoformat(figures["to"]),
        split_day=dt.date.fromisoformat(figures["split"]),
        threshold=figures["threshold"],
        figures=figures,
        generated_data=figures["generated_data"],
    )
