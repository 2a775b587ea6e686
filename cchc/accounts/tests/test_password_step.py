"""Step 1: user name and password. Right → on to the code step; wrong → one message, counted."""

from urllib.parse import quote

from cchc.accounts.models import LoginFailure
from cchc.core.models import AuditEvent

from .conftest import LOGIN, OTP, code_step, is_signed_in, password_step


def test_login_page_speaks_vietnamese(client, db):
    page = client.get(LOGIN).content.decode()
    assert "Tên đăng nhập" in page
    assert "Mật khẩu" in page
    assert "Quên mật khẩu?" in page


def test_right_password_leads_to_the_code_step_and_not_yet_into_staff_pages(client, world):
    response = password_step(client, "leader")
    assert response.status_code == 302
    assert response.url == OTP
    home = client.get("/")
    assert home.status_code == 302
    assert home.url.startswith(OTP)


def test_wrong_password_and_unknown_name_get_the_same_answer(client, world):
    wrong_password = password_step(client, "leader", "sai-mat-khau-roi").content.decode()
    unknown_name = password_step(client, "khong-ai-ca", "sai-mat-khau-roi").content.decode()
    for page in (wrong_password, unknown_name):
        assert "Tên đăng nhập hoặc mật khẩu không đúng." in page
        assert "Còn 4 lần thử trước khi bị tạm khoá 15 phút." in page
    assert not is_signed_in(client)
    assert set(LoginFailure.objects.values_list("username", flat=True)) == {"leader", "khong-ai-ca"}


def test_each_failure_is_written_to_the_audit_trail(client, world):
    password_step(client, "leader", "sai-mat-khau-roi")
    event = AuditEvent.objects.get(verb="accounts.login_failed")
    assert event.object_id == str(world.users["leader"].pk)
    assert event.data["stage"] == "password"
    assert event.data["ip"] == "127.0.0.1"
    assert "sai mật khẩu" in event.summary


def test_blank_fields_are_named_in_vietnamese(client, db):
    page = client.post(LOGIN, {"username": "", "password": ""}).content.decode()
    assert "Vui lòng nhập tên đăng nhập." in page
    assert "Vui lòng nhập mật khẩu." in page


def test_inactive_account_cannot_sign_in_and_is_told_nothing_more(client, world):
    user = world.users["front"]
    user.is_active = False
    user.save()
    page = password_step(client, "front").content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in page
    assert not is_signed_in(client)


def test_next_page_is_kept_through_both_steps(client, world):
    response = password_step(client, "secretariat", next="/to-chuc/don-vi/")
    assert response.url == f"{OTP}?next={quote('/to-chuc/don-vi/', safe='')}"
    final = code_step(client, next="/to-chuc/don-vi/")
    assert final.status_code == 302
    assert final.url == "/to-chuc/don-vi/"


def test_next_pointing_at_another_site_is_ignored(client, world):
    password_step(client, "secretariat", next="https://ke-gian.example/")
    final = code_step(client, next="https://ke-gian.example/")
    assert final.url == "/"


def test_a_fully_signed_in_user_opening_the_login_page_goes_on(client, world):
    password_step(client, "office")
    code_step(client)
    response = client.get(LOGIN)
    assert response.status_code == 302
    assert response.url == "/"


def test_password_is_kept_out_of_error_reports(client, world):
    # Django's error e-mails and debug pages mask the parameters listed here.
    response = password_step(client, "leader", "sai-mat-khau-roi")
    assert response.wsgi_request.sensitive_post_parameters == ("password",)
