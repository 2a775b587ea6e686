"""docs/rules/late-dossiers.md: one reschedule only; sent at the latest one day before the deadline; only
the One-stop Office and the handling unit issue it."""

import datetime as dt

import pytest
from django.utils import timezone

from cchc.core.models import AuditEvent
from cchc.dossiers.actions.apologies import ApologyRefused, issue_apology, notice_due
from cchc.dossiers.letters import default_choices
from cchc.dossiers.models import Apology, DossierEvent, Status
from cchc.dossiers.tests.factories import at, build_ledger, dossier
from cchc.testing.personas import login_verified


@pytest.fixture
def ledger(world):
    return build_ledger(world)


def _issue(user, dossier, world, *, new=None, now=None):
    return issue_apology(
        user,
        dossier,
        reason="Hồ sơ phải lấy ý kiến cơ quan liên quan",
        new_appointment_at=new or timezone.now() + dt.timedelta(days=20),
        choices=default_choices(dossier),
        responsible_unit=world.units["p1"],
        now=now,
    )


def test_second_apology_is_refused_and_changes_nothing(world, ledger):
    first = _issue(world.users["one_stop"], ledger.overdue, world).apology
    first.number = "07/PXL-P1"
    first.save()
    counts = (Apology.objects.count(), DossierEvent.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ApologyRefused) as exc:
        _issue(world.users["unit_head"], ledger.overdue, world, new=timezone.now() + dt.timedelta(days=9))
    message = exc.value.message
    assert ledger.overdue.code in message
    assert "số 07/PXL-P1" in message
    assert "không quá một lần" in message
    assert (Apology.objects.count(), DossierEvent.objects.count(), AuditEvent.objects.count()) == counts


def test_issuing_records_the_apology_an_event_and_an_audit_row(world, ledger):
    issued = _issue(world.users["ward_officer"], ledger.overdue, world)
    apology = issued.apology
    assert apology.issued_by == world.users["ward_officer"]
    assert apology.previous_appointment_at == ledger.overdue.appointment_at
    assert apology.responsible_unit == world.units["p1"]
    event = DossierEvent.objects.get(dossier=ledger.overdue, kind="apology_issued")
    assert event.data["apology"] == apology.pk and event.actor == world.users["ward_officer"]
    # No personal data copied into the event.
    assert "Lý Thị Thu Trang" not in str(event.data)
    audit = AuditEvent.objects.get(verb="dossiers.apology_issued")
    assert audit.object_id == str(apology.pk) and ledger.overdue.code in audit.summary


def test_apology_sent_later_than_one_day_before_the_deadline_warns(world, ledger):
    # The overdue dossier's appointment was yesterday: the letter is late.
    issued = _issue(world.users["one_stop"], ledger.overdue, world)
    assert issued.warnings and "chậm nhất một ngày trước ngày hết hạn" in issued.warnings[0]
    due = notice_due(ledger.overdue)
    assert f"{due:%d/%m/%Y}" in issued.warnings[0]
    assert DossierEvent.objects.get(kind="apology_issued").data["late_notice"] is True


def test_apology_sent_in_time_has_no_warning(world, ledger):
    issued = _issue(world.users["one_stop"], ledger.due_soon, world)
    assert issued.warnings == []


@pytest.fixture
def monday_deadline(world):
    # Appointment on Monday 06/06/2022, still open.
    return dossier(
        world,
        "000.00.26.H01-220530-0005",
        status=Status.PROCESSING,
        received=at(2022, 5, 30),
        appointment=at(2022, 6, 6),
        outcome="",
    )


@pytest.mark.parametrize(
    ("sent", "late"),
    [(at(2022, 6, 3, 16), False), (at(2022, 6, 4, 8), True), (at(2022, 6, 6, 7), True)],
)
def test_notice_counts_one_working_day_before_the_deadline(world, monday_deadline, sent, late):
    # Friday is the last working day before a Monday deadline.
    assert notice_due(monday_deadline) == dt.date(2022, 6, 3)
    issued = _issue(world.users["one_stop"], monday_deadline, world, new=at(2022, 6, 10), now=sent)
    assert bool(issued.warnings) is late


@pytest.mark.parametrize(
    ("sent", "late"),
    [(at(2022, 6, 4, 8), False), (at(2022, 6, 5, 20), False), (at(2022, 6, 6, 7), True)],
)
def test_notice_in_calendar_days_when_so_configured(world, monday_deadline, settings, sent, late):
    settings.CCHC_APOLOGY_NOTICE_WORKING_DAYS = False
    assert notice_due(monday_deadline) == dt.date(2022, 6, 5)
    issued = _issue(world.users["one_stop"], monday_deadline, world, new=at(2022, 6, 10), now=sent)
    assert bool(issued.warnings) is late


def test_new_appointment_must_follow_the_current_one(world, ledger):
    with pytest.raises(ApologyRefused, match="phải sau ngày hẹn trả hiện tại"):
        _issue(
            world.users["one_stop"],
            ledger.due_soon,
            world,
            new=ledger.due_soon.appointment_at - dt.timedelta(hours=1),
        )
    assert not Apology.objects.exists()


def test_dossiers_finished_in_time_need_no_apology(world, ledger):
    with pytest.raises(ApologyRefused, match="không cần phiếu xin lỗi"):
        _issue(world.users["one_stop"], ledger.city, world)


@pytest.mark.parametrize(
    "persona", ["leader", "secretariat", "office", "auditor", "front", "other_ward_officer"]
)
def test_only_the_one_stop_office_and_handling_unit_issue_apologies(world, ledger, persona):
    with pytest.raises(ApologyRefused, match="không có quyền"):
        _issue(world.users[persona], ledger.overdue, world)
    assert not Apology.objects.exists()


def test_ward_officer_cannot_apologise_for_a_city_agency_dossier_but_the_one_stop_officer_can(world, ledger):
    ledger.city.outcome = ""
    ledger.city.status = 4
    ledger.city.appointment_at = timezone.now() + dt.timedelta(days=2)
    ledger.city.save()
    with pytest.raises(ApologyRefused):
        _issue(world.users["ward_officer"], ledger.city, world)
    assert _issue(world.users["one_stop"], ledger.city, world).apology.pk


def test_officer_issues_an_apology_through_the_form(client, world, ledger):
    login_verified(client, world.users["one_stop"])
    url = f"/ho-so/ho-so/{ledger.overdue.code}/xin-loi/"
    page = client.get(url).content.decode()
    assert "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết" in page
    assert "Đã quá thời hạn gửi phiếu xin lỗi" in page
    new = timezone.localdate() + dt.timedelta(days=4)
    response = client.post(
        url,
        {
            "number": "03/PXL-P1",
            "responsible_unit": world.units["p1"].pk,
            "reason": "Chờ kết quả xác minh",
            "new_date": new.isoformat(),
            "new_time": "15:30",
            "return_place": "Bộ phận một cửa Phường 1",
            "signer_prefix": "TM. ỦY BAN NHÂN DÂN",
            "signer_title": "CHỦ TỊCH",
            "signer_name": "Hoàng Minh Đức",
            "recipients": "Như trên\nLưu: VT, P1",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Đã ban hành phiếu xin lỗi" in html
    assert "chậm nhất một ngày trước ngày hết hạn" in html  # the warning
    assert "số 03/PXL-P1" in html and "Tải DOCX" in html
    apology = Apology.objects.get()
    assert timezone.localtime(apology.new_appointment_at).strftime("%H:%M") == "15:30"
    # A second visit to the form is turned away with the one-reschedule message.
    html = client.get(url, follow=True).content.decode()
    assert "không quá một lần" in html


def test_form_errors_name_the_field_and_write_nothing(client, world, ledger):
    login_verified(client, world.users["one_stop"])
    url = f"/ho-so/ho-so/{ledger.due_soon.code}/xin-loi/"
    html = client.post(
        url,
        {
            "reason": "",
            "new_date": (timezone.localdate() + dt.timedelta(days=1)).isoformat(),
            "new_time": "08:00",
            "return_place": "Bộ phận một cửa",
            "signer_title": "CHỦ TỊCH",
            "signer_name": "Hoàng Minh Đức",
            "recipients": "Như trên",
        },
    ).content.decode()
    assert "Lý do trễ hạn: cần ghi rõ lý do." in html
    assert "Đơn vị để xảy ra trễ hạn: chọn một đơn vị" in html
    assert "Ngày hẹn trả mới: phải sau ngày hẹn trả hiện tại" in html
    assert not Apology.objects.exists()


def test_leader_may_read_the_dossier_but_not_open_the_apology_form(client, world, ledger):
    login_verified(client, world.users["leader"])
    assert client.get(f"/ho-so/ho-so/{ledger.overdue.code}/xin-loi/").status_code == 403
