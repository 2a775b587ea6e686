"""In Chromium: the head of Phường 1 drafts a delegation proposal at a desk and sends it; Internal
Affairs reviews it on a 390-px phone; the leader, on a phone, approves it with a deadline, and the
follow-up task opens on the directives' machinery, led by the ward."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from cchc.proposals.models import Proposal, Status
from cchc.testing.browser import browser_login, nav_link, new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp/training-shots"
TITLE = "Ủy quyền UBND Phường 1 chứng thực hợp đồng về nhà ở"


def _phone(browser):
    return new_context(browser, viewport={"width": 390, "height": 844}).new_page()


def test_proposal_review_decision_and_its_task(world, live_server, browser, directive):
    desk = new_context(browser, viewport={"width": 1280, "height": 900}).new_page()
    browser_login(desk, live_server.url, world.users["unit_head"])
    nav_link(desk, "Đề xuất phân cấp, ủy quyền").click()
    desk.get_by_role("link", name="Soạn đề xuất").click()
    desk.get_by_label("Loại đề xuất").select_option("delegate")
    desk.get_by_label("Tên đề xuất").fill(TITLE)
    desk.get_by_label("Nội dung đề xuất").fill("Người dân nộp tại phường, không phải lên thành phố.")
    desk.get_by_label("Thẩm quyền, nhiệm vụ").fill("Chứng thực hợp đồng, giao dịch liên quan đến nhà ở")
    desk.get_by_label("Từ cơ quan (đang có thẩm quyền)").select_option(
        label="Ủy ban nhân dân thành phố Vũng Tàu"
    )
    desk.get_by_label("Sang cơ quan (nhận phân cấp, ủy quyền)").select_option(label="UBND Phường 1")
    desk.get_by_label("Thời gian tiết kiệm dự kiến (ngày làm việc)").fill("2")
    desk.get_by_label("Căn cứ pháp lý").fill("Luật Tổ chức chính quyền địa phương 2025")
    desk.get_by_role("button", name="Lưu đề xuất").click()
    expect(desk.get_by_test_id("proposal-status")).to_have_text("Đang soạn")
    desk.get_by_role("button", name="Gửi thẩm định").click()
    expect(desk.get_by_test_id("proposal-status")).to_have_text("Đã gửi, chờ thẩm định")
    url = desk.url

    sec = _phone(browser)
    browser_login(sec, live_server.url, world.users["secretariat"])
    sec.goto(url)
    form = sec.get_by_test_id("review-form")
    form.get_by_label("Đề nghị chấp thuận").check()
    form.get_by_label("Nội dung thẩm định").fill("Phù hợp quy định về ủy quyền; phường đủ điều kiện.")
    form.get_by_role("button", name="Ghi ý kiến thẩm định").click()
    expect(sec.get_by_test_id("proposal-status")).to_have_text("Đã thẩm định, chờ quyết định")
    assert sec.evaluate("document.documentElement.scrollWidth") <= 390

    leader = _phone(browser)
    browser_login(leader, live_server.url, world.users["leader"])
    leader.goto(f"{live_server.url}/de-xuat-cai-cach/?trang_thai=reviewed")
    leader.get_by_test_id("proposal-card").get_by_role("link", name=TITLE).click()
    form = leader.get_by_test_id("decision-form")
    form.get_by_label("Chấp thuận", exact=True).check()
    form.get_by_label("Số văn bản quyết định").fill("125/QĐ-UBND")
    form.get_by_label("Hạn hoàn thành nhiệm vụ triển khai").fill("")
    form.get_by_role("button", name="Ghi quyết định").click()
    expect(leader.locator("[role=alert]").first).to_contain_text("Nhiệm vụ triển khai cần hạn hoàn thành")
    assert Proposal.objects.get(title=TITLE).status == Status.REVIEWED

    form = leader.get_by_test_id("decision-form")
    form.get_by_label("Chấp thuận", exact=True).check()
    form.get_by_label("Số văn bản quyết định").fill("125/QĐ-UBND")
    form.get_by_role("button", name="Ghi quyết định").click()
    expect(leader.get_by_test_id("proposal-status")).to_have_text("Được chấp thuận")
    follow = leader.get_by_test_id("follow-up")
    expect(follow).to_contain_text("UBND Phường 1 chủ trì")
    assert leader.evaluate("document.documentElement.scrollWidth") <= 390
    leader.screenshot(path=f"{SHOTS}/leader-proposal-decided-390.png", full_page=True)
    follow.get_by_role("link", name="Mở nhiệm vụ").click()
    expect(leader).to_have_url(re.compile(r"/chi-dao/nhiem-vu/\d+/$"))
    expect(leader.get_by_test_id("task-text")).to_contain_text("125/QĐ-UBND")
