"""First sign-in of an account without an authenticator: QR code, secret, one code to confirm."""

from base64 import b32encode

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from cchc.accounts.actions import create_account
from cchc.core.models import AuditEvent
from cchc.core.roles import Role
from cchc.org.models import Official
from cchc.testing.personas import PASSWORD, totp_now

from .conftest import ENROL, OTP, is_signed_in, password_step


@pytest.fixture
def newcomer(world):
    official = Official.objects.create(
        code="CB-P1-MOI", full_name="Lý Thị Ngọc", position="Công chức Địa chính", unit=world.units["p1"]
    )
    return create_account(None, username="ngoc", password=PASSWORD, role=Role.UNIT_OFFICER, official=official)


def _pending(user) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user, confirmed=False)


def test_account_without_authenticator_goes_to_enrolment_after_the_password(client, newcomer):
    response = password_step(client, "ngoc")
    assert response.status_code == 302
    assert response.url == ENROL
    assert client.get(OTP).url == ENROL


def test_enrolment_page_shows_an_inline_qr_code_and_the_secret(client, newcomer):
    password_step(client, "ngoc")
    page = client.get(ENROL).content.decode()
    device = _pending(newcomer)
    assert "<svg" in page
    secret = b32encode(device.bin_key).decode()
    shown = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    assert shown in page
    assert "Google Authenticator" in page
    assert "otpauth://" in device.config_url
    assert "issuer=CCHC" in device.config_url


def test_reloading_the_page_keeps_the_same_secret(client, newcomer):
    password_step(client, "ngoc")
    client.get(ENROL)
    first = _pending(newcomer).key
    client.get(ENROL)
    assert TOTPDevice.objects.filter(user=newcomer).count() == 1
    assert _pending(newcomer).key == first


def test_right_code_confirms_the_authenticator_and_signs_in(client, newcomer):
    password_step(client, "ngoc")
    client.get(ENROL)
    device = _pending(newcomer)
    response = client.post(ENROL, {"code": totp_now(device.key)})
    assert response.status_code == 302
    assert response.url == "/"
    device.refresh_from_db()
    assert device.confirmed
    assert is_signed_in(client)
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(verb="accounts.totp_enrolled", object_id=str(newcomer.pk)).exists()
    assert AuditEvent.objects.get(verb="accounts.login").data["method"] == "enrol"


def test_wrong_code_confirms_nothing(client, newcomer):
    password_step(client, "ngoc")
    client.get(ENROL)
    device = _pending(newcomer)
    wrong = f"{(int(totp_now(device.key)) + 1) % 1_000_000:06d}"
    response = client.post(ENROL, {"code": wrong})
    assert response.status_code == 200
    assert "Mã chưa đúng" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/").status_code == 302


def test_next_sign_in_asks_for_the_code_of_the_new_authenticator(client, newcomer):
    password_step(client, "ngoc")
    client.get(ENROL)
    device = _pending(newcomer)
    client.post(ENROL, {"code": totp_now(device.key)})
    client.post("/tai-khoan/dang-xuat/")
    assert password_step(client, "ngoc").url == OTP


def test_the_password_alone_cannot_replace_an_existing_authenticator(client, world):
    password_step(client, "leader")
    response = client.get(ENROL)
    assert response.status_code == 302
    assert response.url == OTP
    assert TOTPDevice.objects.filter(user=world.users["leader"]).count() == 1
