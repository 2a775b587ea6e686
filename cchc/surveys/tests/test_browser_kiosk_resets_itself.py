"""Playwright: the kiosk on a tablet starts from its welcome screen, clears a half-answered form after
the inactivity timeout (a setting), and after each respondent shows thanks and starts over empty."""

import time

import pytest
from playwright.sync_api import expect

from cchc.surveys import actions
from cchc.surveys.models import Response
from cchc.surveys.tests.conftest import URLS
from cchc.testing.browser import new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.urls(URLS)]


def wait_for(condition, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def test_the_kiosk_resets_after_inactivity_and_after_each_respondent(
    live_server, browser, world, campaign, settings
):
    settings.CCHC_SURVEY_KIOSK_IDLE_SECONDS = 3
    settings.CCHC_SURVEY_KIOSK_THANKS_SECONDS = 2
    kiosk = actions.create_kiosk(world.users["one_stop"], name="Quầy 1", unit=world.units["p1_mc"])
    tablet = new_context(browser, viewport={"width": 800, "height": 1280}, has_touch=True, locale="vi-VN")
    page = tablet.new_page()
    page.goto(f"{live_server.url}/cong-khai/khao-sat/ki-ot/{kiosk.token}/")
    expect(page.get_by_test_id("kiosk-welcome")).to_be_visible()
    expect(page.get_by_test_id("survey-form")).to_be_hidden()
    # Large touch targets: every answer button is at least 3 rem (48 px) tall.
    page.get_by_test_id("kiosk-start").tap()
    box = page.locator("label[for='q_E1.1-5']").bounding_box()
    assert box and box["height"] >= 48 and box["width"] >= 48

    # Someone starts, then walks away: the tablet clears their answer and greets the next person.
    page.locator("label[for='q_E1.1-2']").tap()
    expect(page.locator("[id='q_E1.1-2']")).to_be_checked()
    expect(page.get_by_test_id("kiosk-welcome")).to_be_visible(timeout=8000)
    page.get_by_test_id("kiosk-start").tap()
    expect(page.locator("[id='q_E1.1-2']")).not_to_be_checked()

    # A respondent answers and sends: thanks, then an empty form for the next one.
    for code in ("E1.1", "E1.2", "E3.1"):
        page.locator(f"label[for='q_{code}-4']").tap()
    page.get_by_test_id("survey-submit").tap()
    expect(page.get_by_test_id("kiosk-thanks")).to_be_visible()
    expect(page.get_by_test_id("kiosk-welcome")).to_be_visible(timeout=8000)
    assert wait_for(lambda: Response.objects.count() == 1)
    r = Response.objects.get()
    assert r.answers == {"E1.1": 4, "E1.2": 4, "E3.1": 4} and r.kiosk == kiosk and r.unit == world.units["p1"]
    page.get_by_test_id("kiosk-start").tap()
    assert page.locator("input[type=radio]:checked").count() == 0
    assert page.evaluate("JSON.parse(localStorage.getItem('cchc-survey-queue') || '[]').length") == 0
    tablet.close()


def test_a_kiosk_offline_keeps_the_answers_queued_and_sends_them_later(
    live_server, browser, world, campaign, settings
):
    settings.CCHC_SURVEY_KIOSK_THANKS_SECONDS = 1
    kiosk = actions.create_kiosk(world.users["one_stop"], name="Quầy 2", unit=world.units["p1_mc"])
    tablet = new_context(browser, viewport={"width": 800, "height": 1280}, has_touch=True)
    page = tablet.new_page()
    page.goto(f"{live_server.url}/cong-khai/khao-sat/ki-ot/{kiosk.token}/")
    tablet.set_offline(True)
    page.get_by_test_id("kiosk-start").tap()
    page.locator("label[for='q_E2.1-5']").tap()
    page.get_by_test_id("survey-submit").tap()
    expect(page.get_by_test_id("kiosk-welcome")).to_be_visible(timeout=8000)  # the next person does not wait
    assert Response.objects.count() == 0
    assert page.evaluate("JSON.parse(localStorage.getItem('cchc-survey-queue')).length") == 1
    tablet.set_offline(False)
    assert wait_for(lambda: Response.objects.count() == 1, timeout=15)
    assert Response.objects.get().answers == {"E2.1": 5}
    tablet.close()
