"""In Chromium: every role signs in through the real two-step form and sees its own navigation."""

import re

import pytest
from playwright.sync_api import expect

from cchc.testing.browser import browser_login, nav_link
from cchc.testing.personas import PASSWORD, PERSONAS, totp_now

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EVERYONE = ["Trang làm việc", "Đơn vị", "Cán bộ, công chức", "Lịch làm việc"]
# Entries only some roles get (cchc/core/navigation.py); every other role must not see them.
ONLY_FOR = {
    "Nhập danh sách": {"secretariat"},
    "Nhật ký thay đổi": {"leader", "secretariat", "auditor"},
}


def _assert_navigation(page, persona):
    for label in EVERYONE:
        expect(nav_link(page, label)).to_be_visible()
        page.keyboard.press("Escape")
    for label, personas in ONLY_FOR.items():
        link = nav_link(page, label)
        if persona in personas:
            expect(link).to_be_visible()
            page.keyboard.press("Escape")
        else:
            expect(link).to_have_count(0)


@pytest.mark.parametrize("persona", [p[0] for p in PERSONAS])
def test_each_role_signs_in_with_password_and_code_and_sees_its_navigation(live_server, page, world, persona):
    user = world.users[persona]
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(persona)
    page.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/tai-khoan/xac-thuc/$"))
    expect(page.locator("[data-testid=nav] a")).to_have_count(0)  # no staff menu before the code
    page.get_by_label("Mã xác thực (6 chữ số)").fill(totp_now())
    page.get_by_role("button", name="Xác nhận").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator("[data-testid=role-label]")).to_have_text(user.get_role_display())
    _assert_navigation(page, persona)


def test_a_demo_account_goes_straight_in_without_the_code(live_server, page, world, settings):
    settings.CCHC_DEMO = True
    settings.CCHC_DEMO_WITHOUT_2FA = True
    user = world.users["ward_officer"]
    user.is_demo = True
    user.save()
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("ward_officer")
    page.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator("[data-testid=role-label]")).to_have_text("Công chức chuyên môn")
    _assert_navigation(page, "ward_officer")


def test_the_shared_helper_signs_in_twice_and_keeps_the_next_page(live_server, page, world):
    # A code is accepted only once; the helper's second sign-in within the same 30 s must still pass.
    browser_login(page, live_server.url, world.users["secretariat"])
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(re.compile(r"/tai-khoan/dang-nhap/$"))
    browser_login(page, live_server.url, world.users["secretariat"], next_path="/tai-khoan/bao-mat/")
    expect(page).to_have_url(f"{live_server.url}/tai-khoan/bao-mat/")
    expect(page.locator("[data-testid=recent-sign-ins]")).to_contain_text("Đăng nhập thành công")


def test_a_wrong_code_shows_a_vietnamese_message(live_server, page, world):
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("leader")
    page.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_label("Mã xác thực (6 chữ số)").fill(f"{(int(totp_now()) + 1) % 1_000_000:06d}")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_text("Mã xác thực không đúng hoặc đã hết hạn")).to_be_visible()
    with pytest.raises(AssertionError, match="stopped at"):
        browser_login(page, live_server.url, world.users["leader"], password="sai-mat-khau-roi")
