"""A unit's quarterly reform report from draft to sent: figures drafted from every module (the same
numbers as the results reports), narrative edited, approved by the head (figures frozen, numbered),
sent up (the sending deadline is met); every step is an audit event and a sent report no longer
changes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cchc.core.models import AuditEvent
from cchc.deadlines.models import Deadline
from cchc.dossiers.models import Dossier
from cchc.reports import actions, periods
from cchc.reports.models import State
from cchc.reports.tests.helpers import EXPECTED_P1, petition_set, quarter_set


@pytest.fixture
def q2():
    return periods.slot("quarter", 2022, 2)


def test_the_report_goes_from_draft_to_sent(world, q2):
    quarter_set(world)
    petition_set(world)
    officer, head = world.users["ward_officer"], world.users["unit_head"]
    report = actions.draft(officer, world.units["p1"], q2)
    assert (report.state, report.period_start, report.period_end) == (
        State.DRAFT,
        dt.date(2022, 4, 1),
        dt.date(2022, 6, 30),
    )
    figures = actions.current_figures(report)
    for key, value in EXPECTED_P1.items():
        assert figures["dossiers"][key] == value, key
    assert figures["petitions"]["received"] == 4 and figures["petitions"]["accountability"] == 1
    actions.edit_sections(officer, report, {"chi_dao": "Ban hành kế hoạch cải cách hành chính năm."})
    with pytest.raises(PermissionDenied):
        actions.approve(officer, report)
    report = actions.approve(head, report)
    assert report.state == State.APPROVED and report.number == "01/BC-P1"
    assert report.figures["dossiers"]["finished_late"] == 2
    # A dossier that changes after approval changes a new count, never the frozen figures.
    Dossier.objects.filter(code="Q-OVERDUE").update(
        status=10, end_at=dt.datetime(2022, 6, 25, 9, tzinfo=dt.UTC)
    )
    assert actions.current_figures(report)["dossiers"]["finished_late"] == 3
    report.refresh_from_db()
    assert report.figures["dossiers"]["finished_late"] == 2
    with pytest.raises(ValidationError):
        actions.edit_sections(officer, report, {"chi_dao": "Sửa sau khi duyệt."})
    report = actions.submit(officer, report, today=dt.date(2022, 7, 4))
    assert report.state == State.SUBMITTED
    clock = Deadline.objects.get(object_type="reports.periodicreport", object_id=str(report.pk))
    assert (clock.due, clock.reported_on, clock.unit) == (
        dt.date(2022, 7, 5),
        dt.date(2022, 7, 4),
        world.units["p1"],
    )
    verbs = list(
        AuditEvent.objects.filter(object_id=str(report.pk), object_type="reports.periodicreport").values_list(
            "verb", flat=True
        )
    )
    assert {"report.drafted", "report.edited", "report.approved", "report.submitted"} <= set(verbs)


def test_another_wards_officer_cannot_write_or_send(world, q2):
    report = actions.draft(world.users["ward_officer"], world.units["p1"], q2)
    with pytest.raises(PermissionDenied):
        actions.edit_sections(world.users["other_ward_officer"], report, {"chi_dao": "x"})
    with pytest.raises(PermissionDenied):
        actions.approve(world.users["leader"], report)  # the city's leader approves the city's report only


def test_the_page_of_an_approved_report_names_each_figure_a_new_count_changes(world, q2, client):
    from cchc.testing.personas import login_verified

    quarter_set(world)
    report = actions.draft(world.users["ward_officer"], world.units["p1"], q2)
    actions.approve(world.users["unit_head"], report)
    Dossier.objects.filter(code="Q-OVERDUE").update(
        status=10, end_at=dt.datetime(2022, 6, 25, 9, tzinfo=dt.UTC)
    )
    login_verified(client, world.users["leader"])
    page = client.get(f"/bao-cao/dinh-ky/{report.pk}/").content.decode()
    page = re.sub(r"<[^>]+>", "", page)  # each figure's name is marked Vietnamese
    assert "Hồ sơ thủ tục hành chính — giải quyết quá hạn: đã chốt 2, tính lại 3" in page
    assert "Hồ sơ thủ tục hành chính — đang xử lý quá hạn: đã chốt 1, tính lại 0" in page


def test_the_city_office_hears_of_a_sent_report_once_it_is_committed(
    world, q2, django_capture_on_commit_callbacks
):
    from cchc.notify.models import Notification

    report = actions.approve(
        world.users["unit_head"], actions.draft(world.users["ward_officer"], world.units["p1"], q2)
    )
    with django_capture_on_commit_callbacks(execute=False) as pending:
        actions.submit(world.users["ward_officer"], report, today=dt.date(2022, 7, 4))
    assert not Notification.objects.exists()  # nothing leaves before the commit
    for callback in pending:
        callback()
    to = set(Notification.objects.values_list("recipient", flat=True))
    assert to == {world.users["office"].email, world.users["secretariat"].email}
