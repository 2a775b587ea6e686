"""The public home links every public service that works — the procedure handbook, dossier look-up, the
petition form, petition tracking, answered petitions and their figures, survey results, the monthly late
lists — and every link opens for an anonymous visitor; nothing says "being built"."""

import re

import pytest

pytestmark = pytest.mark.django_db

SERVICES = [
    "/cong-khai/so-tay-thu-tuc/",
    "/cong-khai/tra-cuu-ho-so/",
    "/cong-khai/phan-anh/gui/",
    "/cong-khai/phan-anh/theo-doi/",
    "/cong-khai/phan-anh/",
    "/cong-khai/phan-anh/so-lieu/",
    "/cong-khai/khao-sat/",
    "/cong-khai/danh-sach-tre-han/",
]


def test_the_public_home_links_each_public_service_and_each_opens(client, world):
    from cchc.feedback.demo import load_categories

    load_categories(world.jurisdictions["city"])  # the area takes petitions
    html = client.get("/cong-khai/").content.decode()
    links = set(re.findall(r'href="(/cong-khai/[^"]*)"', html))
    assert set(SERVICES) <= links, sorted(set(SERVICES) - links)
    assert "đang được xây dựng" not in html
    for url in SERVICES:
        assert client.get(url).status_code == 200, url


def test_without_petition_categories_the_home_links_no_petition_page(client, world):
    html = client.get("/cong-khai/").content.decode()
    assert "/cong-khai/phan-anh/gui/" not in html
    assert "/cong-khai/tra-cuu-ho-so/" in html and "/cong-khai/khao-sat/" in html
