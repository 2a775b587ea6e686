"""Step 2: the 6-digit code of the authenticator app (django-otp's TOTP device)."""

import time

from django.test import Client

from cchc.accounts.models import LoginFailure
from cchc.core.models import AuditEvent
from cchc.testing.personas import totp_now

from .conftest import LOGIN, OTP, code_step, is_signed_in, password_step


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_right_code_signs_in_and_lands_on_the_role_page(client, world):
    password_step(client, "ward_officer")
    response = code_step(client, totp_now())
    assert response.status_code == 302
    assert response.url == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert "Công chức chuyên môn" in home.content.decode()


def test_successful_sign_in_is_recorded_with_its_method(client, world):
    password_step(client, "ward_officer")
    code_step(client)
    event = AuditEvent.objects.get(verb="accounts.login")
    assert event.actor == world.users["ward_officer"]
    assert event.data == {"ip": "127.0.0.1", "method": "totp"}


def test_wrong_code_is_refused_counted_and_leaves_the_user_outside(client, world):
    password_step(client, "ward_officer")
    response = code_step(client, _wrong(totp_now()))
    assert response.status_code == 200
    assert "Mã xác thực không đúng hoặc đã hết hạn" in response.content.decode()
    assert LoginFailure.objects.filter(username="ward_officer").count() == 1
    assert client.get("/").url.startswith(OTP)


def test_code_typed_with_a_space_is_accepted(client, world):
    password_step(client, "leader")
    code = totp_now()
    response = code_step(client, f"{code[:3]} {code[3:]}")
    assert response.url == "/"


def test_code_that_is_not_six_digits_gets_a_clear_message_and_is_not_counted(client, world):
    password_step(client, "leader")
    page = code_step(client, "12ab").content.decode()
    assert "Mã xác thực gồm đúng 6 chữ số" in page
    assert not LoginFailure.objects.exists()


def test_a_code_cannot_be_used_twice(client, world):
    code = totp_now()
    password_step(client, "leader")
    assert code_step(client, code).url == "/"
    other = Client()
    password_step(other, "leader")
    response = code_step(other, code)
    assert response.status_code == 200
    assert "Mã xác thực không đúng hoặc đã hết hạn" in response.content.decode()


def test_quick_retries_are_throttled_by_django_otp(client, world):
    password_step(client, "leader")
    code_step(client, _wrong(totp_now()))
    # The right code, within the second django-otp makes the user wait after a wrong one.
    response = code_step(client, totp_now())
    assert "Vui lòng đợi" in response.content.decode()
    assert client.get("/").status_code == 302
    time.sleep(1.1)
    assert code_step(client, totp_now()).url == "/"


def test_code_step_without_the_password_step_sends_to_the_login_page(client, world):
    response = client.get(OTP)
    assert response.status_code == 302
    assert response.url == LOGIN


def test_session_key_changes_when_the_second_factor_is_passed(client, world):
    password_step(client, "auditor")
    after_password = client.session.session_key
    code_step(client)
    assert is_signed_in(client)
    assert client.session.session_key != after_password


def test_code_step_hides_the_staff_navigation(client, world):
    password_step(client, "secretariat")
    page = client.get(OTP).content.decode()
    assert "Nhập danh sách" not in page
    assert "Nhập mã xác thực" in page
