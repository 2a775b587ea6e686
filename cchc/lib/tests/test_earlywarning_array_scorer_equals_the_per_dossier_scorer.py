"""The array scorer (``vector.score``) gives exactly what ``DossierModel`` gives dossier by dossier, on
random histories with ties, waits, missing units, empty keys and every fallback level."""

import datetime as dt
import random

import numpy as np
import pytest

from cchc.lib.earlywarning import vector
from cchc.lib.earlywarning.model import DossierModel, FinishedStep, OpenDossier, day_start, office_days
from cchc.lib.earlywarning.survival import Estimate
from cchc.lib.workcal import WorkCalendar

TODAY = dt.date(2024, 6, 3)
WINDOW = 30


def _t(rng: random.Random) -> float:
    # Halves make ties between past durations and the open items' elapsed time common.
    return rng.choice([rng.randint(0, 40) / 2, rng.uniform(0, 20)])


def _random_case(seed: int) -> tuple[DossierModel, vector.History, list[OpenDossier], int]:
    rng = random.Random(seed)
    min_alive = rng.choice([0, 1, 2, 3, 5])
    model = DossierModel(window_days=WINDOW, min_alive=min_alive)
    procs, units = range(rng.randint(1, 3)), [*range(rng.randint(1, 3)), -1]
    cols: dict[str, list[object]] = {k: [] for k in ("proc", "unit", "rec", "end", "day", "appt")}
    steps: dict[str, list[object]] = {k: [] for k in ("d", "seq", "unit", "start", "finish")}
    for i in range(rng.randint(0, 120)):
        proc, unit = rng.choice(procs), rng.choice(units)
        received = rng.randint(0, 20) / 2
        end = received + _t(rng)
        finished_on = TODAY - dt.timedelta(days=rng.randint(-3, WINDOW + 3))
        appt = None if rng.random() < 0.2 else received + rng.choice([0.0, 0.04, _t(rng)])
        fs = []
        at = received
        for seq in range(1, rng.randint(1, 4)):
            took = _t(rng) / 3
            fs.append(FinishedStep(seq, rng.choice(units), at, at + took))
            at += took
        model.add_finished(proc, unit, received, end, finished_on, fs, appt)
        for k, v in zip(cols, (proc, unit, received, end, finished_on.toordinal(), appt), strict=True):
            cols[k].append(float("nan") if v is None else v)
        for s in fs:
            for k, v in zip(steps, (i, s.seq, s.unit, s.start, s.finish), strict=True):
                steps[k].append(v)
    h = vector.History(
        procedure=np.array(cols["proc"], np.int64),
        unit=np.array(cols["unit"], np.int64),
        received=np.array(cols["rec"], np.float64),
        end=np.array(cols["end"], np.float64),
        finished_day=np.array(cols["day"], np.int64),
        appointment=np.array(cols["appt"], np.float64),
        step_dossier=np.array(steps["d"], np.int64),
        step_seq=np.array(steps["seq"], np.int64),
        step_unit=np.array(steps["unit"], np.int64),
        step_start=np.array(steps["start"], np.float64),
        step_finish=np.array(steps["finish"], np.float64),
    )
    opens = []
    for _ in range(rng.randint(1, 60)):
        now = 100.0
        start = now - _t(rng)
        seq = rng.randint(0, 4)
        deadline = None if rng.random() < 0.2 else start + rng.choice([_t(rng), 0.0, -1.0])
        opens.append(
            OpenDossier(
                procedure=rng.choice([*procs, 99]),
                handling_unit=rng.choice(units),
                now=now,
                appointment=now + rng.choice([-2.0, 0.0, 0.03, _t(rng), _t(rng)]),
                seq=seq,
                step_unit=rng.choice(units),
                step_start=start,
                step_deadline=deadline,
            )
        )
    return model, h, opens, min_alive


def _as_arrays(opens: list[OpenDossier]) -> vector.Open:
    def col(f: str, dtype: type) -> np.ndarray:
        return np.array([float("nan") if getattr(o, f) is None else getattr(o, f) for o in opens], dtype)

    return vector.Open(
        procedure=col("procedure", np.int64),
        unit=col("handling_unit", np.int64),
        now=col("now", np.float64),
        appointment=col("appointment", np.float64),
        seq=col("seq", np.int64),
        step_unit=col("step_unit", np.int64),
        step_start=col("step_start", np.float64),
        step_deadline=col("step_deadline", np.float64),
    )


def _row(e: vector.Estimates, i: int) -> Estimate:
    return Estimate(
        float(e.risk[i]),
        vector.LEVELS[int(e.level[i])],
        int(e.compared[i]),
        float(e.typical[i]),
        float(e.expected_more[i]),
        float(e.elapsed[i]),
        float(e.left[i]),
    )


@pytest.mark.parametrize("seed", range(60))
def test_every_dossier_and_step_gets_the_same_estimate_to_the_last_bit(seed: int) -> None:
    model, h, opens, min_alive = _random_case(seed)
    scored = vector.score(h, _as_arrays(opens), TODAY, window_days=WINDOW, min_alive=min_alive)
    for i, o in enumerate(opens):
        assert _row(scored.dossier, i) == model.dossier_risk(o, TODAY), (seed, i)
        step = model.step_risk(o, TODAY)
        assert bool(scored.has_step[i]) == (step is not None)
        if step is not None:
            assert _row(scored.step, i) == step, (seed, i)


def test_every_level_and_fallback_is_exercised_by_the_random_cases() -> None:
    seen: set[str] = set()
    for seed in range(60):
        model, _, opens, _ = _random_case(seed)
        seen |= {model.dossier_risk(o, TODAY).level for o in opens}
    assert seen == set(vector.LEVELS)


def test_positions_on_the_working_day_axis_are_the_same_floats_as_one_instant_at_a_time() -> None:
    cal = WorkCalendar(days_off=[dt.date(2024, 4, 30), dt.date(2024, 5, 1)])
    rng = random.Random(7)
    instants = [
        dt.datetime(2024, 4, 25) + dt.timedelta(minutes=rng.randint(0, 60 * 24 * 14)) for _ in range(2000)
    ] + [dt.datetime(2024, 4, 29, 11, 30), dt.datetime(2024, 4, 30, 9), dt.datetime(2024, 5, 4, 8)]
    us = np.array([(t - dt.datetime(1970, 1, 1)) // dt.timedelta(microseconds=1) for t in instants])
    got = vector.positions(cal, us)

    def one(t: dt.datetime) -> float:
        base = office_days(cal, day_start(t.date()))
        if not cal.is_working_day(t.date()):
            return base
        return base + cal.hours.office_us_before(t.time()) / cal.hours.day_us

    assert [float(x) for x in got] == [one(t) for t in instants]


def test_waits_for_the_citizen_are_taken_out_as_the_scalar_sum_does() -> None:
    from cchc.lib.earlywarning.model import net_of_waits

    rng = random.Random(3)
    waits = {
        d: [
            (a, a + rng.choice([0.3, 2.0, float("inf")]))
            for a in (rng.uniform(0, 10) for _ in range(rng.randint(0, 3)))
        ]
        for d in range(50)
    }
    xs = [(d, rng.uniform(0, 15)) for d in range(50) for _ in range(3)]
    wo = np.array([d for d, w in waits.items() for _ in w], np.int64)
    wa = np.array([a for w in waits.values() for a, _ in w])
    wb = np.array([b for w in waits.values() for _, b in w])
    got = vector.net_of_waits(np.array([x for _, x in xs]), np.array([d for d, _ in xs]), wo, wa, wb)
    assert [float(g) for g in got] == [net_of_waits(x, waits[d]) for d, x in xs]
