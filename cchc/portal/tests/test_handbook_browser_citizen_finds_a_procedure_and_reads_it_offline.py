"""A citizen on a phone finds a procedure in the handbook by typing without diacritics, opens it, and
reads it again with the network off (the handbook's service worker); the same on a desktop screen."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from cchc.dossiers.demo import load_catalogue
from cchc.org.demo import load_org
from cchc.testing.browser import new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERMIT = "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"


def wait_for_worker(page) -> None:
    """The page is controlled by the handbook's worker (it registers on the first visit). Polled from
    here: ``wait_for_function`` evaluates a string in the page, which the site's CSP refuses."""
    deadline = time.monotonic() + 20
    while not page.evaluate("navigator.serviceWorker.controller !== null"):
        assert time.monotonic() < deadline, "the handbook's service worker never took control"
        page.wait_for_timeout(100)


def test_citizen_on_a_phone_finds_a_permit_without_diacritics_and_reads_it_offline(live_server, browser):
    load_org()
    load_catalogue()
    context = new_context(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/cong-khai/")
        page.get_by_role("link", name="Sổ tay thủ tục hành chính").click()
        expect(page).to_have_url(re.compile(r"/cong-khai/so-tay-thu-tuc/$"))
        wait_for_worker(page)
        box = page.get_by_label("Tìm thủ tục")
        box.fill("cap giay phep xay dung")
        # The list filters as the citizen types, before any button is pressed (new, repair, re-issue).
        expect(page.get_by_test_id("handbook-count")).to_have_text(re.compile(r"Tìm thấy 3 thủ tục"))
        page.get_by_role("button", name="Tìm").click()
        results = page.get_by_test_id("handbook-results")
        expect(results).to_contain_text(PERMIT)
        expect(results).not_to_contain_text("khai sinh")
        page.get_by_role("link", name=PERMIT).click()
        expect(page.get_by_test_id("handbook-name")).to_have_text(PERMIT)
        expect(page.get_by_test_id("handbook-limit")).to_have_text("15 ngày")
        expect(page.get_by_test_id("handbook-documents")).to_contain_text("Bản vẽ thiết kế xây dựng")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path="test-results/handbook-permit-phone.png", full_page=True)
        wait_for_worker(page)

        context.set_offline(True)
        page.reload()
        expect(page.get_by_test_id("handbook-name")).to_have_text(PERMIT)
        expect(page.get_by_test_id("handbook-documents")).to_contain_text(
            "Đơn đề nghị cấp giấy phép xây dựng"
        )
        expect(page.locator("[data-handbook-offline]")).to_be_visible()
        page.screenshot(path="test-results/handbook-permit-phone-offline.png", full_page=True)
        # Back to the list, still offline: the saved list filters itself.
        page.get_by_role("link", name="← Sổ tay thủ tục").click()
        page.get_by_label("Tìm thủ tục").fill("khai sinh")
        expect(page.get_by_test_id("handbook-count")).to_have_text(re.compile(r"Tìm thấy \d+ thủ tục"))
        expect(page.get_by_role("link", name="Thủ tục đăng ký khai sinh", exact=True)).to_be_visible()
        expect(page.get_by_role("link", name=PERMIT)).to_be_hidden()
        # A page never opened says plainly that it was not saved.
        page.goto(f"{live_server.url}/cong-khai/so-tay-thu-tuc/1.001029/")
        expect(page.locator("body")).to_contain_text("Không có kết nối mạng")
    finally:
        context.close()


def test_the_handbook_reads_on_a_desktop_screen(live_server, page):
    load_org()
    load_catalogue()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/cong-khai/so-tay-thu-tuc/?q=HO+KINH+DOANH")
    expect(page.get_by_test_id("handbook-results")).to_contain_text("Đăng ký thành lập hộ kinh doanh")
    page.get_by_role("link", name="Đăng ký thành lập hộ kinh doanh").click()
    expect(page.get_by_test_id("handbook-online")).to_contain_text("trực tuyến toàn trình")
    expect(page.get_by_test_id("handbook-fees")).to_contain_text("100.000 đồng")
    page.screenshot(path="test-results/handbook-business-desktop.png", full_page=True)
