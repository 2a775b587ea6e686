"""One address spraying wrong passwords must not lock out the other officials behind it: from a busy
address the right password with the authenticator's code (or a backup code) still signs in, in one
step; a wrong password or code gets one message that does not say which half was wrong."""

from django.test import Client

from cchc.accounts import actions
from cchc.testing.personas import PASSWORD, totp_now

from .conftest import LOGIN, is_signed_in, password_step

OFFICE = "203.0.113.50"


def spray(settings) -> Client:
    settings.CCHC_LOGIN_MAX_FAILURES_PER_IP = 3
    client = Client(REMOTE_ADDR=OFFICE)
    for name in ("office", "front", "auditor"):
        password_step(client, name, "Sai@MatKhau123")
    return client


def test_the_right_password_and_code_sign_in_from_a_busy_address(world, settings):
    spray(settings)
    leader = Client(REMOTE_ADDR=OFFICE)
    asked = password_step(leader, "leader")
    assert asked.status_code == 200 and 'name="code"' in asked.content.decode()
    done = leader.post(LOGIN, {"username": "leader", "password": PASSWORD, "code": totp_now()})
    assert done.status_code == 302
    assert is_signed_in(leader)


def test_a_backup_code_also_works_from_a_busy_address(world, settings):
    spray(settings)
    [code, *_] = actions.create_backup_codes(world.users["leader"])
    leader = Client(REMOTE_ADDR=OFFICE)
    done = leader.post(LOGIN, {"username": "leader", "password": PASSWORD, "code": code})
    assert done.status_code == 302 and is_signed_in(leader)


def test_a_wrong_half_says_nothing_about_the_password(world, settings):
    spray(settings)
    client = Client(REMOTE_ADDR=OFFICE)
    right_password = client.post(LOGIN, {"username": "leader", "password": PASSWORD, "code": "000000"})
    wrong_password = client.post(
        LOGIN, {"username": "leader", "password": "Sai@MatKhau1", "code": totp_now()}
    )
    for page in (right_password, wrong_password):
        assert page.status_code == 200
        assert "Tên đăng nhập, mật khẩu hoặc mã xác thực không đúng" in page.content.decode()
    assert not is_signed_in(client)
