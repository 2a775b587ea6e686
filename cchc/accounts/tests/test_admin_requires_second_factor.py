"""The admin at /quan-tri/ sits behind the same two steps; accounts in it are for superusers only."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from cchc.accounts.models import LoginFailure, User
from cchc.core.models import AuditEvent
from cchc.testing.personas import PASSWORD, TOTP_KEY, login_verified

from .conftest import LOGIN, OTP, code_step, is_signed_in, password_step

ADMIN = "/quan-tri/"


@pytest.fixture
def superuser(db):
    user = User.objects.create_superuser("quantri", "quantri@example.test", PASSWORD)
    TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", key=TOTP_KEY, confirmed=True)
    return user


def test_an_anonymous_visit_to_the_admin_goes_to_the_two_step_sign_in(client, db):
    response = client.get(ADMIN, follow=True)
    assert response.redirect_chain[-1][0] == f"{LOGIN}?next=%2Fquan-tri%2F"


def test_the_admin_password_only_login_form_is_not_served(client, superuser):
    assert client.get("/quan-tri/login/").url.startswith(LOGIN)
    response = client.post("/quan-tri/login/", {"username": "quantri", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert not is_signed_in(client)


def test_a_superuser_with_only_the_password_is_sent_to_the_code_step(client, superuser):
    client.force_login(superuser)
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response.url == f"{OTP}?next=%2Fquan-tri%2F"
    assert client.get("/quan-tri/accounts/user/").url.startswith(OTP)


def test_a_superuser_who_passed_both_steps_reaches_the_admin(client, superuser):
    password_step(client, "quantri", next=ADMIN)
    response = code_step(client, next=ADMIN)
    assert response.url == ADMIN
    index = client.get(ADMIN)
    assert index.status_code == 200
    assert "Quản trị hệ thống CCHC" in index.content.decode()


def test_the_account_list_shows_role_and_demo_flag(client, world, superuser):
    login_verified(client, superuser)
    page = client.get("/quan-tri/accounts/user/").content.decode()
    assert "Thường trực CCHC (Phòng Nội vụ)" in page
    assert "tài khoản trình diễn" in page.lower()
    change = client.get(f"/quan-tri/accounts/user/{world.users['leader'].pk}/change/").content.decode()
    for label in ("Vai trò", "Cán bộ", "Địa bàn", "Tài khoản trình diễn"):
        assert label.lower() in change.lower()
    assert client.get("/quan-tri/accounts/loginfailure/").status_code == 200


def test_staff_who_are_not_superusers_cannot_manage_accounts(client, world):
    user = world.users["secretariat"]
    user.is_staff = True
    user.save()
    login_verified(client, user)
    assert client.get(ADMIN).status_code == 200
    assert client.get("/quan-tri/accounts/user/").status_code == 403
    assert client.get("/quan-tri/accounts/loginfailure/").status_code == 403


def test_a_signed_in_official_without_staff_status_is_refused_without_a_redirect_loop(client, world):
    login_verified(client, world.users["ward_officer"])
    response = client.get(ADMIN, follow=True)
    assert response.status_code == 403


def test_admin_can_remove_a_lost_authenticator_and_unlock(client, world, superuser):
    login_verified(client, superuser)
    officer = world.users["ward_officer"]
    LoginFailure.objects.create(username="ward_officer")
    for action in ("reset_authenticator", "unlock_sign_in"):
        client.post(
            "/quan-tri/accounts/user/", {"action": action, "_selected_action": [officer.pk]}, follow=True
        )
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert not LoginFailure.objects.exists()
    assert AuditEvent.objects.filter(verb="accounts.totp_reset", actor=superuser).exists()
    assert AuditEvent.objects.filter(verb="accounts.unlocked", actor=superuser).exists()


def test_an_account_created_in_the_admin_is_written_to_the_audit_trail(client, world, superuser):
    login_verified(client, superuser)
    response = client.post(
        "/quan-tri/accounts/user/add/",
        {
            "username": "kiemtra2",
            "usable_password": "true",
            "password1": "Mat-khau-kiem-tra-2022",
            "password2": "Mat-khau-kiem-tra-2022",
            "role": "auditor",
            "jurisdiction": world.jurisdictions["city"].pk,
            "email": "kiemtra2@example.test",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = User.objects.get(username="kiemtra2")
    assert created.role == "auditor"
    event = AuditEvent.objects.get(verb="accounts.account_created")
    assert event.actor == superuser
    assert event.object_id == str(created.pk)
    assert all("password" not in field for field in event.data["fields"])
