"""Sessions end: after a working day idle, when the browser closes, at logout; half sign-ins sooner."""

import datetime as dt

from django.contrib.sessions.models import Session
from django.utils import timezone

from cchc.core.models import AuditEvent

from .conftest import LOGIN, LOGOUT, SECURITY, is_signed_in, password_step, sign_in


def test_sessions_end_after_a_working_day_idle_and_when_the_browser_closes(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST is True  # the age counts from the last request
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_a_half_finished_sign_in_lasts_only_ten_minutes(client, world):
    password_step(client, "leader")
    assert client.session.get_expiry_age() == 600


def test_a_complete_sign_in_follows_the_normal_session_policy(client, world, settings):
    sign_in(client, "leader")
    session = client.session
    assert session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert session.get_expire_at_browser_close()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == ""  # a browser-session cookie
    assert cookie["httponly"]


def test_each_request_pushes_the_idle_expiry_forward(client, world):
    sign_in(client, "leader")
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + dt.timedelta(minutes=5))
    client.get("/")
    refreshed = Session.objects.get(session_key=client.session.session_key).expire_date
    assert refreshed > timezone.now() + dt.timedelta(hours=7)


def test_an_expired_session_is_signed_out(client, world):
    sign_in(client, "leader")
    Session.objects.all().update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get(SECURITY)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert "Cổng thông tin cải cách hành chính" in client.get("/").content.decode()


def test_logout_needs_a_post(client, world):
    sign_in(client, "leader")
    assert client.get(LOGOUT).status_code == 405
    assert is_signed_in(client)


def test_logout_ends_the_session_and_is_recorded(client, world):
    sign_in(client, "leader")
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert response.url == LOGIN
    assert not is_signed_in(client)
    assert "Bạn đã đăng xuất." in client.get(LOGIN).content.decode()
    assert AuditEvent.objects.filter(verb="accounts.logout", actor=world.users["leader"]).exists()
