"""``judge_many`` (numpy, for a million rows) gives exactly what ``judge`` gives, dossier by dossier."""

from datetime import date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.lib.outcomes import (
    Dossier,
    LegalLimit,
    LimitUnit,
    Rules,
    StatusEvent,
    Step,
    Supplement,
    SupplementShift,
    judge,
)
from cchc.lib.outcomes_batch import DossierBatch, judge_many
from cchc.lib.tests.test_outcomes_calendar_is_the_bundled_table import vn

# Around Tết 2022 and Tết 2023, so the calendar's special days are crossed often.
ORIGINS = (datetime(2022, 1, 10), datetime(2023, 1, 2), datetime(2022, 4, 20))


@st.composite
def instants(draw, origin, span_days=40):
    minutes = draw(st.integers(0, span_days * 24 * 60))
    # Half the instants land on round office-hour marks, where off-by-one mistakes live.
    if draw(st.booleans()):
        minutes -= minutes % 30
    return origin + timedelta(minutes=minutes)


def maybe(strategy):
    return st.one_of(st.none(), strategy)


@st.composite
def dossiers(draw, code="X"):
    origin = draw(st.sampled_from(ORIGINS))
    at = instants(origin)
    status = draw(st.integers(1, 10))
    received = draw(at)
    terminal = status in (7, 8, 9, 10)
    ended = draw(at) if terminal or draw(st.booleans()) else None
    supplements = []
    for _ in range(draw(st.integers(0, 3))):
        asked = draw(at)
        done = draw(maybe(st.integers(0, 15 * 24 * 60)))
        supplements.append(Supplement(asked, None if done is None else asked + timedelta(minutes=done)))
    steps = [
        Step(
            draw(st.sampled_from(["U1", "U2", "Chi cục Thuế", None])),
            draw(st.sampled_from(["A", "B", None])),
            draw(maybe(at)),
            draw(maybe(at)),
            draw(maybe(at)),
            draw(st.booleans()),
        )
        for _ in range(draw(st.integers(0, 4)))
    ]
    events = [StatusEvent(draw(st.integers(1, 10)), draw(at)) for _ in range(draw(st.integers(0, 3)))]
    limit = draw(
        maybe(
            st.builds(
                LegalLimit,
                st.integers(1, 30).map(float) | st.floats(0.5, 40).map(lambda x: round(x, 1)),
                st.just(LimitUnit.HOURS),
            )
            | st.builds(LegalLimit, st.integers(1, 30).map(float), st.sampled_from(list(LimitUnit)))
        )
    )
    if terminal and ended is None and not events:
        ended = received
    return Dossier(
        code=code,
        procedure_code="P",
        status=status,
        received_at=received,
        appointment_at=draw(maybe(at)),
        ended_at=ended,
        supplements=tuple(supplements),
        steps=tuple(steps),
        legal_limit=limit,
        inter_agency=draw(st.booleans()),
        status_events=tuple(events),
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(dossiers(), min_size=1, max_size=12),
    st.sampled_from(ORIGINS).flatmap(lambda o: instants(o, 60)).map(lambda t: t.date()),
    st.sampled_from(list(SupplementShift)),
)
def test_the_batch_judge_agrees_with_the_single_dossier_judge(batch, as_of, shift):
    rules = Rules(shift)
    expected = [judge(d, vn(), as_of, rules=rules) for d in batch]
    result = judge_many(batch, vn(), as_of, rules=rules)
    assert result.outcomes() == expected
    assert [result[i] for i in range(len(batch))] == expected
    counts = {kind: sum(1 for o in expected if o.outcome == kind) for kind in result.summary()}
    assert result.summary() == counts


def test_an_empty_batch_gives_empty_answers():
    result = judge_many(DossierBatch.from_dossiers([]), vn(), date(2022, 6, 30))
    assert result.outcomes() == []
    assert sum(result.summary().values()) == 0
