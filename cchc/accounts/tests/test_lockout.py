"""Lockout after CCHC_LOGIN_MAX_FAILURES failures within CCHC_LOGIN_LOCKOUT_MINUTES, for that long."""

import datetime as dt

from django.test import override_settings
from django.utils import timezone

from cchc.accounts.models import LoginFailure
from cchc.core.models import AuditEvent
from cchc.testing.personas import totp_now

from .conftest import LOGIN, OTP, code_step, is_signed_in, password_step, sign_in

WRONG = "sai-mat-khau-roi"


def _fail(client, username, times):
    for _ in range(times):
        password_step(client, username, WRONG)


def _age_failures(minutes, seconds=0):
    """Move every recorded failure into the past, as if the clock had run on."""
    for failure in LoginFailure.objects.all():
        LoginFailure.objects.filter(pk=failure.pk).update(
            at=failure.at - dt.timedelta(minutes=minutes, seconds=seconds)
        )


def test_five_wrong_passwords_lock_the_name_even_against_the_right_password(client, world):
    _fail(client, "leader", 5)
    response = password_step(client, "leader")
    assert response.status_code == 200
    assert "đang tạm khoá vì nhập sai quá 5 lần" in response.content.decode()
    assert not is_signed_in(client)


def test_lockout_message_says_when_to_try_again(client, world):
    _fail(client, "leader", 5)
    last = LoginFailure.objects.order_by("-at").first().at
    retry = timezone.localtime(last + dt.timedelta(minutes=15))
    page = password_step(client, "leader").content.decode()
    assert f"Vui lòng thử lại sau {retry:%H:%M} ngày {retry:%d/%m/%Y}." in page


def test_the_fifth_failure_already_says_the_name_is_locked(client, world):
    _fail(client, "leader", 4)
    page = password_step(client, "leader", WRONG).content.decode()
    assert "đang tạm khoá" in page


def test_an_unknown_name_is_locked_the_same_way(client, world):
    _fail(client, "nguoi-la", 5)
    _fail(client, "leader", 5)
    unknown_page = password_step(client, "nguoi-la", WRONG).content.decode()
    known_page = password_step(client, "leader", WRONG).content.decode()
    assert "đang tạm khoá vì nhập sai quá 5 lần" in unknown_page
    assert "đang tạm khoá vì nhập sai quá 5 lần" in known_page


def test_refused_attempts_do_not_extend_the_lockout(client, world):
    _fail(client, "leader", 5)
    password_step(client, "leader")
    password_step(client, "leader", WRONG)
    assert LoginFailure.objects.filter(username="leader").count() == 5


def test_lock_lifts_when_the_window_has_passed(client, world):
    _fail(client, "leader", 5)
    _age_failures(minutes=14, seconds=50)
    assert "đang tạm khoá" in password_step(client, "leader").content.decode()
    _age_failures(minutes=0, seconds=11)
    response = password_step(client, "leader")
    assert response.status_code == 302
    assert response.url == OTP


def test_old_failures_outside_the_window_do_not_count(client, world):
    _fail(client, "leader", 4)
    _age_failures(minutes=16)
    _fail(client, "leader", 1)
    assert password_step(client, "leader").url == OTP


def test_a_complete_sign_in_clears_the_failures(client, world):
    _fail(client, "leader", 4)
    sign_in(client, "leader")
    assert not LoginFailure.objects.filter(username="leader").exists()


def test_wrong_codes_count_toward_the_lockout_and_end_the_half_sign_in(client, world, no_otp_throttle):
    _fail(client, "leader", 3)
    password_step(client, "leader")
    wrong = f"{(int(totp_now()) + 1) % 1_000_000:06d}"
    first = code_step(client, wrong)
    assert "Còn 1 lần thử" in first.content.decode()
    second = code_step(client, wrong)
    assert second.status_code == 302
    assert second.url == LOGIN
    assert not is_signed_in(client)
    page = client.get(LOGIN).content.decode()
    assert "đang tạm khoá" in page
    assert "đang tạm khoá" in password_step(client, "leader").content.decode()


def test_lockout_and_refusals_are_written_to_the_audit_trail(client, world):
    _fail(client, "leader", 5)
    password_step(client, "leader")
    leader_id = str(world.users["leader"].pk)
    assert AuditEvent.objects.filter(verb="accounts.login_failed", object_id=leader_id).count() == 5
    lockout = AuditEvent.objects.get(verb="accounts.lockout")
    assert lockout.object_id == leader_id
    assert "Tạm khoá đăng nhập đến" in lockout.summary
    assert AuditEvent.objects.filter(verb="accounts.login_refused", object_id=leader_id).count() == 1


def test_names_differing_only_in_case_share_one_counter(client, world):
    _fail(client, "Leader", 3)
    _fail(client, "LEADER", 2)
    assert "đang tạm khoá" in password_step(client, "leader").content.decode()


@override_settings(CCHC_LOGIN_MAX_FAILURES=2, CCHC_LOGIN_LOCKOUT_MINUTES=1)
def test_the_limits_come_from_the_settings(client, world):
    _fail(client, "leader", 2)
    assert "nhập sai quá 2 lần" in password_step(client, "leader").content.decode()
    _age_failures(minutes=1, seconds=1)
    assert password_step(client, "leader").url == OTP


def test_failures_older_than_a_month_are_pruned(client, world):
    _fail(client, "leader", 2)
    _age_failures(minutes=31 * 24 * 60)
    _fail(client, "nguoi-la", 1)
    assert list(LoginFailure.objects.values_list("username", flat=True)) == ["nguoi-la"]
