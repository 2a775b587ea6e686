"""In Chromium, on a 390-px phone and on a desktop: the leader follows "Cảnh báo này đúng đến đâu?" from
the at-risk list to the reliability page, which names the list's threshold beside the measured one and
fits the screen."""

import re

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from cchc.earlywarning.tests.test_reliability_page_names_the_list_threshold_beside_the_measured_one import (
    _run,
)
from cchc.testing.browser import browser_login

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
@override_settings(CCHC_EARLY_WARNING_THRESHOLD_PERCENT=45)
def test_the_leader_reads_how_far_the_warnings_are_right(world, live_server, page, size):
    _run(0.30)
    page.set_viewport_size(size)
    browser_login(page, live_server.url, world.users["leader"])
    page.goto(f"{live_server.url}/canh-bao/")
    expect(page.locator("main")).to_contain_text("từ 45% trở lên")
    page.get_by_role("link", name="Cảnh báo này đúng đến đâu?").click()
    expect(page).to_have_url(re.compile(r"/canh-bao/do-tin-cay/$"))
    expect(page.get_by_test_id("list-threshold")).to_contain_text("đang dùng ngưỡng 45%")
    expect(page.get_by_test_id("list-threshold")).to_contain_text("khác ngưỡng 30%")
    expect(page.get_by_test_id("slice-held_out")).to_contain_text("Hồ sơ: 12.345, trong đó trễ hạn: 1.053")
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
