"""A reader who chose English opens the handbook on a phone, loses the network and opens a procedure never
read before: the handbook's worker says, in English, that the page was not saved."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cchc.dossiers.demo import load_catalogue
from cchc.org.demo import load_org
from cchc.portal.tests.test_handbook_browser_citizen_finds_a_procedure_and_reads_it_offline import (
    wait_for_worker,
)
from cchc.testing.browser import new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_offline_page_reads_in_english_for_a_reader_who_chose_english(live_server, browser):
    load_org()
    load_catalogue()
    context = new_context(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.add_cookies([{"name": "cchc_ngon_ngu", "value": "en", "url": live_server.url}])
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/cong-khai/so-tay-thu-tuc/")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        wait_for_worker(page)
        context.set_offline(True)
        page.goto(f"{live_server.url}/cong-khai/so-tay-thu-tuc/1.001029/")
        expect(page.locator("body")).to_contain_text("No network connection")
        expect(page.locator("html")).to_have_attribute("lang", "en")
    finally:
        context.close()
