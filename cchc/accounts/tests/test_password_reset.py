"""Password reset by e-mail (Django's views, Vietnamese texts). It never skips the second factor."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from cchc.accounts.models import LoginFailure
from cchc.core.models import AuditEvent

from .conftest import LOGIN, OTP, code_step, is_signed_in, password_step

RESET = "/tai-khoan/quen-mat-khau/"


@pytest.fixture(autouse=True)
def _mail_sent_at_once(settings):
    """The e-mail leaves from the worker (test_password_reset_mail_leaves_from_the_worker); here it runs
    at once so that each test can read it."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    cache.clear()  # the per-address limits count in the cache


NEW_PASSWORD = "Mat-khau-moi-cua-Binh-2022"


def _request_reset(client, email):
    return client.post(RESET, {"email": email})


def _link_from_mail():
    match = re.search(r"http://testserver(/tai-khoan/dat-lai-mat-khau/\S+/)", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def _set_new_password(client, link):
    form_page = client.get(link)  # Django swaps the token for a session and redirects
    assert form_page.status_code == 302
    return client.post(form_page.url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})


def test_the_reset_e_mail_is_sent_in_vietnamese_with_a_working_link(client, world):
    response = _request_reset(client, "ward_officer@example.test")
    assert response.status_code == 302
    assert response.url == "/tai-khoan/quen-mat-khau/da-gui/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ward_officer@example.test"]
    assert "Đặt lại mật khẩu" in message.subject
    assert "Kính gửi Trần Thị Bình" in message.body
    assert "có hiệu lực trong 3 ngày" in message.body
    done = _set_new_password(client, _link_from_mail())
    assert done.status_code == 302
    assert done.url == "/tai-khoan/dat-lai-mat-khau/xong/"
    world.users["ward_officer"].refresh_from_db()
    assert world.users["ward_officer"].check_password(NEW_PASSWORD)


def test_the_new_password_still_needs_the_code(client, world):
    _request_reset(client, "ward_officer@example.test")
    _set_new_password(client, _link_from_mail())
    assert not is_signed_in(client)
    assert password_step(client, "ward_officer", NEW_PASSWORD).url == OTP
    assert client.get("/").url.startswith(OTP)
    assert code_step(client).url == "/"


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, world):
    response = _request_reset(client, "khong-co@example.test")
    assert response.url == "/tai-khoan/quen-mat-khau/da-gui/"
    assert mail.outbox == []
    page = client.get(response.url).content.decode()
    assert "Nếu địa chỉ bạn nhập là của một tài khoản đang hoạt động" in page


def test_a_reset_link_works_only_once(client, world):
    _request_reset(client, "ward_officer@example.test")
    link = _link_from_mail()
    _set_new_password(client, link)
    page = client.get(link, follow=True).content.decode()
    assert "Đường dẫn không còn hiệu lực" in page


def test_the_reset_is_recorded_and_does_not_lift_a_lockout(client, world):
    for _ in range(5):
        password_step(client, "ward_officer", "sai-mat-khau-roi")
    _request_reset(client, "ward_officer@example.test")
    _set_new_password(client, _link_from_mail())
    event = AuditEvent.objects.get(verb="accounts.password_reset")
    assert event.object_id == str(world.users["ward_officer"].pk)
    assert LoginFailure.objects.filter(username="ward_officer").count() == 5
    assert "đang tạm khoá" in password_step(client, "ward_officer", NEW_PASSWORD).content.decode()


def test_the_forms_speak_vietnamese(client, world):
    assert "Địa chỉ thư điện tử của tài khoản" in client.get(RESET).content.decode()
    page = _request_reset(client, "khong-phai-email").content.decode()
    assert "Địa chỉ thư điện tử không hợp lệ" in page
    assert "Quay lại đăng nhập" in page
    assert client.get(LOGIN).status_code == 200
