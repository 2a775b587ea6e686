"""/lich/: every role reads; the reform secretariat adds, edits and deletes entries of its own areas with
a legal reference; everyone else sees no edit controls and gets 403/404 on the change pages."""

import datetime as dt

import pytest

from cchc.calendar.models import Calendar, CalendarEntry
from cchc.core.models import AuditEvent
from cchc.testing.personas import PERSONAS, login_verified

ALL = [p[0] for p in PERSONAS]
NOT_SECRETARIAT = [p for p in ALL if p != "secretariat"]
MAKE_UP = {
    "date": "2027-01-09",
    "kind": "make-up-working-day",
    "name": "Làm bù cho thứ Sáu 08/01/2027",
    "legal_reference": "Công văn 100/UBND-NV ngày 02/01/2027 (kiểm thử)",
    "note": "",
}


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get("/lich/")
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/")


@pytest.mark.parametrize("persona", ALL)
def test_every_role_reads_the_year_page(client, world, national, persona):
    login_verified(client, world.users[persona])
    response = client.get("/lich/nam/2026/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lịch làm việc năm 2026" in html
    assert "Làm bù cho thứ Sáu 02/01/2026" in html
    assert "Công văn 12729/VPCP-KGVX ngày 25/12/2025" in html
    assert html.count('<caption class="caption-top') == 12  # one small grid per month


def test_the_year_page_counts_the_working_days(client, world, national):
    login_verified(client, world.users["ward_officer"])
    response = client.get("/lich/nam/2024/")
    assert '<div class="display-6" data-testid="working-day-count">251</div>' in response.content.decode()


def test_only_the_secretariat_sees_edit_controls(client, world, national):
    login_verified(client, world.users["secretariat"])
    assert 'data-testid="add-entry"' in client.get("/lich/").content.decode()
    for persona in NOT_SECRETARIAT:
        client.logout()
        login_verified(client, world.users[persona])
        html = client.get("/lich/").content.decode()
        assert 'data-testid="add-entry"' not in html, persona
        assert "/lich/ngay/" not in html, persona


def test_inherited_province_days_are_listed_without_edit_links_for_the_city_secretariat(
    client, world, national
):
    login_verified(client, world.users["secretariat"])
    html = client.get("/lich/nam/2026/").content.decode()
    assert "Tỉnh Bà Rịa - Vũng Tàu" in html
    assert "/lich/ngay/" not in html


def test_the_secretariat_adds_a_make_up_day_with_its_legal_reference(client, world, national):
    login_verified(client, world.users["secretariat"])
    response = client.post("/lich/them/?dia-ban=747", MAKE_UP)
    assert response.status_code == 302
    assert response["Location"] == "/lich/nam/2027/?dia-ban=747"
    entry = CalendarEntry.objects.get(date=dt.date(2027, 1, 9))
    assert entry.calendar.jurisdiction.code == "747"  # the city's own calendar, created on first use
    assert entry.legal_reference == MAKE_UP["legal_reference"]
    event = AuditEvent.objects.get(verb="calendar.entry_added")
    assert event.actor == world.users["secretariat"]
    assert "Làm bù cho thứ Sáu 08/01/2027" in event.summary
    html = client.get(response["Location"]).content.decode()
    assert "Làm bù cho thứ Sáu 08/01/2027" in html
    assert f"/lich/ngay/{entry.pk}/sua/" in html


def test_a_missing_legal_reference_is_refused_and_nothing_changes(client, world, national):
    login_verified(client, world.users["secretariat"])
    before = CalendarEntry.objects.count()
    response = client.post("/lich/them/?dia-ban=747", {**MAKE_UP, "legal_reference": "  "})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vui lòng nhập căn cứ pháp lý" in html
    assert CalendarEntry.objects.count() == before
    assert not Calendar.objects.filter(jurisdiction__code="747").exists()


def test_the_same_day_cannot_be_entered_twice_in_one_calendar(client, world, national):
    login_verified(client, world.users["secretariat"])
    client.post("/lich/them/?dia-ban=747", MAKE_UP)
    response = client.post("/lich/them/?dia-ban=747", MAKE_UP)
    assert "Lịch này đã có ngày Thứ Bảy 09/01/2027" in response.content.decode()
    assert CalendarEntry.objects.filter(date=dt.date(2027, 1, 9)).count() == 1


def test_the_secretariat_edits_and_deletes_its_own_entry(client, world, national):
    login_verified(client, world.users["secretariat"])
    client.post("/lich/them/?dia-ban=747", MAKE_UP)
    entry = CalendarEntry.objects.get(date=dt.date(2027, 1, 9))
    response = client.post(
        f"/lich/ngay/{entry.pk}/sua/",
        {**MAKE_UP, "legal_reference": "Công văn 101/UBND-NV ngày 03/01/2027", "dia-ban": "747"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.legal_reference == "Công văn 101/UBND-NV ngày 03/01/2027"
    changed = AuditEvent.objects.get(verb="calendar.entry_changed")
    assert changed.data["changes"]["legal_reference"][1] == "Công văn 101/UBND-NV ngày 03/01/2027"
    assert client.get(f"/lich/ngay/{entry.pk}/xoa/").status_code == 200
    assert CalendarEntry.objects.filter(pk=entry.pk).exists()  # GET only asks
    response = client.post(f"/lich/ngay/{entry.pk}/xoa/")
    assert response.status_code == 302
    assert not CalendarEntry.objects.filter(pk=entry.pk).exists()
    assert AuditEvent.objects.filter(verb="calendar.entry_deleted").count() == 1


@pytest.mark.parametrize("persona", NOT_SECRETARIAT)
def test_other_roles_cannot_add_entries(client, world, national, persona):
    login_verified(client, world.users[persona])
    before = CalendarEntry.objects.count()
    assert client.get("/lich/them/").status_code == 403
    assert client.post("/lich/them/", MAKE_UP).status_code == 403
    assert CalendarEntry.objects.count() == before


def test_readers_get_403_on_entries_they_can_see_and_404_on_entries_outside_their_area(
    client, world, local_calendars
):
    city_entry = CalendarEntry.objects.get(name="Nghỉ riêng của thành phố")
    p1_entry = CalendarEntry.objects.get(name="Nghỉ riêng của Phường 1")
    login_verified(client, world.users["ward_officer"])
    assert client.get(f"/lich/ngay/{city_entry.pk}/sua/").status_code == 403
    assert client.post(f"/lich/ngay/{city_entry.pk}/xoa/").status_code == 403
    client.logout()
    login_verified(client, world.users["other_ward_officer"])
    assert client.get(f"/lich/ngay/{p1_entry.pk}/sua/").status_code == 404
    assert client.post(f"/lich/ngay/{p1_entry.pk}/xoa/").status_code == 404
    assert CalendarEntry.objects.filter(pk__in=[city_entry.pk, p1_entry.pk]).count() == 2


def test_a_ward_officer_cannot_open_the_other_wards_calendar(client, world, local_calendars):
    login_verified(client, world.users["ward_officer"])
    assert client.get("/lich/?dia-ban=26508").status_code == 404
    html = client.get("/lich/nam/2026/").content.decode()
    assert "Nghỉ riêng của Phường 1" in html
    assert "Nghỉ riêng của Phường 2" not in html


def test_the_secretariat_can_look_at_and_change_a_ward_calendar(client, world, local_calendars):
    login_verified(client, world.users["secretariat"])
    html = client.get("/lich/nam/2026/?dia-ban=26508").content.decode()
    assert "Nghỉ riêng của Phường 2" in html
    assert "Nghỉ riêng của Phường 1" not in html
    p2_entry = CalendarEntry.objects.get(name="Nghỉ riêng của Phường 2")
    assert f"/lich/ngay/{p2_entry.pk}/sua/" in html


def test_a_year_out_of_range_is_not_found(client, world):
    login_verified(client, world.users["leader"])
    assert client.get("/lich/nam/3000/").status_code == 404


def test_the_entry_form_is_entirely_in_vietnamese(client, world, national):
    login_verified(client, world.users["secretariat"])
    html = client.get("/lich/them/").content.decode()
    assert "— Chọn loại ngày —" in html
    assert "Select an option" not in html
    assert "Căn cứ pháp lý" in html
