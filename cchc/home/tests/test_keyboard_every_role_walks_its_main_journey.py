"""Each role's main journey with the keyboard alone (Tab, Shift+Tab, Enter, Space; text typed into
fields; Escape only to close a menu group): sign in through both steps, skip to the content, follow
the home page's figure or the menu to the list that proves it, open an item. Every focus stop on the
way must be drawn on screen (cchc.testing.keyboard); the pages themselves also pass the axe check
every browser test gets."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from cchc.dossiers.tests.factories import build_ledger
from cchc.home.tests.test_home_scene import setup_scene
from cchc.testing.keyboard import keyboard_sign_in, press, skip_to_content, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene(world, settings, tmp_path):
    return setup_scene(world, settings, tmp_path)


def menu_entry(page, label):
    """Reach a menu entry by keyboard: Tab to its group's button and open it with Enter when the entry
    is inside a drop-down, then Tab to the entry itself."""
    nav = page.get_by_test_id("nav")
    link = nav.locator("a").filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    if not link.is_visible():
        toggle = link.locator("xpath=ancestor::li[contains(@class, 'dropdown')]/button")
        tab_to(page, toggle)
        press(page, "Enter", navigates=False)
        expect(link).to_be_visible()
    return tab_to(page, link)


def test_the_leader_follows_a_slipping_wards_overdue_tasks(scene, live_server, page):
    keyboard_sign_in(page, live_server.url, scene.world.users["leader"])
    skip_to_content(page)
    label = "Quá hạn: 2 nhiệm vụ do UBND Phường 1 hoặc đơn vị trực thuộc chủ trì"
    tab_to(page, page.get_by_role("link", name=label))
    press(page)
    expect(page).to_have_url(re.compile(r"/chi-dao/qua-han/\?don_vi=\d+$"))
    expect(page.get_by_test_id("overdue-table").locator("caption")).to_have_text("2 nhiệm vụ quá hạn.")


def test_the_secretariat_opens_the_citys_overdue_tasks(scene, live_server, page):
    keyboard_sign_in(page, live_server.url, scene.world.users["secretariat"])
    skip_to_content(page)
    tab_to(page, page.get_by_test_id("all-overdue"))
    press(page)
    expect(page.get_by_test_id("overdue-table")).to_contain_text("UBND Phường 2")


def test_the_office_reads_the_task_board_and_opens_a_wards_tasks(scene, live_server, page):
    keyboard_sign_in(page, live_server.url, scene.world.users["office"])
    skip_to_content(page)
    tab_to(page, page.get_by_test_id("board-overdue"))
    press(page)
    expect(page).to_have_url(re.compile(r"/chi-dao/"))
    expect(page.locator("main")).to_contain_text("Phường 1")


def test_the_ward_head_opens_an_overdue_task_of_the_ward(scene, live_server, page):
    keyboard_sign_in(page, live_server.url, scene.world.users["unit_head"])
    skip_to_content(page)
    tab_to(page, page.get_by_test_id("unit-tasks-overdue"))
    press(page)
    task = page.locator("main table a[href*='/chi-dao/nhiem-vu/']").first
    tab_to(page, task)
    press(page)
    expect(page.get_by_test_id("task-state")).to_contain_text("quá hạn")


def test_the_ward_officer_opens_the_petition_given_to_them(scene, live_server, page):
    keyboard_sign_in(page, live_server.url, scene.world.users["ward_officer"])
    skip_to_content(page)
    petition = page.get_by_test_id("panel-my-petitions").locator("a").first
    code = petition.inner_text()
    tab_to(page, petition)
    press(page)
    expect(page).to_have_url(re.compile(rf"/phan-anh/{re.escape(code)}/$"))
    expect(page.locator("h1")).to_be_visible()


def test_the_one_stop_desk_opens_a_late_dossier_without_an_apology(scene, live_server, page):
    keyboard_sign_in(page, live_server.url, scene.world.users["one_stop"])
    skip_to_content(page)
    tab_to(page, page.get_by_test_id("missing-apology"))
    press(page)
    expect(page).to_have_url(re.compile(r"/ho-so/tre-han/"))
    dossier = page.locator("main table a[href*='/ho-so/ho-so/']").first
    tab_to(page, dossier)
    press(page)
    expect(page.get_by_test_id("missing-apology")).to_be_visible()


def test_the_front_opens_a_petition_it_follows(scene, live_server, page):
    keyboard_sign_in(page, live_server.url, scene.world.users["front"])
    skip_to_content(page)
    petition = page.get_by_test_id("opinions-table").locator("a").first
    tab_to(page, petition)
    press(page)
    expect(page).to_have_url(re.compile(r"/phan-anh/[^/]+/$"))


def test_the_auditor_opens_the_change_log_from_the_menu(scene, live_server, page):
    keyboard_sign_in(page, live_server.url, scene.world.users["auditor"])
    # A menu group opened by mistake closes with Escape and gives the focus back to its button.
    group = page.get_by_test_id("nav").locator("button[data-nav-group]").first
    tab_to(page, group)
    press(page, "Enter", navigates=False)
    expect(group).to_have_attribute("aria-expanded", "true")
    press(page, "Escape", navigates=False)
    expect(group).to_have_attribute("aria-expanded", "false")
    assert page.evaluate("el => el === document.activeElement", group.element_handle())
    menu_entry(page, "Nhật ký thay đổi")
    press(page)
    expect(page).to_have_url(re.compile(r"/nhat-ky/"))
    skip_to_content(page)
    tab_to(page, page.locator("main a, main button, main input, main select").first)


def test_a_citizen_looks_up_a_dossier_with_the_keyboard_on_a_phone(live_server, browser, world):
    cache.clear()
    ledger = build_ledger(world)
    from cchc.testing.browser import new_context

    context = new_context(browser, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/")
        skip_to_content(page)
        tab_to(page, page.get_by_role("link", name="Tra cứu hồ sơ").first)
        press(page)
        tab_to(page, page.get_by_label("Mã hồ sơ"))
        page.keyboard.type(ledger.overdue.code)
        tab_to(page, page.get_by_label("Số điện thoại đã khai khi nộp hồ sơ"))
        page.keyboard.type("0912 345 789")
        tab_to(page, page.get_by_role("button", name="Tra cứu"))
        press(page, "Space")
        expect(page.get_by_test_id("lookup-status")).to_have_text("Đang xử lý")
    finally:
        context.close()
