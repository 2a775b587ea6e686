"""Property: for the same item on the same morning, more working time left never raises its risk."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.lib.earlywarning.model import DossierModel, FinishedStep, OpenDossier, SpanModel

TODAY = dt.date(2024, 6, 3)
days = st.floats(min_value=0, max_value=60, allow_nan=False)
histories = st.lists(st.tuples(st.sampled_from(["A", "B"]), days), max_size=40)


@settings(deadline=None)  # timing on a shared machine is not what is tested
@given(histories, days, st.floats(-5, 60), st.floats(0, 30), days, st.integers(1, 5))
def test_a_task_or_petition_risk_never_rises_with_more_time_left(
    history: list[tuple[str, float]], elapsed: float, left: float, more: float, legal: float, min_alive: int
) -> None:
    m = SpanModel(min_alive=min_alive)
    for unit, took in history:
        m.add_finished(unit, "all", TODAY - dt.timedelta(days=3), took)
    less = m.risk("A", "all", TODAY, elapsed=elapsed, left=left, legal=legal)
    plenty = m.risk("A", "all", TODAY, elapsed=elapsed, left=left + more, legal=legal)
    assert 0.0 <= plenty.risk <= less.risk <= 1.0


@settings(deadline=None)
@given(histories, st.floats(0, 10), st.floats(-5, 30), st.floats(0, 30), st.floats(0, 10))
def test_a_dossier_risk_never_rises_with_a_later_appointment(
    history: list[tuple[str, float]], spent: float, left: float, more: float, step_time: float
) -> None:
    m = DossierModel(min_alive=2)
    for unit, took in history:
        m.add_finished(
            "X", unit, 0.0, took, TODAY - dt.timedelta(days=3), [FinishedStep(1, unit, 0.0, took / 2)]
        )
    now = 500.0

    def at(appointment: float) -> OpenDossier:
        return OpenDossier(
            "X",
            "A",
            now=now,
            appointment=appointment,
            seq=1,
            step_unit="A",
            step_start=now - spent,
            step_deadline=now - spent + step_time,
        )

    assert m.dossier_risk(at(now + left + more), TODAY).risk <= m.dossier_risk(at(now + left), TODAY).risk
