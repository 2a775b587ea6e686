"""The admin's own "change password" page is not served (it skipped the re-entered password's lockout,
the audit event and the notice e-mail): it sends to the security page. A superuser setting another
account's password in the admin leaves an audit event and a notice e-mail to that account."""

import pytest
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice

from cchc.accounts.models import User
from cchc.core.models import AuditEvent
from cchc.testing.personas import PASSWORD, TOTP_KEY, login_verified

from .conftest import SECURITY


@pytest.fixture
def superuser(db):
    user = User.objects.create_superuser("quantri", "quantri@example.test", PASSWORD)
    TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", key=TOTP_KEY, confirmed=True)
    return user


def test_the_admin_password_change_page_sends_to_the_security_page(client, superuser):
    login_verified(client, superuser)
    assert client.get("/quan-tri/password_change/").url == SECURITY
    response = client.post(
        "/quan-tri/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "Mot-mat-khau-moi-2026",
            "new_password2": "Mot-mat-khau-moi-2026",
        },
    )
    assert response.status_code == 302 and response.url == SECURITY
    superuser.refresh_from_db()
    assert superuser.check_password(PASSWORD)


def test_setting_another_accounts_password_is_audited_and_announced(
    client, superuser, world, django_capture_on_commit_callbacks
):
    leader = world.users["leader"]
    leader.email = "lanhdao@example.test"
    leader.save(update_fields=["email"])
    login_verified(client, superuser)
    new = "Mot-mat-khau-moi-2026"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/quan-tri/accounts/user/{leader.pk}/password/",
            {"password1": new, "password2": new, "usable_password": "true"},
        )
    assert response.status_code == 302
    leader.refresh_from_db()
    assert leader.check_password(new)
    assert AuditEvent.objects.filter(verb="accounts.password_set_by_admin", object_id=str(leader.pk)).exists()
    assert any("lanhdao@example.test" in m.to for m in mail.outbox)
