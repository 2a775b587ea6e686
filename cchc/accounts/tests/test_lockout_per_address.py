"""Password spraying — one guess at each of many names — never locks a name, so failures are also
counted per network address: past CCHC_LOGIN_MAX_FAILURES_PER_IP within the window, a password alone
from that address is refused for the window, even a right one (it must come with the authenticator's
code, see test_a_right_password_and_code_get_through_a_busy_address), while other addresses sign in
normally."""

from django.test import Client

from cchc.accounts.models import LoginFailure
from cchc.core.models import AuditEvent
from cchc.testing.personas import PASSWORD

from .conftest import OTP, password_step


def test_an_address_spraying_names_is_refused_and_others_are_not(world, settings):
    settings.CCHC_LOGIN_MAX_FAILURES_PER_IP = 4
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for name in ("leader", "office", "front", "auditor"):
        page = password_step(attacker, name, "Sai@MatKhau123").content.decode()
        assert "Tên đăng nhập hoặc mật khẩu không đúng" in page
    assert LoginFailure.objects.filter(ip="203.0.113.7").count() == 4
    # No name reached its own lockout (one failure each), yet a password alone from the address is now
    # refused, even the right one, and the refusal is not counted as a further failure.
    refused = password_step(attacker, "ward_officer")
    assert refused.status_code == 200
    assert "Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này" in refused.content.decode()
    assert LoginFailure.objects.filter(ip="203.0.113.7").count() == 4
    event = AuditEvent.objects.filter(verb="accounts.login_refused").get()
    assert event.data["by_address"] is True and event.data["ip"] == "203.0.113.7"

    office_pc = Client(REMOTE_ADDR="198.51.100.20")
    ok = password_step(office_pc, "ward_officer")
    assert ok.status_code == 302 and ok.url == OTP


def test_zero_turns_the_address_limit_off(world, settings):
    settings.CCHC_LOGIN_MAX_FAILURES_PER_IP = 0
    client = Client(REMOTE_ADDR="203.0.113.8")
    for name in ("leader", "office", "front", "auditor", "one_stop", "secretariat"):
        password_step(client, name, "Sai@MatKhau123")
    assert password_step(client, "ward_officer", PASSWORD).url == OTP
