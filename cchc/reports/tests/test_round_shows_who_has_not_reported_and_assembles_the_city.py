"""The city asks its units for the quarter's report; after the due date it sees which units have not
sent theirs; reminders go out before the due date on the deadline machine; the city's report is the sum
of the units' approved figures."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from cchc.deadlines import reminders
from cchc.notify.models import Notification
from cchc.reports import actions, periods, rounds
from cchc.reports.tests.helpers import quarter_set
from cchc.testing.personas import login_verified


@pytest.fixture
def q2():
    return periods.slot("quarter", 2022, 2)


def test_opening_a_round_asks_every_ward_and_agency(world, q2):
    asked = actions.open_round(world.users["office"], world.jurisdictions["city"], q2)
    # Phường 1, Phường 2 and the three agencies; not the committee itself, its one-stop office or the Front.
    assert asked == 5
    assert actions.open_round(world.users["office"], world.jurisdictions["city"], q2) == 0


def test_after_the_due_date_the_city_sees_who_has_not_sent(world, q2, client):
    city = world.jurisdictions["city"]
    actions.open_round(world.users["office"], city, q2)
    lines = rounds.status(city, q2, q2.due - dt.timedelta(days=1))
    assert not any(line.late for line in lines)
    report = next(line.report for line in lines if line.unit.code == "P1")
    actions.approve(world.users["unit_head"], report)
    actions.submit(world.users["ward_officer"], report, today=q2.due)
    lines = rounds.status(city, q2, q2.due + dt.timedelta(days=1))
    assert {line.unit.code for line in lines if line.late} == {"P2", "NV", "VP", "TTr"}
    assert [line.unit.code for line in lines][-1] == "P1"  # the sent ones last
    login_verified(client, world.users["office"])
    page = client.get("/bao-cao/dinh-ky/ky/?kind=quarter&year=2022&part=2").content.decode()
    assert re.search(r'data-testid="sent-count">1</span>/5', page)


def test_reminders_go_to_the_unit_before_the_due_date(world, q2, settings):
    settings.CCHC_REMINDER_LADDER = "-1:officer"
    actions.open_round(world.users["office"], world.jurisdictions["city"], q2)
    sent = reminders.run(today=dt.date(2022, 7, 4))  # one working day before 5/7
    assert sent >= 1
    to = set(Notification.objects.values_list("recipient", flat=True))
    assert world.users["ward_officer"].email in to and world.users["other_ward_officer"].email in to


def test_the_city_report_sums_the_units_approved_figures(world, q2):
    quarter_set(world)
    city = world.jurisdictions["city"]
    actions.open_round(world.users["office"], city, q2)
    p1 = actions.draft(world.users["ward_officer"], world.units["p1"], q2)
    p1 = actions.approve(world.users["unit_head"], p1)
    own = actions.draft(world.users["office"], world.units["ubnd"], q2, is_city=True)
    figures = actions.current_figures(own)
    # Only Phường 1 has approved: the city's figures are its frozen ones (Phường 2's draft is not added).
    assert figures["dossiers"] == p1.figures["dossiers"]
    assert figures["dossiers"]["in_period"] == 8
    actions.approve(world.users["leader"], own)
    own.refresh_from_db()
    assert own.number == "01/BC-UBND" and own.figures["dossiers"]["finished_late"] == 2


def test_a_report_a_ward_drafts_on_its_own_counts_in_the_citys_round(world, q2):
    report = actions.draft(world.users["ward_officer"], world.units["p1"], q2)
    assert report.jurisdiction == world.jurisdictions["city"]
    actions.approve(world.users["unit_head"], report)
    actions.submit(world.users["ward_officer"], report, today=q2.due)
    lines = rounds.status(world.jurisdictions["city"], q2, q2.due + dt.timedelta(days=1))
    assert [line.unit.code for line in lines if line.sent] == ["P1"]


def test_the_city_report_page_lists_the_units_it_adds_up(world, q2, client):
    quarter_set(world)
    p1 = actions.approve(
        world.users["unit_head"], actions.draft(world.users["ward_officer"], world.units["p1"], q2)
    )
    actions.draft(world.users["other_ward_officer"], world.units["p2"], q2)  # a draft: not added
    own = actions.draft(world.users["office"], world.units["ubnd"], q2, is_city=True)
    login_verified(client, world.users["leader"])
    page = client.get(f"/bao-cao/dinh-ky/{own.pk}/").content.decode()
    assert "tổng số liệu đã chốt của 1 báo cáo đơn vị" in page
    assert f"/bao-cao/dinh-ky/{p1.pk}/" in page and "UBND Phường 2" not in page


def test_the_city_report_has_its_own_sending_deadline(world, q2):
    from cchc.deadlines.models import Deadline

    own = actions.draft(world.users["office"], world.units["ubnd"], q2, is_city=True)
    clock = Deadline.objects.get(object_type="reports.periodicreport", object_id=str(own.pk))
    assert (clock.unit, clock.due) == (world.units["ubnd"], q2.due)
    actions.approve(world.users["leader"], own)
    actions.submit(world.users["office"], own, today=q2.due)
    clock.refresh_from_db()
    assert clock.reported_on == q2.due
