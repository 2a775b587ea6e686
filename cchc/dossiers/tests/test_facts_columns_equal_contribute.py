"""``facts.contribute_columns`` (the fast import path) gives the same daily deltas as ``facts.contribute``
(every other write and the rebuild) for any mix of dossier states: finished on, before or after the day
received, open with or without an appointment, overdue from a second supplement request, excluded."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np

from cchc.dossiers import facts

OUTCOMES = ["", "early", "on_time", "late", "excluded"]


def random_state(rng: random.Random) -> facts.FactState:
    base = dt.date(2025, 1, 1)

    def day(p: float) -> dt.date | None:
        return base + dt.timedelta(days=rng.randrange(40)) if rng.random() < p else None

    outcome = rng.choice(OUTCOMES)
    return facts.FactState(
        unit_id=rng.choice([1, 2, 3]),
        procedure_id=rng.choice([10, 11]),
        status=rng.choice([1, 2, 3, 4, 5, 9, 10]),
        online=rng.random() < 0.4,
        received_day=day(0.95),
        outcome=outcome,
        finished_day=day(0.9) if outcome in ("early", "on_time", "late") else day(0.1),
        overdue_from=day(0.7),
    )


def as_array(values: list[dt.date | None]) -> np.ndarray:
    return np.array([np.datetime64(v, "D") if v else np.datetime64("NaT", "D") for v in values])


def test_column_deltas_equal_row_deltas():
    rng = random.Random(3)
    states = [random_state(rng) for _ in range(3000)]
    expected: facts.FactDeltas = {}
    for s in states:
        facts.contribute(expected, s)
    frame = facts.contribute_columns(
        np.array([s.unit_id for s in states]),
        np.array([s.procedure_id for s in states]),
        np.array([s.status for s in states]),
        np.array([s.online for s in states]),
        as_array([s.received_day for s in states]),
        np.array([s.outcome for s in states], dtype=object),
        as_array([s.finished_day for s in states]),
        as_array([s.overdue_from for s in states]),
    )
    got = {(u, p, d): list(v) for u, p, d, *v in frame.rows()}
    assert got == facts.prune(expected)
    assert len(got) > 200  # of the 240 possible keys
