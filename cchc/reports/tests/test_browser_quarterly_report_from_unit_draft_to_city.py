"""Playwright journeys: a ward officer drafts the quarterly reform report (with the ward's city-index
card, its inspection and its Decision 766 total among the figures), the ward's head approves it, the
officer sends it; the city office sees which units have not reported and drafts the city's report from
the units' approved figures; the leader, on a 390-px phone, opens the dossier-results report and
drills down from a figure to the dossiers behind it."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from cchc.oversight.models import Finding, Inspection, InspectionStatus, Severity
from cchc.oversight.tests.scene import one_stop
from cchc.reports.models import PeriodicReport, State
from cchc.reports.tests.helpers import quarter_set
from cchc.scorecards import actions as score_actions
from cchc.scorecards.tests.card_helpers import open_year, score_of
from cchc.testing.browser import browser_login, new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def concluded_visit_with_a_finding(world) -> None:
    insp = Inspection.objects.create(
        jurisdiction=world.jurisdictions["city"],
        unit=world.units["p1"],
        topic="Công tác cải cách hành chính",
        template=one_stop(),
        planned_on=dt.date(2022, 5, 2),
        status=InspectionStatus.CONCLUDED,
        visited_on=dt.date(2022, 5, 2),
        concluded_on=dt.date(2022, 5, 9),
    )
    Finding.objects.create(inspection=insp, text="Tồn tại", severity=Severity.MINOR, unit=world.units["p1"])


def test_unit_drafts_head_approves_officer_sends_and_the_city_follows(live_server, page, browser, world):
    quarter_set(world)
    card = open_year(world)["p1"]
    score_actions.self_assess(world.users["ward_officer"], score_of(card, "1.1"), points="1", note="")
    concluded_visit_with_a_finding(world)
    browser_login(page, live_server.url, world.users["ward_officer"])
    page.goto(f"{live_server.url}/bao-cao/dinh-ky/")
    form = page.get_by_test_id("new-report")
    form.get_by_label("Loại báo cáo").select_option("quarter")
    form.get_by_label("Năm", exact=True).fill("2022")
    form.get_by_label("Kỳ").fill("2")
    form.get_by_role("button", name="Lập dự thảo").click()
    expect(page.get_by_test_id("report-state")).to_have_text("Đang soạn")
    expect(page.get_by_test_id("figures-tthc")).to_contain_text("quá hạn 2")
    expect(page.get_by_test_id("figures-tthc")).to_contain_text("(Quyết định 766/QĐ-TTg): đạt ")
    direction = page.get_by_test_id("figures-chi_dao")
    expect(direction).to_contain_text(
        "Kiểm tra công tác cải cách hành chính: 1 cuộc kiểm tra thực hiện trong kỳ"
    )
    expect(direction).to_contain_text("Chỉ số cải cách hành chính năm 2022: 1 phiếu chấm điểm")
    expect(direction).to_contain_text("Tiêu chí 1.1 «")
    page.get_by_label("1. Công tác chỉ đạo, điều hành cải cách hành chính").fill(
        "Ban hành kế hoạch cải cách hành chính năm 2022."
    )
    page.get_by_role("button", name="Lưu nội dung").click()
    expect(page.get_by_text("Đã lưu nội dung báo cáo.")).to_be_visible()
    report_url = page.url

    head = new_context(browser)
    head_page = head.new_page()
    browser_login(
        head_page,
        live_server.url,
        world.users["unit_head"],
        next_path=report_url.replace(live_server.url, ""),
    )
    head_page.goto(report_url)
    head_page.get_by_role("button", name="Phê duyệt").click()
    expect(head_page.get_by_test_id("report-state")).to_have_text("Đã phê duyệt")
    head.close()

    page.reload()
    page.get_by_role("button", name="Gửi lên cấp trên").click()
    expect(page.get_by_test_id("report-state")).to_have_text("Đã gửi cấp trên")
    assert PeriodicReport.objects.get(unit=world.units["p1"]).state == State.SUBMITTED

    office = new_context(browser)
    office_page = office.new_page()
    browser_login(office_page, live_server.url, world.users["office"])
    office_page.goto(f"{live_server.url}/bao-cao/dinh-ky/ky/?kind=quarter&year=2022&part=2")
    expect(office_page.get_by_test_id("sent-count")).to_have_text("1")
    missing = office_page.get_by_test_id("missing")
    expect(missing).to_contain_text("UBND Phường 2")
    expect(missing).not_to_contain_text("UBND Phường 1")
    office_page.get_by_role("button", name="Lập báo cáo thành phố từ số liệu các đơn vị").click()
    expect(office_page.get_by_test_id("figures-tthc")).to_contain_text(
        "Tổng số hồ sơ thủ tục hành chính tiếp nhận, giải quyết trong kỳ: 8"
    )
    # The city's figures are Phường 1's approved ones: its card, its inspection, its 766 score.
    city_direction = office_page.get_by_test_id("figures-chi_dao")
    expect(city_direction).to_contain_text("phát hiện 1 tồn tại, hạn chế")
    expect(city_direction).to_contain_text("1 phiếu chấm điểm (0 đã chốt điểm); đạt 1 trên 3 điểm")
    expect(office_page.get_by_test_id("figures-tthc")).to_contain_text("(Quyết định 766/QĐ-TTg): đạt ")
    office.close()


def test_leader_on_a_phone_drills_down_from_a_figure_to_its_dossiers(live_server, browser, world):
    quarter_set(world)
    phone = new_context(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = phone.new_page()
    browser_login(page, live_server.url, world.users["leader"])
    page.goto(f"{live_server.url}/bao-cao/ket-qua-tthc/?date_from=2022-04-01&date_to=2022-06-30&by=unit")
    cards = page.get_by_test_id("results-cards")
    expect(cards).to_be_visible()
    expect(page.get_by_test_id("results-table")).to_be_hidden()
    late = cards.locator('[data-cell="P1:finished_late"]')
    expect(late).to_have_text("2")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    late.click()
    expect(page.get_by_test_id("drill-count")).to_have_text("2")
    expect(page.get_by_test_id("drill-list")).to_contain_text("Q-LATE")
    expect(page.get_by_test_id("drill-list")).to_contain_text("Q-SECOND")
    page.get_by_role("link", name="Q-LATE").click()
    expect(page).to_have_url(f"{live_server.url}/ho-so/ho-so/Q-LATE/")
    phone.close()
