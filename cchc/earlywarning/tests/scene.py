"""A small history and three open dossiers around a fixed morning, for the early-warning tests.

Phường 1 finished 30 dossiers of one procedure in the month before ``TODAY``, each in 2 to 6 working
days. Open on ``TODAY``: A (Phường 1, held by the ward officer, five days in, due this afternoon),
B (Phường 2, held by the other ward's officer, past its appointment) and C (Phường 1, nobody named on
the step).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cchc.dossiers.models import Outcome, Status
from cchc.dossiers.tests.factories import LOCAL, StepSpec, dossier, procedure
from cchc.earlywarning.refresh import RefreshResult, refresh
from cchc.testing.personas import World

TODAY = dt.date(2024, 6, 3)  # a Monday


def at(d: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime.combine(d, dt.time(hour, 0), tzinfo=LOCAL)


def workdays_before(d: dt.date, n: int) -> dt.date:
    while n:
        d -= dt.timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def build(world: World) -> dict[str, object]:
    proc = procedure()
    for i in range(30):
        received = at(workdays_before(TODAY, 25 - i % 10))
        took = 2 + i % 5  # 2..6 working days
        end_day = received.date()
        for _ in range(took):
            end_day += dt.timedelta(days=1)
            while end_day.weekday() >= 5:
                end_day += dt.timedelta(days=1)
        end = at(end_day, 10)
        dossier(
            world,
            f"H-{i:02d}",
            proc=proc,
            received=received,
            appointment=at(end_day, 16),
            end=end,
            finished_on=end_day,
            outcome=Outcome.ON_TIME,
            status=Status.PROCESSED,
            steps=[StepSpec("p1", "ward_officer", received, end, at(end_day, 16))],
        )
    open_kw: dict[str, Any] = {"proc": proc, "status": Status.PROCESSING, "outcome": ""}
    start_a = at(workdays_before(TODAY, 5))
    a = dossier(world, "A-OPEN", received=start_a, appointment=at(TODAY, 16),
                steps=[StepSpec("p1", "ward_officer", start_a, None, at(TODAY, 16))], **open_kw)  # fmt: skip
    start_b = at(workdays_before(TODAY, 8))
    step_b = StepSpec("p2", "other_ward_officer", start_b, None, at(workdays_before(TODAY, 2), 16))
    b = dossier(world, "B-OPEN", handling="p2", receiving="p2", received=start_b,
                appointment=at(workdays_before(TODAY, 1), 16), steps=[step_b], **open_kw)  # fmt: skip
    start_c = at(workdays_before(TODAY, 4))
    c = dossier(world, "C-OPEN", received=start_c, appointment=at(TODAY, 16),
                steps=[StepSpec("p1", None, start_c, None, at(TODAY, 11))], **open_kw)  # fmt: skip
    return {"A": a, "B": b, "C": c}


def scored(world: World, settings: object) -> RefreshResult:
    settings.CCHC_EARLY_WARNING_MIN_HISTORY = 5  # type: ignore[attr-defined]
    settings.CCHC_EARLY_WARNING_THRESHOLD_PERCENT = 30  # type: ignore[attr-defined]
    build(world)
    return refresh(TODAY)
