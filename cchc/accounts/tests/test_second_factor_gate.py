"""The middleware keeps a user who gave only the password out of every staff page."""

from .conftest import OTP, SECURITY, password_step


def test_every_staff_page_sends_a_half_signed_in_user_to_the_code_step(client, world):
    password_step(client, "leader")
    for path in ("/", "/nhat-ky/", "/to-chuc/don-vi/", SECURITY):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url.startswith(OTP), path


def test_the_page_asked_for_is_remembered(client, world):
    password_step(client, "leader")
    assert client.get("/nhat-ky/?q=abc").url == f"{OTP}?next=%2Fnhat-ky%2F%3Fq%3Dabc"


def test_a_post_is_not_carried_out(client, world):
    password_step(client, "leader")
    response = client.post("/tai-khoan/bao-mat/", {"purpose": "authenticator", "password": "x"})
    assert response.status_code == 302
    assert response.url == OTP


def test_htmx_requests_get_a_full_page_redirect(client, world):
    password_step(client, "leader")
    response = client.get("/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == OTP


def test_public_pages_stay_open(client, world):
    password_step(client, "leader")
    assert client.get("/cong-khai/").status_code != 302
