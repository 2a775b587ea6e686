"""Playwright: on a phone (390 px) the officials' ranking is a list of cards, each naming its figures, not
a squeezed table; the leader taps an official's late count and reads exactly those dossiers."""

import pytest
from playwright.sync_api import expect

from cchc.dossiers.facts import rebuild
from cchc.dossiers.models import Dossier
from cchc.dossiers.tests.factories import LOCAL, late_dossier
from cchc.testing.browser import browser_login, new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_leader_on_a_phone_reads_the_officials_ranking_as_cards(live_server, browser, world, settings):
    settings.CCHC_LEAGUE_MIN_DOSSIERS = 1
    settings.CCHC_LEAGUE_CACHE_SECONDS = 0
    late_dossier(world, "LATE-PHONE-1")
    late_dossier(world, "LATE-PHONE-2")
    for d in Dossier.objects.exclude(end_at=None):
        Dossier.objects.filter(pk=d.pk).update(finished_on=d.end_at.astimezone(LOCAL).date())
    rebuild()
    phone = new_context(browser, viewport={"width": 390, "height": 844})
    try:
        page = phone.new_page()
        browser_login(page, live_server.url, world.users["leader"])
        page.goto(f"{live_server.url}/ho-so/xep-hang/can-bo/?date_from=2022-06-01&date_to=2022-06-30")
        table = page.get_by_test_id("league-table")
        expect(table.locator("thead")).not_to_be_in_viewport()
        card = table.locator("tbody tr").first
        expect(card).to_contain_text("Trần Thị Bình")
        # Each figure sits on its own line after its column's name, inside the phone's width.
        late = card.locator("td[data-label='Trễ hạn']")
        assert late.evaluate("td => getComputedStyle(td, '::before').content") == '"Trễ hạn"'
        box = card.bounding_box()
        assert box is not None and box["width"] <= 390
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path="test-results/league-officials-phone.png", full_page=True)
        late.get_by_test_id("league-late").click()
        expect(page.get_by_test_id("late-count")).to_contain_text("2")
    finally:
        phone.close()
