"""In Chromium: the leader signs in, sees the slipping ward at the top of "Đơn vị đang chậm" with the
name of its head, and one click on a figure opens the list that proves it."""

import re

import pytest
from playwright.sync_api import expect

from cchc.home.tests.test_home_scene import setup_scene
from cchc.testing.browser import browser_login


@pytest.fixture
def scene(world, settings, tmp_path):
    return setup_scene(world, settings, tmp_path)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_leader_sees_the_slipping_ward_and_opens_its_overdue_tasks(scene, live_server, page):
    browser_login(page, live_server.url, scene.world.users["leader"])
    expect(page.get_by_test_id("home-heading")).to_have_text("Bảng điều hành của Lãnh đạo")
    first = page.get_by_test_id("slipping-row").first
    expect(first.get_by_test_id("slipping-unit")).to_have_text("UBND Phường 1")
    expect(first.get_by_test_id("slipping-head")).to_contain_text("Hoàng Minh Đức")

    label = "Quá hạn: 2 nhiệm vụ do UBND Phường 1 hoặc đơn vị trực thuộc chủ trì"
    first.get_by_role("link", name=label).click()
    expect(page).to_have_url(re.compile(r"/chi-dao/qua-han/\?don_vi=\d+$"))
    table = page.get_by_test_id("overdue-table")
    expect(table.locator("caption")).to_have_text("2 nhiệm vụ quá hạn.")
    expect(table).to_contain_text("Niêm yết thủ tục hành chính tại Phường 1")
    expect(table.get_by_test_id("overdue-head").first).to_contain_text("Hoàng Minh Đức")

    page.go_back()
    page.get_by_test_id("slipping-row").first.get_by_test_id("slipping-month").click()
    # The month's late dossiers of the ward: the late list filtered to the unit and the month.
    expect(page).to_have_url(re.compile(r"/ho-so/tre-han/\?unit=\d+&finished_from=.+&finished_to="))
    expect(page.get_by_test_id("late-count")).to_have_text("4 hồ sơ")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_leaders_page_fits_a_phone(scene, live_server, page):
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, live_server.url, scene.world.users["leader"])
    expect(page.get_by_test_id("slipping-row").first.get_by_test_id("slipping-unit")).to_be_visible()
    # Nothing but the table's own scroller may overflow the screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
