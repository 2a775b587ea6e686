"""The morning refresh scores every open dossier on arrays and writes in bulk; what it stores is exactly
what the per-dossier model says of each dossier, read one at a time, sentence included (both engines)."""

import datetime as dt
import random

from cchc.dossiers.models import Outcome, Status
from cchc.dossiers.tests.factories import LOCAL, StepSpec, dossier, procedure
from cchc.earlywarning import compute
from cchc.earlywarning.models import Kind, Risk
from cchc.earlywarning.refresh import refresh
from cchc.lib.earlywarning.model import explain
from cchc.lib.earlywarning.survival import Estimate

TODAY = dt.date(2024, 6, 3)
NOW = dt.datetime(2024, 6, 3, 7, 0, tzinfo=LOCAL)


def _instant(rng: random.Random, days_back: float) -> dt.datetime:
    # Seconds and microseconds too: the bulk reader must keep every digit of a stored instant.
    return NOW - dt.timedelta(
        days=days_back, seconds=rng.randint(0, 86399), microseconds=rng.randint(0, 999999)
    )


def _ledger(world, rng: random.Random) -> None:
    procs = [procedure(f"1.00{i}", f"Thủ tục thử {i}") for i in range(3)]
    procs.append(procedure("1.009", "Thủ tục hiếm"))  # one finished dossier only: the fallbacks
    units = ["p1", "p2", None]
    for i in range(160):
        proc = procs[0] if i == 0 else rng.choice(procs[:3])
        received = _instant(rng, rng.uniform(3, 150))
        at, steps = received, []
        for _ in range(rng.randint(0, 3)):
            took = dt.timedelta(hours=rng.uniform(1, 80))
            steps.append(StepSpec(rng.choice(units), None, at, at + took, at + dt.timedelta(days=2)))
            at += took
        end = at + dt.timedelta(hours=rng.uniform(0, 30))
        waits = [(received + dt.timedelta(hours=5), received + dt.timedelta(hours=30))] if i % 9 == 0 else []
        dossier(world, f"H-{i:03d}", proc=proc if i else procs[3], handling=rng.choice(["p1", "p2"]),
                received=received, appointment=received + dt.timedelta(days=rng.choice([0, 3, 6])), end=end,
                finished_on=end.astimezone(LOCAL).date(), outcome=rng.choice([Outcome.ON_TIME, Outcome.LATE]),
                status=Status.PROCESSED, steps=steps, supplements=waits)  # fmt: skip
    for i in range(50):
        received = _instant(rng, rng.uniform(0.2, 12))
        at, steps = received, []
        for k in range(rng.randint(0, 3)):
            last = k == 2 or rng.random() < 0.4
            took = dt.timedelta(hours=rng.uniform(1, 40))
            deadline = None if rng.random() < 0.2 else at + dt.timedelta(days=rng.uniform(-2, 4))
            official = rng.choice(["ward_officer", None])
            steps.append(StepSpec(rng.choice(units), official, at, None if last else at + took, deadline))
            if last:
                break
            at += took
        waits = [(received + dt.timedelta(hours=2), received + dt.timedelta(hours=20))] if i % 7 == 0 else []
        dossier(world, f"O-{i:03d}", proc=rng.choice(procs), handling=rng.choice(["p1", "p2"]),
                receiving=rng.choice(["p1_mc", "p1"]), received=received,
                appointment=received + dt.timedelta(days=rng.uniform(0, 9)), outcome="",
                status=rng.choice([Status.RECEIVED, Status.PROCESSING, Status.FINANCIAL]), steps=steps,
                supplements=waits)  # fmt: skip


def _what_dossier(row: compute.OpenRow, name: str) -> str:
    what = f"Phần còn lại của hồ sơ {name}" if row.seq else f"Hồ sơ {name}"
    if row.seq and row.step_unit_name:
        what = f"Từ bước {row.seq} ở {row.step_unit_name} đến khi xong, hồ sơ {name}"
    return what


def _same(stored: Risk, e: Estimate, what: str) -> None:
    assert stored.estimate == e
    assert stored.explanation == explain(e, what)[:600]


def test_every_stored_risk_is_the_per_dossier_models_to_the_last_digit(world, settings):
    settings.CCHC_EARLY_WARNING_MIN_HISTORY = 4
    _ledger(world, random.Random(19))
    result = refresh(TODAY, NOW)

    cal = compute.calendar()
    axis = compute.Axis(cal)
    model = compute.dossier_history(
        axis, TODAY - dt.timedelta(days=compute.window_days()), TODAY - dt.timedelta(days=1)
    )
    stored = {(r.kind, r.object_id): r for r in Risk.objects.all()}
    names = {r.dossier_id: r.title.split(" — ", 1)[1] for r in stored.values() if r.kind == Kind.DOSSIER}
    levels, steps = set(), 0
    for row in compute.with_waits(axis, compute.open_dossiers()):
        o = compute.as_open(axis, row, NOW)
        e = model.dossier_risk(o, TODAY)
        got = stored[(Kind.DOSSIER, row.pk)]
        _same(got, e, _what_dossier(row, names[row.pk]))
        levels.add(e.level)
        appointment = axis.local(row.appointment_at)
        assert got.apology_by == cal.previous_working_day(appointment.date() - dt.timedelta(days=1))
        assert got.expected_finish == cal.add_working_days(
            TODAY, max(0, -int(-(e.expected_more - 1e-9) // 1))
        )
        assert got.unit_id == (row.step_unit_id or row.handling_unit_id)
        assert got.step_id == row.step_id and got.receiving_unit_id == row.receiving_unit_id
        assert got.url == f"/ho-so/ho-so/{row.code}/" and got.due_at == row.appointment_at
        s = model.step_risk(o, TODAY)
        assert ((Kind.STEP, row.step_id) in stored) == (s is not None)
        if s is not None:
            steps += 1
            step = stored[(Kind.STEP, row.step_id)]
            _same(step, s, f"Bước {row.seq} ở {row.step_unit_name or 'đơn vị'}")
            assert step.title == f"Bước {row.seq} ({row.step_unit_name}) — hồ sơ {row.code}"
            assert step.due_at == row.step_deadline and step.apology_by is None
    assert result.dossiers == 50 and result.steps == steps > 0
    assert len(stored) == 50 + steps
    assert {"unit", "wide", "legal"} <= levels  # the random ledger reaches the narrow level and the fallback


def test_an_item_nobody_holds_goes_to_the_head_of_its_unit(world, settings):
    settings.CCHC_EARLY_WARNING_MIN_HISTORY = 4
    _ledger(world, random.Random(5))
    refresh(TODAY, NOW)
    head = world.officials["unit_head"]
    orphans = Risk.objects.filter(kind=Kind.DOSSIER, unit=world.units["p1"], step__official__isnull=True)
    assert orphans.exists()
    assert set(orphans.values_list("official_id", flat=True)) == {head.pk}
