"""NUL bytes, another charset, deep JSON, NaN and impossible positions: a 400 in Vietnamese, never a 500."""

import json

import pytest

from cchc.core.middleware import MAX_JSON_DEPTH, json_depth
from cchc.testing.personas import login_verified


def test_a_nul_in_a_public_survey_link_is_refused(client, db):
    response = client.get("/cong-khai/khao-sat/d/abc%00def/")
    assert response.status_code == 400
    assert "ký tự không hợp lệ" in response.content.decode()


def test_a_nul_in_a_kiosk_link_is_refused(client, db):
    assert client.get("/cong-khai/khao-sat/ki-ot/%00/").status_code == 400


def test_a_nul_in_a_staff_search_names_the_parameter(client, world):
    login_verified(client, world.users["office"])
    response = client.get("/ho-so/", {"q": "abc\x00"})
    assert response.status_code == 400
    assert "«q»" in response.content.decode()


def test_a_nul_in_a_form_field_names_the_field(client, db):
    response = client.post("/tai-khoan/dang-nhap/", {"username": "an\x00", "password": "x"})
    assert response.status_code == 400
    assert "«username»" in response.content.decode()


def test_open311_answers_in_its_own_error_shape(client, db):
    response = client.get("/open311/v2/requests.json", {"jurisdiction_id": "\x00"})
    assert response.status_code == 400
    assert response.json()[0]["code"] == 400
    response = client.post("/open311/v2/requests.xml", {"api_key": "k", "description": "a\x00b"})
    assert response.status_code == 400
    assert b"<errors>" in response.content


def test_a_form_declared_in_latin_1_is_refused_without_a_server_error(client, db):
    response = client.generic(
        "POST",
        "/tai-khoan/dang-nhap/",
        "username=an&password=%E9",
        content_type="application/x-www-form-urlencoded; charset=latin-1",
    )
    assert response.status_code == 400
    assert "UTF-8" in response.content.decode()


def test_form_bytes_that_are_not_utf8_are_refused(client, db):
    response = client.generic(
        "POST",
        "/tai-khoan/dang-nhap/",
        b"username=%FF%FE\xff",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400


def test_an_api_string_with_an_escaped_nul_is_refused(client, db):
    body = json.dumps({"MaHoSo": "H\u0000S"})
    response = client.post("/api/ho-so/dong-bo", body, content_type="application/json")
    assert response.status_code == 400
    assert "ký tự rỗng" in response.json()["detail"]


def test_json_nested_200000_deep_is_refused_quickly(client, db):
    body = "[" * 200_000 + "]" * 200_000
    response = client.post("/api/ho-so/dong-bo", body, content_type="application/json")
    assert response.status_code == 400
    assert str(MAX_JSON_DEPTH) in response.json()["detail"]


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        (b'{"a": [1, 2, {"b": "x"}]}', 3),
        (b'{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}', 1),
        (b'{"a\\"[": ' + b"[" * 70 + b"]" * 70 + b"}", 71),
    ],
)
def test_json_depth_skips_brackets_inside_strings(text, depth):
    assert json_depth(text) == depth
