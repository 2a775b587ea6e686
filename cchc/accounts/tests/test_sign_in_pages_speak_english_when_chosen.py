"""The sign-in pages in English (docs/translating.md): each step, its refusals and the password reset
show no Vietnamese once English is chosen, and the reset e-mail stays Vietnamese."""

import pytest
from django.core import mail
from django.core.cache import cache

from cchc.accounts.models import User
from cchc.testing.english import choose_english, vietnamese_shown
from cchc.testing.personas import PASSWORD

from .conftest import ENROL, LOGIN, OTP, password_step

pytestmark = pytest.mark.django_db


def _english_page(response) -> str:
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert not vietnamese_shown(html), vietnamese_shown(html)
    return html


def test_signing_in_with_the_authenticator_reads_in_english(client, world):
    choose_english(client)
    assert "Sign-in for officials" in _english_page(client.get(LOGIN))
    html = _english_page(password_step(client, world.users["leader"].username, "sai-mat-khau"))
    assert "The user name or password is wrong." in html and "attempts left" in html
    empty = client.post(LOGIN, {"username": "", "password": ""})
    assert "Please enter your user name." in _english_page(empty)
    response = password_step(client, world.users["leader"].username)
    assert response.status_code == 302 and response.url == OTP
    assert "Enter the authentication code" in _english_page(client.get(OTP))
    assert "exactly 6 digits" in _english_page(client.post(OTP, {"code": "12"}))


def test_setting_up_the_authenticator_reads_in_english(client, world):
    User.objects.create_user(username="moi", password=PASSWORD, email="moi@example.com")
    choose_english(client)
    response = password_step(client, "moi")
    assert response.status_code == 302 and response.url == ENROL
    assert "Set up two-step verification" in _english_page(client.get(ENROL))
    assert "That code is not right." in _english_page(client.post(ENROL, {"code": "000000"}))


def test_the_password_reset_reads_in_english_and_its_mail_stays_vietnamese(client, world, settings):
    cache.clear()  # the per-address limits count in the cache
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    User.objects.create_user(username="quen", password=PASSWORD, email="quen@example.com")
    choose_english(client)
    assert "Forgotten password" in _english_page(client.get("/tai-khoan/quen-mat-khau/"))
    assert "not a valid email address" in _english_page(
        client.post("/tai-khoan/quen-mat-khau/", {"email": "khong-hop-le"})
    )
    response = client.post("/tai-khoan/quen-mat-khau/", {"email": "quen@example.com"}, follow=True)
    assert "Check your mailbox" in _english_page(response)
    invalid = client.get("/tai-khoan/dat-lai-mat-khau/xx/yy/")
    assert "This link is no longer valid" in _english_page(invalid)
    assert "Sign in with the new password" in _english_page(client.get("/tai-khoan/dat-lai-mat-khau/xong/"))
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert ("giờ" in body or "ngày" in body) and "hour" not in body and "day" not in body
