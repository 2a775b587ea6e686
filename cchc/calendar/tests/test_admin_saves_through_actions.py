"""The Vietnamese admin writes calendar entries through actions, so the audit trail is complete."""

import datetime as dt

from cchc.calendar.models import CalendarEntry
from cchc.core.models import AuditEvent


def test_admin_add_and_delete_leave_audit_events(client, world, national, django_user_model):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from cchc.testing.personas import TOTP_KEY, login_verified

    admin = django_user_model.objects.create_superuser("quantri", "qt@example.test", "Mat-khau-quan-tri-1")
    TOTPDevice.objects.create(user=admin, name="App", key=TOTP_KEY, confirmed=True)
    login_verified(client, admin)
    page = client.get("/quan-tri/workcalendar/calendarentry/add/")
    assert page.status_code == 200
    assert "căn cứ pháp lý" in page.content.decode().lower()
    response = client.post(
        "/quan-tri/workcalendar/calendarentry/add/",
        {
            "calendar": national.pk,
            "date": "2027-03-08",
            "kind": "holiday",
            "name": "Ngày thử trong trang quản trị",
            "legal_reference": "Văn bản thử 2/2027",
            "source": "",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = CalendarEntry.objects.get(date=dt.date(2027, 3, 8))
    assert AuditEvent.objects.filter(verb="calendar.entry_added", object_id=str(entry.pk)).exists()
    response = client.post(f"/quan-tri/workcalendar/calendarentry/{entry.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not CalendarEntry.objects.filter(pk=entry.pk).exists()
    assert AuditEvent.objects.filter(verb="calendar.entry_deleted", object_id=str(entry.pk)).exists()
