"""The demo has citizens who agreed to progress messages (at the desk and on the look-up page, one of
them withdrawn) and the messages sent for them, visible to the one-stop desk on the dossier's page."""

from __future__ import annotations

from django.urls import reverse

from cchc.accounts.models import User
from cchc.notify.models import Consent, Notification
from cchc.testing.personas import login_verified


def test_the_demo_desk_sees_a_consent_and_its_messages(client, demo_db, settings):
    settings.CCHC_DEMO = True
    settings.CCHC_DEMO_WITHOUT_2FA = True
    consents = list(Consent.objects.order_by("given_at"))
    assert len(consents) >= 3
    assert {c.given_where for c in consents} == {"desk", "lookup"}
    assert any(c.withdrawn_at for c in consents) and any(c.withdrawn_at is None for c in consents)
    sent = Notification.objects.filter(object_type="dossiers.dossier")
    # Delivered after each demo step commits; the test's snapshot is taken inside a transaction that
    # never commits, so there they are still queued.
    assert sent.count() >= 3 and set(sent.values_list("status", flat=True)) <= {"sending", "sent"}
    login_verified(client, User.objects.get(username="motcua"))
    code = next(
        c.object_key for c in consents if c.withdrawn_at is None and sent.filter(object_id=c.object_key)
    )
    response = client.get(reverse("dossiers:messages", args=[code]))
    assert response.status_code == 200, (response.status_code, response.get("Location"))
    page = response.content.decode()
    assert "Đang nhận qua" in page and sent.filter(object_id=code).first().subject in page
