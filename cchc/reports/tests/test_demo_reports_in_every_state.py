"""The demo's reports: the last three finished quarters by the demo clock, asked of every ward and
agency, in every state (drafts, approved, sent, missing after the due date), the city's own report sent
for the oldest and approved for the next; loading again adds nothing."""

from __future__ import annotations

import datetime as dt

from cchc.core import demo_clock
from cchc.reports import periods, rounds
from cchc.reports.demo import load_reports_demo
from cchc.reports.models import PeriodicReport, State
from cchc.reports.tests.helpers import quarter_set


def test_demo_has_reports_in_every_state_and_loads_once(world):
    quarter_set(world)
    today = dt.date(2022, 8, 15)
    with demo_clock.pinned(today, dt.datetime(2022, 8, 15, 9, 0)):
        load_reports_demo()
        first = PeriodicReport.objects.count()
        assert "không thêm" in load_reports_demo()
    assert PeriodicReport.objects.count() == first
    states = set(PeriodicReport.objects.filter(is_city=False).values_list("state", flat=True))
    assert states == {State.DRAFT, State.APPROVED, State.SUBMITTED}
    city = world.jurisdictions["city"]
    quarters = {(r.year, r.part) for r in PeriodicReport.objects.all()}
    assert quarters == {(2021, 4), (2022, 1), (2022, 2)}
    own = {(r.year, r.part): r.state for r in PeriodicReport.objects.filter(is_city=True)}
    assert own == {(2021, 4): State.SUBMITTED, (2022, 1): State.APPROVED}
    q2 = periods.slot("quarter", 2022, 2)
    lines = rounds.status(city, q2, today)
    assert any(line.late for line in lines) and any(line.sent for line in lines)
    sent = PeriodicReport.objects.filter(state=State.SUBMITTED, is_city=False, year=2022, part=2)
    assert all(r.figures["dossiers"]["in_period"] >= 0 for r in sent)
