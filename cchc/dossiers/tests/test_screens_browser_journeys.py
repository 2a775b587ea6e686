"""Playwright journeys of the dossier screens: an officer issues the apology for a late dossier; a leader
approves the monthly list and it appears on the public site; a citizen on a phone looks a dossier up."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cchc.dossiers.actions.late_lists import draft_late_list
from cchc.dossiers.letters import docx_text
from cchc.dossiers.models import Apology
from cchc.dossiers.tests.factories import add_facts, build_ledger
from cchc.testing.browser import browser_login, new_context

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def sign_in(page, live_server, user):
    browser_login(page, live_server.url, user)


def test_officer_finds_a_late_dossier_and_issues_its_apology_letter(live_server, page, world):
    ledger = build_ledger(world)
    sign_in(page, live_server, world.users["one_stop"])
    page.goto(f"{live_server.url}/ho-so/tre-han/")
    row = page.locator("[data-testid=late-table] tr", has_text=ledger.overdue.code)
    expect(row.get_by_text("Chưa có")).to_be_visible()
    row.get_by_role("link", name=ledger.overdue.code).click()
    expect(page.get_by_test_id("missing-apology")).to_be_visible()
    page.get_by_test_id("issue-apology").click()
    expect(page.get_by_test_id("late-notice-warning")).to_be_visible()
    page.get_by_label("Lý do trễ hạn").fill("Chờ kết quả xác minh của cơ quan công an")
    new_day = timezone.localdate() + dt.timedelta(days=4)
    page.get_by_label("Ngày hẹn trả mới").fill(new_day.isoformat())
    page.get_by_label("Giờ hẹn trả").fill("15:30")
    page.get_by_role("button", name="Ban hành phiếu xin lỗi").click()
    expect(page.get_by_text("Đã ban hành phiếu xin lỗi")).to_be_visible()
    expect(page.get_by_test_id("apologies")).to_contain_text(f"15:30 {new_day:%d/%m/%Y}")
    with page.expect_download() as info:
        page.get_by_test_id("download-docx").first.click()
    with open(info.value.path(), "rb") as f:
        text = docx_text(f.read())
    assert ledger.overdue.code in text and "Chờ kết quả xác minh" in text
    assert Apology.objects.filter(dossier=ledger.overdue).count() == 1
    # Back on the late list the dossier is no longer flagged.
    page.goto(f"{live_server.url}/ho-so/tre-han/")
    row = page.locator("[data-testid=late-table] tr", has_text=ledger.overdue.code)
    expect(row.get_by_text("Đã có")).to_be_visible()


def test_leader_sees_what_will_be_public_confirms_and_it_appears_on_the_public_site(
    live_server, page, browser, world
):
    ledger = build_ledger(world)
    add_facts(ledger.all)
    late_list = draft_late_list(world.users["office"], dt.date(2022, 6, 1))
    page.goto(f"{live_server.url}/cong-khai/danh-sach-tre-han/")
    expect(page.get_by_test_id("public-empty")).to_be_visible()
    sign_in(page, live_server, world.users["leader"])
    page.goto(f"{live_server.url}/ho-so/danh-sach-tre-han/")
    page.get_by_role("link", name="Tháng 06/2022").click()
    expect(page.get_by_test_id("latelist-status")).to_have_text("Dự thảo")
    page.get_by_role("button", name="Phê duyệt danh sách").click()
    # The confirmation page: exactly the names and counts the public site will show; nothing public yet.
    expect(page.get_by_test_id("confirm-warning")).to_contain_text("1 cán bộ, công chức")
    expect(page.get_by_test_id("confirm-names")).to_contain_text("Trần Thị Bình — UBND Phường 1: 1 hồ sơ")
    expect(page.get_by_test_id("confirm-preview").get_by_test_id("latelist-officials")).to_contain_text(
        "Trần Thị Bình"
    )
    page.screenshot(path="test-results/latelist-confirm-desktop.png", full_page=True)
    phone = new_context(browser, viewport={"width": 390, "height": 844})
    try:
        citizen = phone.new_page()
        citizen.goto(f"{live_server.url}/cong-khai/danh-sach-tre-han/")
        expect(citizen.get_by_test_id("public-empty")).to_be_visible()
        page.set_viewport_size({"width": 390, "height": 844})  # the leader confirms on a phone
        expect(page.get_by_role("button", name="Xác nhận phê duyệt và công khai").first).to_be_visible()
        page.screenshot(path="test-results/latelist-confirm-phone.png", full_page=True)
        page.get_by_role("button", name="Xác nhận phê duyệt và công khai").first.click()
        expect(page.get_by_test_id("latelist-status")).to_have_text("Đã công khai")
        citizen.reload()
        expect(citizen.get_by_test_id("latelist-officials")).to_contain_text("Trần Thị Bình")
    finally:
        phone.close()
    page.goto(f"{live_server.url}/cong-khai/danh-sach-tre-han/")
    expect(page.get_by_test_id("public-month")).to_have_text("06/2022")
    expect(page.get_by_test_id("latelist-units")).to_contain_text("UBND Phường 1")
    expect(page.get_by_test_id("latelist-officials")).to_contain_text("Trần Thị Bình")
    expect(page.locator("body")).not_to_contain_text("Lý Thị Thu Trang")
    late_list.refresh_from_db()
    assert late_list.approved_by == world.users["leader"]


def test_citizen_on_a_phone_looks_up_a_dossier(live_server, browser, world):
    from django.core.cache import cache

    cache.clear()
    ledger = build_ledger(world)
    context = new_context(
        browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="vi-VN"
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/")
        page.get_by_role("link", name="Tra cứu hồ sơ").click()
        expect(page).to_have_url(re.compile(r"/cong-khai/tra-cuu-ho-so/$"))
        page.get_by_label("Mã hồ sơ").fill(ledger.overdue.code)
        phone = page.get_by_label("Số điện thoại đã khai khi nộp hồ sơ")
        assert phone.get_attribute("type") == "tel"
        phone.fill("0912 345 789")
        button = page.get_by_role("button", name="Tra cứu")
        assert button.bounding_box()["height"] >= 44  # a thumb-sized target
        button.click()
        result = page.get_by_test_id("lookup-result")
        expect(result).to_be_visible()
        expect(page.get_by_test_id("lookup-status")).to_have_text("Đang xử lý")
        appointment = timezone.localtime(ledger.overdue.appointment_at)
        expect(page.get_by_test_id("lookup-appointment")).to_have_text(f"{appointment:%H:%M, %d/%m/%Y}")
        expect(page.get_by_test_id("lookup-steps")).to_contain_text("UBND Phường 1")
        expect(result).not_to_contain_text("Trần Thị Bình")
        expect(result).to_contain_text("Lý T*** T*** T**")
        # Phone-first layout: nothing wider than the screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        # A wrong phone gets the same answer as a wrong code.
        page.get_by_label("Mã hồ sơ").fill(ledger.overdue.code)
        page.get_by_label("Số điện thoại đã khai khi nộp hồ sơ").fill("0900000000")
        page.get_by_role("button", name="Tra cứu").click()
        expect(page.get_by_test_id("lookup-error")).to_contain_text("Không tìm thấy hồ sơ khớp")
    finally:
        context.close()
