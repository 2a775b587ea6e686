"""Playwright: a leader on a phone opens the inter-agency ranking from the league tables, sees the units
holding overdue steps as cards (not a squeezed table), opens the ward's steps and then one dossier."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cchc.dossiers import interagency
from cchc.dossiers.tests.interagency_helpers import TAX, land_dossier
from cchc.testing.browser import browser_login, new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_leader_on_a_phone_goes_from_the_ranking_to_a_dossier(live_server, browser, world):
    land_dossier(world, "IA-PHONE-1")
    land_dossier(world, "IA-PHONE-2")
    land_dossier(world, "IA-PHONE-TAX", at_step=3)
    interagency.refresh(timezone.localdate())
    phone = new_context(browser, viewport={"width": 390, "height": 844})
    try:
        page = phone.new_page()
        browser_login(page, live_server.url, world.users["leader"])
        page.goto(f"{live_server.url}/ho-so/xep-hang/don-vi/")
        page.get_by_role("link", name="Hồ sơ liên thông quá hạn").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("đơn vị giữ bước quá hạn")
        expect(page.get_by_test_id("interagency-table")).to_be_hidden()
        cards = page.get_by_test_id("interagency-card")
        expect(cards).to_have_count(2)
        expect(cards.first).to_contain_text("UBND Phường 1")
        expect(cards.first).to_contain_text("2 bước")
        expect(cards.nth(1)).to_contain_text(TAX)
        expect(page.get_by_test_id("interagency-total")).to_contain_text("3")
        cards.first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("UBND Phường 1")
        steps = page.get_by_test_id("interagency-step-card")
        expect(steps).to_have_count(2)
        expect(steps.first).to_contain_text("Trần Thị Bình")
        steps.filter(has_text="IA-PHONE-2").click()
        expect(page).to_have_url(f"{live_server.url}/ho-so/ho-so/IA-PHONE-2/")
        expect(page.get_by_role("heading", level=1)).to_contain_text("IA-PHONE-2")
        # The ward's step: its share of the split (5 working days from Mon 29/8/2022, the holiday skipped).
        expect(page.get_by_test_id("step-due")).to_have_text("07/09/2022")
        page.screenshot(path="test-results/interagency-phone.png", full_page=True)
    finally:
        phone.close()
