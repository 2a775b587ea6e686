"""The public read-only pages are kept rendered for visitors who are not signed in (portal/page_cache.py):
the next visitor's page reads nothing from the database, still carries the CSP and the other headers,
says when its figures were taken, and has the visitor's own CSRF token, which the look-up accepts.
Anyone signed in, a search, and the look-up's answer (a POST) are rendered for the request."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cchc.dossiers.tests.factories import build_ledger

pytestmark = pytest.mark.django_db

PAGES = [
    "/cong-khai/",
    "/cong-khai/so-tay-thu-tuc/",
    "/cong-khai/danh-sach-tre-han/",
    "/cong-khai/xep-hang-chi-so-cchc/",
]
LOOKUP = "/cong-khai/tra-cuu-ho-so/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def kept(settings):
    settings.CCHC_PUBLIC_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, len(captured)


@pytest.mark.parametrize("url", PAGES)
def test_the_second_visitor_gets_the_page_without_a_query_with_its_headers_and_its_date(world, url):
    first, first_queries = queries_of(Client(), url)
    second, second_queries = queries_of(Client(), url)
    assert first.status_code == second.status_code == 200
    assert first_queries > 0 and second_queries == 0
    for response in (first, second):
        assert "Content-Security-Policy" in response.headers
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "Permissions-Policy" in response.headers
        assert "Số liệu tính đến" in response.content.decode()
    assert TOKEN.sub("", first.content.decode()) == TOKEN.sub("", second.content.decode())


def test_without_the_setting_every_request_is_rendered_and_no_date_is_added(world, settings):
    settings.CCHC_PUBLIC_PAGE_CACHE_SECONDS = 0
    Client().get("/cong-khai/")
    response, count = queries_of(Client(), "/cong-khai/")
    assert count > 0
    assert "Số liệu tính đến" not in response.content.decode()


def test_each_visitor_gets_its_own_csrf_token_and_the_look_up_accepts_it(world):
    ledger = build_ledger(world)
    Client().get(LOOKUP)  # kept
    visitor = Client(enforce_csrf_checks=True)
    form, count = queries_of(visitor, LOOKUP)
    assert count == 0
    html = form.content.decode()
    assert "\x00" not in html and "Số liệu tính đến" not in html  # an empty form shows no figures
    token = TOKEN.search(html).group(1)
    assert "csrftoken" in form.cookies
    answer = visitor.post(
        LOOKUP, {"csrfmiddlewaretoken": token, "code": ledger.late.code, "phone": "0912345789"}
    )
    assert answer.status_code == 200
    assert f"Hồ sơ {ledger.late.code}" in answer.content.decode()
    # The look-up's answer is never kept: a second visitor's form shows no dossier.
    assert ledger.late.code not in Client().get(LOOKUP).content.decode()


def test_a_signed_in_official_and_a_search_get_pages_rendered_for_them(world):
    Client().get("/cong-khai/")
    official = Client()
    official.force_login(world.users["leader"])
    response, count = queries_of(official, "/cong-khai/")
    assert count > 0
    assert "Đăng xuất" in response.content.decode()
    Client().get("/cong-khai/so-tay-thu-tuc/")
    _, search_queries = queries_of(Client(), "/cong-khai/so-tay-thu-tuc/?q=khai+sinh")
    assert search_queries > 0


def test_a_visitor_who_chose_english_gets_the_english_page_not_the_kept_vietnamese_one(world, settings):
    Client().get("/cong-khai/")
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = english.get("/cong-khai/").content.decode()
    assert 'lang="en"' in html
    assert "Cổng thông tin cải cách hành chính</h1>" not in html
