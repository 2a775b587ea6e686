"""In Chromium: an official prints a sheet of backup codes, later loses the phone, and signs in with
one code of the sheet; the security page then shows one code fewer."""

import re

import pytest
from playwright.sync_api import expect

from cchc.testing.browser import browser_login
from cchc.testing.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_official_prints_backup_codes_and_signs_in_with_one_after_losing_the_phone(
    live_server, page, world
):
    browser_login(page, live_server.url, world.users["ward_officer"])
    page.get_by_role("link", name="Bảo mật").click()
    expect(page.get_by_test_id("backup-status")).to_have_text("Chưa có bộ mã dự phòng.")
    form = page.get_by_test_id("backup-form")
    form.get_by_label("Mật khẩu").fill(PASSWORD)
    form.get_by_role("button", name="Tạo bộ mã dự phòng mới").click()
    sheet = page.get_by_test_id("backup-codes")
    expect(sheet.locator("li")).to_have_count(10)
    code = sheet.locator("li").nth(2).inner_text().strip()
    assert re.fullmatch(r"\d{5}-\d{5}", code)
    page.get_by_role("link", name="Tôi đã cất giữ, quay lại trang Bảo mật").click()
    expect(page.get_by_test_id("backup-status")).to_have_text("Còn 10 mã dự phòng chưa dùng.")
    page.get_by_role("button", name="Đăng xuất").click()

    # The phone is gone: password, then the printed code in the code box.
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("ward_officer")
    page.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Nhập một mã dự phòng", exact=False)).to_be_visible()
    page.get_by_label("Mã xác thực (6 chữ số) hoặc mã dự phòng").fill(code)
    page.get_by_role("button", name="Xác nhận").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_text("Bạn vừa đăng nhập bằng mã dự phòng; còn 9 mã.")).to_be_visible()
    page.get_by_role("link", name="Bảo mật").click()
    expect(page.get_by_test_id("backup-status")).to_have_text("Còn 9 mã dự phòng chưa dùng.")
    expect(page.get_by_test_id("recent-sign-ins")).to_contain_text("mã dự phòng")
