"""The language switcher: Vietnamese by default whatever the browser asks, English after choosing it on
the pages translated in full, and on any other page the Vietnamese page marked ``lang="vi"`` with a note
in English that it is Vietnamese only."""

import pytest

from cchc.core import language

pytestmark = pytest.mark.django_db


def test_the_site_speaks_vietnamese_until_english_is_chosen(client):
    page = client.get("/cong-khai/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in page
    assert "Cổng thông tin cải cách hành chính" in page
    assert 'name="language" value="en" lang="en">English</button>' in page


def test_choosing_english_gives_the_translated_page_and_a_way_back(client):
    response = client.post("/ngon-ngu/", {"language": "en", "next": "/cong-khai/"})
    assert response.status_code == 302 and response["Location"] == "/cong-khai/"
    response = client.get("/cong-khai/")
    page = response.content.decode()
    assert '<html lang="en">' in page and response["Content-Language"] == "en"
    assert '<h1 class="h3">Administrative reform portal</h1>' in page
    assert 'value="vi" lang="vi">Tiếng Việt</button>' in page
    client.post("/ngon-ngu/", {"language": "vi", "next": "/cong-khai/"})
    assert '<html lang="vi">' in client.get("/cong-khai/").content.decode()


def test_a_page_without_translation_stays_vietnamese_and_says_so(client, monkeypatch):
    monkeypatch.setattr(language, "ENGLISH_PAGES", ())
    client.post("/ngon-ngu/", {"language": "en", "next": "/cong-khai/"})
    response = client.get("/cong-khai/")
    page = response.content.decode()
    assert '<html lang="vi">' in page and response["Content-Language"] == "vi"
    assert "Cổng thông tin cải cách hành chính" in page
    assert 'lang="en" data-testid="only-vietnamese">This page is in Vietnamese only.</span>' in page


@pytest.mark.parametrize("value", ["xx", "", "en\x00", "../en", "fr"])
def test_an_unknown_language_changes_nothing(client, value):
    response = client.post("/ngon-ngu/", {"language": value, "next": "/cong-khai/"})
    assert response.status_code in (302, 400)
    assert '<html lang="vi">' in client.get("/cong-khai/").content.decode()


def test_the_switch_never_sends_the_visitor_to_another_site(client):
    response = client.post("/ngon-ngu/", {"language": "en", "next": "https://example.com/"})
    assert response["Location"] == "/"
