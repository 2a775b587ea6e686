"""In Chromium: Internal Affairs plans a visit, the leader approves the plan, the inspector answers the
checklist on a 390-px phone with a photo from the camera and records a finding with its follow-up; the
ward reports the fix; only the inspector's verification closes it. And a disciplinary record: opened by
Internal Affairs, explained by the officer, decided by her head — and invisible to the leader."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cchc.oversight.models import Inspection, Recommendation, ResponsibilityCase
from cchc.oversight.tests.scene import PNG
from cchc.testing.browser import browser_login, new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("CCHC_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _signed_in(browser, live_server, user, **kw):
    page = new_context(browser, **kw).new_page()
    browser_login(page, live_server.url, user)
    return page


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_plan_visit_on_a_phone_with_a_photo_finding_follow_up_and_verification(
    world, live_server, browser, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    shots = _shots(tmp_path)
    today = timezone.localdate()
    base = live_server.url

    # Internal Affairs drafts this year's plan and puts Phường 1 in it.
    ia = _signed_in(browser, live_server, world.users["secretariat"])
    ia.goto(f"{base}/kiem-tra/")
    with ia.expect_navigation():
        ia.get_by_test_id("plan-create").click()
    ia.locator("#add-unit").select_option(label="UBND Phường 1")
    ia.locator("#add-template").select_option(label="Kiểm tra Bộ phận Một cửa (phiên bản 1)")
    ia.locator("#add-topic").fill("Hoạt động của Bộ phận Một cửa")
    ia.locator("#add-date").fill(today.isoformat())
    with ia.expect_navigation():
        ia.get_by_test_id("plan-add").click()
    expect(ia.get_by_test_id("plan-visit")).to_have_count(1)
    with ia.expect_navigation():
        ia.get_by_test_id("plan-submit").click()
    expect(ia.get_by_test_id("plan-status")).to_have_text("Chờ lãnh đạo phê duyệt")
    plan_url = ia.url

    # The leader approves it.
    leader = _signed_in(browser, live_server, world.users["leader"])
    leader.goto(plan_url)
    with leader.expect_navigation():
        leader.get_by_test_id("plan-approve").click()
    expect(leader.get_by_test_id("plan-status")).to_have_text("Đã phê duyệt")

    # On the phone at the ward: start, answer an item "not met" with a photo, record the finding.
    insp = Inspection.objects.get()
    phone = _signed_in(browser, live_server, world.users["secretariat"], viewport=PHONE, is_mobile=True)
    phone.goto(f"{base}/kiem-tra/cuoc/{insp.pk}/")
    with phone.expect_navigation():
        phone.get_by_test_id("start-visit").click()
    card = phone.locator("[data-testid=check-item][data-code='MC-04']")
    card.locator("label", has_text="Không đạt").click()
    card.locator("textarea[name=note]").fill("Công chức tiếp nhận không đeo thẻ")
    card.locator("input[type=file]").set_input_files(
        files=[{"name": "the-cong-chuc.png", "mimeType": "image/png", "buffer": PNG}]
    )
    with phone.expect_navigation():
        card.get_by_test_id("save-answer").click()
    card = phone.locator("[data-testid=check-item][data-code='MC-04']")
    expect(card.get_by_test_id("answer-result")).to_have_text("Không đạt")
    expect(card.get_by_test_id("photo")).to_have_count(1)
    _fits(phone)
    phone.screenshot(path=str(shots / "oversight-visit-390.png"), full_page=False)
    form = phone.get_by_test_id("finding-form")
    form.locator("#fd-code").select_option("MC-04")
    form.locator("#fd-text").fill("Công chức tiếp nhận không đeo thẻ công chức")
    form.locator("#fd-rec").fill("Chấn chỉnh việc đeo thẻ, báo cáo kết quả")
    form.locator("#fd-due").fill((today + dt.timedelta(days=10)).isoformat())
    with phone.expect_navigation():
        form.get_by_test_id("add-finding").click()
    expect(phone.get_by_test_id("finding")).to_have_count(1)
    _fits(phone)
    rec = Recommendation.objects.get()
    assert rec.deadline is not None and rec.deadline.unit == world.units["p1"]

    # The ward head reports the fix; it is not closed yet.
    head = _signed_in(browser, live_server, world.users["unit_head"], viewport=PHONE, is_mobile=True)
    head.goto(f"{base}/kiem-tra/kien-nghi/")
    with head.expect_navigation():
        head.get_by_test_id("followup").first.locator("a").click()
    head.locator("#done-text").fill("Đã nhắc nhở, kiểm tra hằng ngày")
    with head.expect_navigation():
        head.get_by_test_id("report-done").click()
    expect(head.get_by_test_id("rec-state")).to_have_text("Chờ đoàn kiểm tra xác nhận")
    expect(head.get_by_test_id("verify")).to_have_count(0)
    _fits(head)

    # Only the inspector's verification closes it.
    phone.goto(f"{base}/kiem-tra/kien-nghi/{rec.pk}/")
    phone.locator("#vf-note").fill("Kiểm tra lại: đạt")
    with phone.expect_navigation():
        phone.get_by_test_id("verify").click()
    expect(phone.get_by_test_id("verified")).to_be_visible()
    phone.screenshot(path=str(shots / "oversight-verified-390.png"), full_page=True)
    rec.refresh_from_db()
    assert rec.verified_on == today and rec.deadline.done_on == today


def test_a_disciplinary_record_explained_then_decided_and_private(world, live_server, browser, tmp_path):
    shots = _shots(tmp_path)
    base = live_server.url
    ia = _signed_in(browser, live_server, world.users["secretariat"])
    ia.goto(f"{base}/kiem-tra/trach-nhiem/tao/")
    ia.locator("#cc-off").select_option(label=f"{world.officials['ward_officer'].full_name} — UBND Phường 1")
    ia.locator("#cc-grounds").fill("Nhiều hồ sơ hộ tịch trễ hạn trong quý")
    with ia.expect_navigation():
        ia.get_by_role("button", name="Lập hồ sơ").click()
    ia.locator("details summary", has_text="Thêm căn cứ khác").click()
    ia.locator("#ev-sum").fill("7 hồ sơ trễ hạn ở bước do công chức xử lý")
    with ia.expect_navigation():
        ia.get_by_role("button", name="Thêm", exact=True).click()
    expect(ia.get_by_test_id("case-evidence")).to_have_count(1)
    with ia.expect_navigation():
        ia.get_by_test_id("ask-case-explanation").click()
    expect(ia.get_by_test_id("case-stage")).to_have_text("Chờ giải trình")
    case = ResponsibilityCase.objects.get()

    officer = _signed_in(browser, live_server, world.users["ward_officer"], viewport=PHONE, is_mobile=True)
    officer.goto(f"{base}/kiem-tra/trach-nhiem/")
    with officer.expect_navigation():
        officer.get_by_role("link", name="Hồ sơ của tôi").click()
    officer.locator("#gt-text").fill("Phần mềm một cửa lỗi trong hai tuần; tôi xin nhận khuyết điểm.")
    with officer.expect_navigation():
        officer.get_by_test_id("send-case-explanation").click()
    expect(officer.get_by_test_id("case-explanation")).to_contain_text("xin nhận khuyết điểm")
    expect(officer.get_by_test_id("decide")).to_have_count(0)
    _fits(officer)

    head = _signed_in(browser, live_server, world.users["unit_head"])
    head.goto(f"{base}/kiem-tra/trach-nhiem/{case.pk}/")
    head.locator("#qd-form").select_option(label="Kỷ luật khiển trách")
    head.locator("#qd-text").fill("Vi phạm thời hạn giải quyết hồ sơ nhiều lần")
    with head.expect_navigation():
        head.get_by_test_id("decide").click()
    expect(head.get_by_test_id("case-decision")).to_contain_text("Kỷ luật khiển trách")
    head.screenshot(path=str(shots / "oversight-case-desktop.png"), full_page=True)

    leader = _signed_in(browser, live_server, world.users["leader"])
    leader.goto(f"{base}/kiem-tra/trach-nhiem/")
    expect(leader.get_by_test_id("cases")).not_to_contain_text(world.officials["ward_officer"].full_name)
    response = leader.goto(f"{base}/kiem-tra/trach-nhiem/{case.pk}/")
    assert response is not None and response.status == 404
