"""Checking what the directive reader proposed (/chi-dao/van-ban/doc/<id>/) with English chosen: the
page, its labels, the "check first" panel and the refusals are English; the directive's texts, the
proposed tasks, the units and the reader's own notes (written in Vietnamese from the directive's words)
are Vietnamese data, marked ``lang="vi"``. With Vietnamese, the page reads as before."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cchc.directives.tests.conftest import URLS, form_values, seed_upload
from cchc.testing.english import choose_english, vietnamese_shown
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)


def _english(page: str, where: str) -> None:
    assert '<html lang="en">' in page, where
    assert not vietnamese_shown(page), (where, vietnamese_shown(page))


def _review(client, world) -> str:
    login_verified(client, world.users["office"])
    response = client.post(reverse("directives:reader_upload"), {"file": seed_upload()})
    return response["Location"]


def test_the_review_page_reads_in_english(client, world):
    url = _review(client, world)
    choose_english(client)
    page = client.get(url).content.decode()
    assert 'data-testid="review-form"' in page
    _english(page, "review")
    values = form_values(page, "review-form")
    page = client.post(url, {**values, "action": "add_row"}).content.decode()
    _english(page, "a row added")
    values["number"] = ""
    page = client.post(url, {**values, "action": "confirm"}).content.decode()
    assert "Not confirmed yet" in page
    _english(page, "refused")


def test_vietnamese_stays_the_default(client, world):
    url = _review(client, world)
    page = client.get(url).content.decode()
    assert '<html lang="vi">' in page and "Kiểm tra và xác nhận:" in page
