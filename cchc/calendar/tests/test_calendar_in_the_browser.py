"""In Chromium: the secretariat adds a make-up working day with its legal reference and sees it listed;
a ward officer sees the calendar without edit controls."""

import re

import pytest
from playwright.sync_api import expect

from cchc.testing.browser import browser_login


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_secretariat_adds_a_make_up_working_day_and_sees_it_listed(live_server, page, world, national):
    browser_login(page, live_server.url, world.users["secretariat"])
    page.goto(f"{live_server.url}/lich/nam/2027/")
    expect(page.get_by_test_id("calendar-heading")).to_have_text("Lịch làm việc năm 2027")
    page.get_by_test_id("add-entry").click()
    page.get_by_label(re.compile(r"^Ngày")).fill("2027-01-09")
    page.get_by_label("Loại ngày").select_option("make-up-working-day")
    page.get_by_label("Tên gọi").fill("Làm bù cho thứ Sáu 08/01/2027")
    page.get_by_label("Căn cứ pháp lý").fill("Công văn 100/UBND-NV ngày 02/01/2027")
    page.get_by_role("button", name="Thêm vào lịch").click()
    expect(page.get_by_role("alert").first).to_contain_text("Đã thêm ngày làm bù Thứ Bảy 09/01/2027")
    row = page.locator('[data-testid=entries] tr[data-date="2027-01-09"]')
    expect(row).to_contain_text("Ngày làm bù")
    expect(row).to_contain_text("Làm bù cho thứ Sáu 08/01/2027")
    expect(row).to_contain_text("Công văn 100/UBND-NV ngày 02/01/2027")
    expect(row.get_by_role("link", name="Sửa")).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_ward_officer_sees_the_calendar_without_edit_controls(live_server, page, world, national):
    browser_login(page, live_server.url, world.users["ward_officer"])
    page.goto(f"{live_server.url}/lich/nam/2026/")
    expect(page.get_by_test_id("calendar-heading")).to_have_text("Lịch làm việc năm 2026")
    expect(page.locator('[data-testid=entries] tr[data-date="2026-08-22"]')).to_contain_text("Ngày làm bù")
    expect(page.get_by_test_id("add-entry")).to_have_count(0)
    expect(page.get_by_role("link", name="Sửa")).to_have_count(0)
    expect(page.get_by_role("link", name="Xoá")).to_have_count(0)
