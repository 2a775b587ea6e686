"""In Chromium: a ward enters its self-assessment with an evidence file and submits it; Internal
Affairs appraises a criterion lower with a comment; the leader sees the lost points on the home page
and turns a solution into a task. And on a 390-px phone the leader opens the Decision 766 page and
drills down to the dossiers behind an indicator."""

from __future__ import annotations

import contextlib
import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from cchc.directives.actions_register import register_directive
from cchc.scorecards import actions, cards
from cchc.scorecards.tests.card_helpers import open_year
from cchc.scorecards.tests.ledger_helpers import load
from cchc.testing.browser import browser_login, new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fresh(browser, **kw):
    return new_context(browser, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **kw).new_page()


def _criterion(page, code: str):
    return page.locator(f"[data-testid=criterion][data-code='{code}']")


def test_self_assessment_appraisal_and_a_task_from_the_lost_points(
    world, live_server, page, browser, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    register_directive(
        world.users["office"],
        world.jurisdictions["city"],
        {
            "direction": "issued",
            "issuer": "Ủy ban nhân dân thành phố Vũng Tàu",
            "number": "7190",
            "symbol": "UBND-NV",
            "date": dt.date(2022, 8, 15),
            "place": "Vũng Tàu",
            "doc_type": "cong_van",
            "subject": "triển khai thực hiện giải pháp cải thiện kết quả chỉ số PAR INDEX, chỉ số SIPAS",
            "signer_authority": "KT.",
            "signer_position": "Chủ tịch – Phó Chủ tịch",
            "signer_name": "Vũ Hồng Thuận",
        },
    )
    card = open_year(world)["p1"]
    maxima = {leaf.code: leaf.max_points for leaf in cards.index_set(card.version).leaves()}
    for row in card.scores.exclude(code="1.1"):  # full marks elsewhere: 1.1 is the only loss
        with contextlib.suppress(actions.ScorecardError):
            actions.self_assess(
                world.users["ward_officer"], row, points=str(float(maxima[row.code])), note=""
            )
    url = f"{live_server.url}/chi-so/thanh-pho/{card.pk}/"

    # The ward head scores criterion 1.1, attaches the plan as evidence and submits the card.
    browser_login(page, live_server.url, world.users["unit_head"])
    page.goto(url)
    plan = _criterion(page, "1.1")
    plan.get_by_text("Tự chấm và tài liệu kiểm chứng").click()
    plan.get_by_label("Điểm", exact=True).fill("3")
    plan.get_by_label("Giải trình").fill("Kế hoạch 12/KH-UBND ngày 10/01/2022")
    plan.get_by_role("button", name="Lưu điểm tự chấm").click()
    plan = _criterion(page, "1.1")
    plan.get_by_text("Tự chấm và tài liệu kiểm chứng").click()
    evidence = tmp_path / "ke-hoach-cchc-2022.pdf"
    evidence.write_bytes(b"%PDF-1.4 ke hoach")
    plan.get_by_label("Tên tài liệu").fill("Kế hoạch CCHC năm 2022")
    plan.get_by_label("Tệp").set_input_files(str(evidence))
    plan.get_by_role("button", name="Thêm tài liệu kiểm chứng").click()
    expect(_criterion(page, "1.1").get_by_test_id("evidence")).to_contain_text("Kế hoạch CCHC năm 2022")
    page.get_by_test_id("submit-card").click()
    expect(page.get_by_test_id("card-stage")).to_have_text("Chờ Phòng Nội vụ thẩm định")

    # Internal Affairs appraises 1.1 lower, with a comment, and finishes the appraisal.
    ia = _fresh(browser)
    browser_login(ia, live_server.url, world.users["secretariat"])
    ia.goto(url)
    plan = _criterion(ia, "1.1")
    plan.get_by_text("Thẩm định", exact=True).click()
    plan.get_by_label("Điểm thẩm định").fill("1,5")
    plan.get_by_label("Nhận xét").fill("Kế hoạch ban hành sau hạn")
    plan.get_by_role("button", name="Lưu thẩm định").click()
    expect(_criterion(ia, "1.1").get_by_test_id("appraisal")).to_contain_text("Kế hoạch ban hành sau hạn")
    ia.get_by_test_id("finish-appraisal").click()
    expect(ia.get_by_test_id("card-stage")).to_have_text("Đã thẩm định, chờ đơn vị phản hồi")

    # The leader sees the criterion losing points on the home page and turns a solution into a task.
    leader = _fresh(browser)
    browser_login(leader, live_server.url, world.users["leader"])
    panel = leader.get_by_test_id("panel-losses")
    expect(panel).to_contain_text("1.1.")
    panel.get_by_test_id("loss-card").filter(has_text="1.1.").click()
    plan = _criterion(leader, "1.1")
    plan.get_by_placeholder("Giải pháp khắc phục").fill("Ban hành kế hoạch năm trước ngày 31/12")
    plan.get_by_role("button", name="Thêm giải pháp").click()
    plan = _criterion(leader, "1.1")
    plan.get_by_label("Hạn hoàn thành").fill("2030-12-15")
    plan.get_by_test_id("make-task").click()
    solution = _criterion(leader, "1.1").get_by_test_id("solution")
    expect(solution).to_contain_text("Nhiệm vụ đang thực hiện")
    solution.get_by_role("link", name="xem nhiệm vụ").click()
    expect(leader).to_have_url(re.compile(r"/chi-dao/nhiem-vu/\d+/$"))
    expect(leader.locator("body")).to_contain_text("Khắc phục tiêu chí 1.1")


def test_the_leader_drills_from_the_766_page_to_the_dossiers_on_a_phone(world, live_server, page):
    load(world)
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, live_server.url, world.users["leader"])
    page.goto(f"{live_server.url}/chi-so/766/?ky=2022-06")
    page.get_by_test_id("766-unit-card").filter(has_text="UBND Phường 1").click()
    on_time = page.locator("[data-testid='766-indicator'][data-code='2.1']")
    expect(on_time).to_contain_text("Mất 8,57 điểm")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    on_time.get_by_test_id("766-drill").click()
    listed = page.get_by_test_id("766-dossier-list")
    expect(listed).to_contain_text("K-04")
    listed.get_by_role("link", name="K-04").click()
    expect(page).to_have_url(re.compile(r"/ho-so/ho-so/K-04/$"))
