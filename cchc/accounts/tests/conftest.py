"""Helpers for the sign-in tests of this app only (the shared personas come from the root conftest)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cchc.testing.personas import PASSWORD, totp_now

LOGIN = "/tai-khoan/dang-nhap/"
OTP = "/tai-khoan/xac-thuc/"
ENROL = "/tai-khoan/thiet-lap-xac-thuc/"
SECURITY = "/tai-khoan/bao-mat/"
LOGOUT = "/tai-khoan/dang-xuat/"


def password_step(client: Client, username: str, password: str = PASSWORD, **extra: Any) -> Any:
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def code_step(client: Client, code: str | None = None, **extra: Any) -> Any:
    return client.post(OTP, {"code": code or totp_now(), **extra})


def sign_in(client: Client, username: str) -> Any:
    """Both steps through the real views, as an official would."""
    first = password_step(client, username)
    assert first.status_code == 302 and first.url == OTP, first
    return code_step(client)


def is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def no_otp_throttle(settings: Any) -> None:
    # django-otp makes each retry wait 1, 2, 4… seconds; tests of the lockout count wrong codes
    # quickly, so the throttle is switched off there (it is tested on its own).
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
