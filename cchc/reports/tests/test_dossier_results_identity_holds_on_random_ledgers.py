"""Property: on any ledger, every row of the in-app report keeps carried_over + received = finished +
open, and the dossiers in the period are exactly those the single-dossier judge puts there (open at the
period's end, or ended on or after its first day)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.calendar.queries import work_calendar_for
from cchc.dossiers.models import Dossier, Status
from cchc.lib.outcomes import OutcomeKind, judge
from cchc.reports import dossier_results
from cchc.reports.tests.helpers import LOCAL, Q2, make

BASE = dt.datetime(2022, 3, 1, 8, 0, tzinfo=LOCAL)

one = st.fixed_dictionaries(
    {
        "received": st.integers(0, 140),  # days after 1/3 (to mid-July)
        "hour": st.integers(7, 16),
        "limit": st.integers(0, 20),
        "took": st.one_of(st.none(), st.integers(0, 40)),
        "channel": st.sampled_from([1, 2, 3]),
        "unit": st.sampled_from(["p1", "p2"]),
        "sups": st.lists(st.tuples(st.integers(0, 10), st.one_of(st.none(), st.integers(0, 6))), max_size=2),
    }
)


def _fmt(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(one, min_size=1, max_size=12))
def test_every_row_balances_and_the_period_holds_what_the_judge_says(world, specs):
    Dossier.objects.all().delete()
    for i, s in enumerate(specs):
        received = BASE + dt.timedelta(days=s["received"], hours=s["hour"] - 8)
        end = None if s["took"] is None else received + dt.timedelta(days=s["took"], hours=1)
        sups, cursor = [], received
        for gap, length in s["sups"]:
            asked = cursor + dt.timedelta(days=gap, hours=1)
            done = None if length is None else asked + dt.timedelta(days=length)
            sups.append((_fmt(asked), _fmt(done) if done else None))
            cursor = done or asked
            if done is None:
                break
        status = (
            Status.RETURNED
            if end
            else (Status.SUPPLEMENT if sups and sups[-1][1] is None else Status.PROCESSING)
        )
        make(
            world,
            f"R-{i}",
            _fmt(received),
            appointment=_fmt(received + dt.timedelta(days=s["limit"])),
            end=_fmt(end) if end else None,
            status=status,
            channel=s["channel"],
            handling=s["unit"],
            supplements=sups,
        )
    cal = work_calendar_for(None)
    doc = dossier_results.document(Dossier.objects.all(), Q2, cal)
    for row in [*doc["units"], doc["total"]]:
        assert row["carried_over"] + row["received"] == row["finished"] + row["open"] == row["in_period"]
    expected = 0
    start = dt.datetime.combine(Q2.start, dt.time.min)
    for part in dossier_results.load(Dossier.objects.all(), Q2):
        for d in part.dossiers:
            v = judge(d, cal, Q2.end, rules=dossier_results.rules())
            still_open = v.outcome in (OutcomeKind.OPEN_WITHIN_TIME, OutcomeKind.OPEN_OVERDUE)
            ended_here = v.outcome != OutcomeKind.EXCLUDED and v.ended_at is not None and v.ended_at >= start
            expected += still_open or ended_here
    assert doc["total"]["in_period"] == expected
