"""On a 390-px phone the citizens' ratings by official read as cards — the official's name and position on
top, each figure named — instead of an eight-column table scrolled sideways; an official without a training
proposal shows no empty line."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cchc.surveys.actions.responses import rate_dossier
from cchc.surveys.models import RatingLevel
from cchc.surveys.tests.conftest import URLS, make_dossier
from cchc.testing.phone_cards import PHONE, label_of, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.urls(URLS)]


def test_a_leader_on_a_phone_reads_each_officials_ratings_as_a_card(live_server, browser, world, settings):
    settings.CCHC_SURVEY_OFFICIAL_MIN_RATINGS = 3
    now = timezone.now()
    for i, level in enumerate([RatingLevel.VERY_SATISFIED] * 3 + [RatingLevel.SATISFIED] * 2):
        rate_dossier(make_dossier(world, f"R-card-{i}"), level, channel="link", at=now - dt.timedelta(days=1))
    page = signed_in_page(browser, live_server.url, world.users["leader"], PHONE)
    page.goto(f"{live_server.url}/khao-sat/can-bo/")
    card = page.locator("[data-testid=officials] tbody tr").first
    assert card.bounding_box()["width"] >= 340
    cells = card.locator("td")
    assert label_of(cells.nth(1)) == '"Đơn vị"'
    assert label_of(cells.nth(2)) == '"Lượt"'
    assert not cells.nth(7).is_visible()  # no training proposal: no empty line
    box = page.locator(".table-responsive").filter(has=page.get_by_test_id("officials"))
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
