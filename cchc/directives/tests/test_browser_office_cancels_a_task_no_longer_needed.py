"""Playwright: the Office cancels an overdue task that a later plan replaced; the task page keeps it
with the reason, and it leaves the leader's overdue list."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from cchc.directives.tests.conftest import URLS, make_task
from cchc.testing.browser import browser_login, nav_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.urls(URLS)]


def test_the_office_cancels_a_replaced_task_and_it_leaves_the_overdue_list(
    live_server, page, world, directive
):
    kept = make_task(
        world, directive, "p1", due=dt.date(2022, 9, 30), text="Niêm yết thủ tục tại Bộ phận một cửa"
    )
    replaced = make_task(
        world, directive, "p1", due=dt.date(2022, 9, 30), text="Lập kế hoạch tự kiểm tra công vụ quý IV"
    )
    browser_login(page, live_server.url, world.users["office"])
    page.goto(f"{live_server.url}/chi-dao/nhiem-vu/{replaced.pk}/")
    page.get_by_text("Hủy nhiệm vụ (không còn cần thực hiện)").click()
    form = page.get_by_test_id("cancel-form")
    form.get_by_label("Lý do hủy").fill("Đã được thay bằng Kế hoạch 25/KH-UBND ngày 01/10/2022")
    form.get_by_role("button", name="Hủy nhiệm vụ").click()
    expect(page.get_by_text("Đã hủy nhiệm vụ.")).to_be_visible()
    expect(page.get_by_test_id("cancelled")).to_contain_text("Kế hoạch 25/KH-UBND")
    expect(page.get_by_test_id("task-state")).to_have_text("Đã hủy")

    page.context.clear_cookies()
    browser_login(page, live_server.url, world.users["leader"])
    page.goto(f"{live_server.url}/")
    nav_link(page, "Nhiệm vụ quá hạn").click()
    table = page.get_by_test_id("overdue-table")
    expect(table).to_contain_text(kept.text)
    expect(table).not_to_contain_text(replaced.text)
