"""Playwright: the one-stop officer prints a dossier's return slip; a citizen opens its QR link on a
phone-sized screen (390×844), answers, loses the network on submit, and the answers go through when
the phone is back online — stored once."""

import re

import pytest
import segno
from playwright.sync_api import expect

from cchc.surveys.models import DossierRating, Response
from cchc.surveys.tests.conftest import URLS, make_dossier
from cchc.testing.browser import browser_login, new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.urls(URLS)]


def test_a_citizen_scans_the_return_slip_and_answers_on_a_phone(
    live_server, page, browser, world, campaign, settings
):
    settings.SITE_URL = live_server.url
    dossier = make_dossier(world, "000.00.26.H01-220601-0099")
    browser_login(page, live_server.url, world.users["one_stop"])
    page.goto(f"{live_server.url}/ho-so/ho-so/{dossier.code}/")
    expect(page.get_by_test_id("survey-panel")).to_contain_text("Chưa nhận được đánh giá")
    page.get_by_test_id("print-return-slip").click()
    expect(page.get_by_test_id("slip-code")).to_have_text(dossier.code)
    link = page.get_by_test_id("survey-link").inner_text().strip()
    assert link.startswith(f"{live_server.url}/cong-khai/khao-sat/d/")
    # The QR code on the slip encodes exactly that link.
    drawn = page.get_by_test_id("survey-qr").locator("path").get_attribute("d")
    expected = segno.make(link, error="m").svg_inline(scale=4, dark="#000", border=2)
    assert drawn and f'd="{drawn}"' in expected

    phone_context = new_context(
        browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="vi-VN"
    )
    phone = phone_context.new_page()
    phone.goto(link)
    expect(phone.get_by_role("heading", name="Đánh giá mức độ hài lòng")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    phone.locator("label[for=rating-2]").tap()
    for code, value in (("E1.1", 4), ("E2.5", 2), ("E3.1", 5)):
        phone.locator(f"label[for='q_{code}-{value}']").tap()
    # Closing the page or reloading keeps what was answered (stored on the phone).
    phone.reload()
    expect(phone.locator("#rating-2")).to_be_checked()
    expect(phone.locator("[id='q_E2.5-2']")).to_be_checked()

    phone_context.set_offline(True)
    phone.get_by_test_id("survey-submit").tap()
    expect(phone.get_by_test_id("survey-status")).to_contain_text("Chưa gửi được")
    assert Response.objects.count() == 0
    phone_context.set_offline(False)  # back online: the page sends the answers by itself
    expect(phone.get_by_test_id("survey-done")).to_contain_text("Cảm ơn", timeout=15000)

    r = Response.objects.get()
    assert r.answers == {"E1.1": 4, "E2.5": 2, "E3.1": 5} and r.unit == world.units["p1"]
    assert DossierRating.objects.get(dossier=dossier).level == 2
    assert phone.evaluate("localStorage.length") == 0  # nothing of the answers stays on the phone

    # The same QR code a second time: already answered.
    phone.goto(link)
    expect(phone.get_by_text(re.compile("đã được đánh giá"))).to_be_visible()
    phone_context.close()
    page.goto(f"{live_server.url}/ho-so/ho-so/{dossier.code}/")
    expect(page.get_by_test_id("survey-panel")).to_contain_text("Người dân đã đánh giá hồ sơ này")
