"""/tai-khoan/bao-mat/: change the password, replace the authenticator, see one's recent sign-ins."""

from django.core import mail
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from cchc.core.models import AuditEvent
from cchc.testing.personas import PASSWORD, TOTP_KEY, login_verified, totp_now

from .conftest import ENROL, OTP, SECURITY, is_signed_in, password_step, sign_in

NEW_PASSWORD = "Mat-khau-moi-cua-Hoa-2022"


def _change(client, old=PASSWORD, new=NEW_PASSWORD, again=None):
    return client.post(
        SECURITY,
        {"purpose": "password", "old_password": old, "new_password1": new, "new_password2": again or new},
    )


def test_the_security_page_needs_both_steps(client, world):
    assert client.get(SECURITY).url.startswith("/tai-khoan/dang-nhap/")
    client.force_login(world.users["secretariat"])
    assert client.get(SECURITY).url.startswith(OTP)


def test_changing_the_password_keeps_this_session_and_ends_the_others(
    client, world, django_capture_on_commit_callbacks
):
    user = world.users["secretariat"]
    other = login_verified(Client(), user)
    sign_in(client, "secretariat")
    with django_capture_on_commit_callbacks(execute=True):
        response = _change(client)
    assert response.url == SECURITY
    assert "Đã đổi mật khẩu" in client.get(SECURITY).content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get("/").status_code == 200
    assert other.get("/").status_code == 200
    assert "Cổng thông tin cải cách hành chính" in other.get("/").content.decode()
    assert AuditEvent.objects.filter(verb="accounts.password_changed", actor=user).exists()
    assert mail.outbox[-1].to == [user.email]
    assert "Mật khẩu CCHC của bạn vừa được thay đổi" in mail.outbox[-1].subject


def test_a_wrong_current_password_or_mismatch_changes_nothing(client, world):
    login_verified(client, world.users["secretariat"])
    assert "Mật khẩu hiện tại không đúng." in _change(client, old="khong-dung-dau").content.decode()
    mismatch = _change(client, again="Mat-khau-khac-hoan-toan-9").content.decode()
    assert "Hai lần nhập mật khẩu mới không giống nhau." in mismatch
    too_short = _change(client, new="ngan").content.decode()
    assert "ít nhất 10 ký tự" in too_short
    world.users["secretariat"].refresh_from_db()
    assert world.users["secretariat"].check_password(PASSWORD)


def test_recent_sign_ins_come_from_the_audit_trail(client, world):
    password_step(Client(), "secretariat", "sai-mat-khau-roi")
    sign_in(client, "secretariat")
    page = client.get(SECURITY).content.decode()
    assert 'data-testid="recent-sign-ins"' in page
    assert "Đăng nhập thành công (mật khẩu và mã xác thực)" in page
    assert "Đăng nhập không thành công (sai mật khẩu)" in page
    assert "127.0.0.1" in page


def test_nobody_sees_another_persons_sign_ins(client, world):
    password_step(Client(), "leader", "sai-mat-khau-roi")
    login_verified(client, world.users["secretariat"])
    page = client.get(SECURITY).content.decode()
    assert "Đăng nhập không thành công" not in page
    assert "Chưa có lần đăng nhập nào được ghi lại." in page


def test_replacing_the_authenticator_needs_the_password(client, world):
    login_verified(client, world.users["secretariat"])
    page = client.post(SECURITY, {"purpose": "authenticator", "password": "khong-dung-dau"}).content.decode()
    assert "Mật khẩu hiện tại không đúng." in page
    assert client.get(ENROL).status_code == 302


def test_the_old_authenticator_works_until_the_new_one_is_confirmed(
    client, world, django_capture_on_commit_callbacks
):
    user = world.users["secretariat"]
    login_verified(client, user)
    response = client.post(SECURITY, {"purpose": "authenticator", "password": PASSWORD})
    assert response.url == ENROL
    assert "Thiết lập lại ứng dụng xác thực" in client.get(ENROL).content.decode()
    old = TOTPDevice.objects.get(user=user, confirmed=True)
    new = TOTPDevice.objects.get(user=user, confirmed=False)
    assert new.key != TOTP_KEY
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(ENROL, {"code": totp_now(new.key)})
    assert done.url == SECURITY
    assert list(TOTPDevice.objects.filter(user=user)) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert is_signed_in(client)
    assert "Ứng dụng xác thực của bạn vừa được thiết lập lại" in mail.outbox[-1].subject
    # The next sign-in takes the new app's code, not the old one's.
    other = Client()
    password_step(other, "secretariat")
    assert other.post(OTP, {"code": totp_now(TOTP_KEY)}).status_code == 200
