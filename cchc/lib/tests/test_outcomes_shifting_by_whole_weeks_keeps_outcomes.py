"""Property: moving every instant of a dossier (and the end of the period) by whole weeks keeps its
outcome and causes, as long as no holiday or make-up day is crossed.

Every instant is drawn between 9/5/2022 and mid-July 2022 and moved by at most four weeks, so the whole
story stays inside 4/5–31/8/2022, where the bundled table has no special day (30/4–3/5 and 1–2/9 lie
outside). Months are left out: a month is not a whole number of weeks, so "one month later" falls on
another weekday after a shift (docs/outcomes.md).
"""

from dataclasses import replace
from datetime import date, datetime, timedelta

from hypothesis import given, settings
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
from cchc.lib.outcomes_batch import judge_many
from cchc.lib.tests.test_outcomes_calendar_is_the_bundled_table import vn

WINDOW = (date(2022, 5, 4), date(2022, 8, 31))
START = datetime(2022, 5, 9)


def test_the_window_has_no_special_day():
    cal = vn()
    day = WINDOW[0]
    while day <= WINDOW[1]:
        assert cal.is_working_day(day) is (day.weekday() < 5), day
        day += timedelta(days=1)


def at():
    return st.integers(0, 40 * 24 * 60).map(lambda m: START + timedelta(minutes=m - m % 15))


def maybe(strategy):
    return st.one_of(st.none(), strategy)


@st.composite
def dossiers(draw):
    status = draw(st.integers(1, 10))
    received = draw(at())
    ended = draw(at()) if status in (7, 8, 9, 10) or draw(st.booleans()) else None
    if status in (7, 8, 9, 10) and ended is None:
        ended = received
    supplements = tuple(
        Supplement(
            asked, draw(maybe(st.integers(0, 5 * 24 * 60).map(lambda m, a=asked: a + timedelta(minutes=m))))
        )
        for asked in draw(st.lists(at(), max_size=2))
    )
    steps = tuple(
        Step(
            draw(st.sampled_from(["U1", "U2"])),
            "A",
            draw(maybe(at())),
            draw(maybe(at())),
            draw(maybe(at())),
            draw(st.booleans()),
        )
        for _ in range(draw(st.integers(0, 3)))
    )
    events = tuple(StatusEvent(draw(st.integers(1, 10)), draw(at())) for _ in range(draw(st.integers(0, 2))))
    limit = draw(
        maybe(
            st.builds(
                LegalLimit,
                st.integers(1, 10).map(float),
                st.sampled_from([LimitUnit.WORKING_DAYS, LimitUnit.DAYS]),
            )
            | st.builds(LegalLimit, st.floats(0.5, 40).map(lambda x: round(x, 2)), st.just(LimitUnit.HOURS))
        )
    )
    return Dossier(
        "X", "P", status, received, draw(maybe(at())), ended, supplements, steps, limit, False, events
    )


def shifted(d: Dossier, weeks: int) -> Dossier:
    delta = timedelta(weeks=weeks)

    def mv(t):
        return None if t is None else t + delta

    return replace(
        d,
        received_at=mv(d.received_at),
        appointment_at=mv(d.appointment_at),
        ended_at=mv(d.ended_at),
        supplements=tuple(Supplement(s.requested_at + delta, mv(s.completed_at)) for s in d.supplements),
        steps=tuple(
            replace(s, started=mv(s.started), finished=mv(s.finished), deadline=mv(s.deadline))
            for s in d.steps
        ),
        status_events=tuple(StatusEvent(e.status, e.at + delta) for e in d.status_events),
    )


@settings(max_examples=150, deadline=None)
@given(
    dossiers(),
    st.integers(0, 52).map(lambda k: date(2022, 5, 9) + timedelta(days=k)),
    st.integers(1, 4),
    st.sampled_from(list(SupplementShift)),
)
def test_shifting_every_instant_by_whole_weeks_keeps_the_outcome_and_causes(d, as_of, weeks, shift):
    rules = Rules(shift)
    before = judge(d, vn(), as_of, rules=rules)
    after = judge(shifted(d, weeks), vn(), as_of + timedelta(weeks=weeks), rules=rules)
    assert after.outcome == before.outcome
    assert after.causes == before.causes
    if before.deadline is not None:
        assert after.deadline == before.deadline + timedelta(weeks=weeks)
    batch = judge_many([d, shifted(d, weeks)], vn(), as_of, rules=rules)
    assert batch[0] == before
