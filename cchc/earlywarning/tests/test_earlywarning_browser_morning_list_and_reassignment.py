"""In Chromium, on a 390-px phone and on a desktop: the ward officer opens the morning list from the home
page and goes to the top item in one click; the ward's head hands an at-risk step nobody holds to an
official of the ward, and it leaves the head's hands."""

import re

import pytest
from playwright.sync_api import expect

from cchc.earlywarning.tests.scene import scored
from cchc.org.models import Official
from cchc.testing.browser import browser_login

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def scene(world, settings):
    scored(world, settings)
    Official.objects.create(code="P1-CV2", full_name="Lâm Thị Ngọc", unit=world.units["p1"])
    return world


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_officer_opens_the_morning_list_and_the_top_item(scene, live_server, page, size):
    page.set_viewport_size(size)
    browser_login(page, live_server.url, scene.users["ward_officer"])
    panel = page.get_by_test_id("panel-at-risk")
    expect(panel.get_by_test_id("risk-card").first).to_contain_text("A-OPEN")
    _fits(page)
    panel.get_by_test_id("at-risk-count").click()
    expect(page).to_have_url(re.compile(r"/canh-bao/$"))
    top = page.get_by_test_id("risk-card").first
    expect(top).to_contain_text("thường mất")  # the reason, in working days
    expect(page.get_by_test_id("risk-list")).not_to_contain_text("B-OPEN")
    _fits(page)
    top.get_by_test_id("risk-link").click()
    expect(page).to_have_url(re.compile(r"/ho-so/ho-so/A-OPEN/$"))
    expect(page.locator("main")).to_contain_text("A-OPEN")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_head_hands_an_unheld_step_to_an_official(scene, live_server, page, size):
    page.set_viewport_size(size)
    browser_login(page, live_server.url, scene.users["unit_head"])
    page.goto(f"{live_server.url}/canh-bao/?loai=step")
    card = page.get_by_test_id("risk-card").filter(has_text="C-OPEN")
    expect(card).to_contain_text("Người phải xử lý: Hoàng Minh Đức")  # nobody holds it: the head
    card.get_by_test_id("reassign-link").click()
    # The form's page must have loaded before its width is measured (the click only starts navigating).
    expect(page.get_by_label("Giao cho cán bộ")).to_be_visible()
    _fits(page)
    page.get_by_label("Giao cho cán bộ").select_option(label="Lâm Thị Ngọc")
    page.get_by_role("button", name="Giao lại").click()
    expect(page.get_by_role("alert").or_(page.locator(".alert-success"))).to_contain_text("Lâm Thị Ngọc")
    cards = page.get_by_test_id("risk-card").filter(has_text="C-OPEN")  # the dossier and its step
    expect(cards).to_have_count(2)
    for i in range(2):
        expect(cards.nth(i)).to_contain_text("Người phải xử lý: Lâm Thị Ngọc")
