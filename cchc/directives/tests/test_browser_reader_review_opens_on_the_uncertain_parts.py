"""Playwright: the Office uploads a plan with a paragraph that gives work without naming a unit; the
review page shows it first, in full, and the Office adds it as a task of its own before confirming."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cchc.directives.models import Task
from cchc.directives.tests.conftest import URLS
from cchc.directives.tests.test_board_browser_journeys import sign_in
from cchc.directives.tests.test_reader_ui_opens_on_what_the_reader_is_unsure_of import PLAN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.urls(URLS)]


def test_the_unconverted_paragraph_is_shown_first_and_can_be_added(live_server, page, world, tmp_path):
    plan = tmp_path / "12-KH-UBND.txt"
    plan.write_text(PLAN, encoding="utf-8")
    sign_in(page, live_server, world.users["office"])
    page.goto(f"{live_server.url}/chi-dao/")
    page.get_by_test_id("read-document").click()
    page.get_by_label("Tệp văn bản").set_input_files(str(plan))
    page.get_by_role("button", name="Đọc văn bản").click()
    panel = page.get_by_test_id("check-first")
    expect(panel).to_be_visible()
    expect(panel.get_by_test_id("unconverted")).to_contain_text(
        "khẩn trương tổng hợp báo cáo trước ngày 30/4/2025"
    )
    # The panel comes before the document's fields.
    assert (
        panel.bounding_box()["y"] < page.get_by_role("heading", name="Thông tin văn bản").bounding_box()["y"]
    )
    page.get_by_role("button", name="Thêm dòng").click()
    rows = page.get_by_test_id("task-row")
    new_row = rows.last
    new_row.get_by_label("Nội dung nhiệm vụ").fill("Tổng hợp kiến nghị của các phường về trụ sở làm việc")
    new_row.get_by_label("Đơn vị cụ thể").first.select_option(label="Phòng Nội vụ [NV]")
    new_row.get_by_label("Hạn hoàn thành").fill("2025-04-30")
    page.get_by_test_id("confirm").click()
    expect(page.get_by_text("Đã vào sổ")).to_be_visible()
    added = Task.objects.get(text="Tổng hợp kiến nghị của các phường về trụ sở làm việc")
    assert added.lead_unit == world.units["nv"]
