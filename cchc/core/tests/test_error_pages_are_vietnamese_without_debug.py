"""With DEBUG off (production, and the demo), a missing page, a forbidden one and a server error answer
with the site's Vietnamese pages, never Django's English ones; the favicon is served."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import path

from cchc.urls import urlpatterns as project_patterns

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def _forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def _broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("lỗi thử")


urlpatterns = [path("thu-403/", _forbidden), path("thu-500/", _broken), *project_patterns]


def test_missing_forbidden_and_broken_pages_speak_vietnamese(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    missing = client.get("/khong-co-trang-nay/")
    assert missing.status_code == 404
    assert "Không tìm thấy trang" in missing.content.decode()
    forbidden = client.get("/thu-403/")
    assert forbidden.status_code == 403 and "Không có quyền truy cập" in forbidden.content.decode()
    broken = client.get("/thu-500/")
    assert broken.status_code == 500 and "Hệ thống gặp sự cố" in broken.content.decode()
    for page in (missing, forbidden, broken):
        html = page.content.decode()
        assert 'lang="vi"' in html
        for english in ("Page not found", "Server Error", "Forbidden", "Request Method"):
            assert english not in html


def test_the_favicon_is_served(client, settings):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.ico")
    assert 'rel="icon"' in client.get("/cong-khai/").content.decode()
