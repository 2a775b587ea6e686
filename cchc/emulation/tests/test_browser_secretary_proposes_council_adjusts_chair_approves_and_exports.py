"""In Chromium, at a desk (1280 px) and on a phone (390 px): the council's secretary (Internal Affairs)
proposes 2022 from the data, opens Phường 1's evidence and follows it to the late dossier, records the
council's change to an agency with its reason; the chair (the leader) approves, after which no change
form is offered; the approved list is downloaded as a workbook and opened as a printable page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cchc.emulation.models import Change, Round, RoundStatus
from cchc.emulation.tests import scene
from cchc.testing.browser import browser_login, nav_link, new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
REASON = "Hội đồng: phong trào thi đua của đơn vị chưa thường xuyên"


@pytest.mark.parametrize("width", [1280, 390])
def test_propose_adjust_approve_and_export(world, live_server, browser, directive, settings, width):
    settings.CCHC_LEAGUE_MIN_DOSSIERS = 10
    scene.build(world, directive)
    size = {"width": width, "height": 900}

    sec = new_context(browser, viewport=size).new_page()
    browser_login(sec, live_server.url, world.users["secretariat"])
    nav_link(sec, "Thi đua, xếp loại cuối năm").click()
    sec.get_by_label("Năm xét").select_option("2022")
    sec.get_by_role("button", name="Lập đề xuất").click()
    expect(sec.get_by_test_id("round-status")).to_have_text("Hội đồng đang xem xét")
    expect(sec.get_by_test_id("entry-card")).to_have_count(6)
    round_url = sec.url

    p1 = sec.locator("[data-testid=entry-card][data-unit=P1][data-kind=unit]")
    expect(p1.get_by_test_id("entry-grade")).to_have_text("Hoàn thành tốt nhiệm vụ")
    p1.get_by_role("link", name="UBND Phường 1").click()
    late = sec.locator("[data-testid=criterion][data-code=late_rate]")
    expect(late.get_by_test_id("criterion-value")).to_have_text("5,0% (1/20 hồ sơ)")
    expect(sec.locator("[data-testid=criterion][data-code=discipline]")).to_contain_text(
        "không đề nghị danh hiệu tập thể"
    )
    late.get_by_role("link", name="1 hồ sơ trễ hạn của UBND Phường 1").click()
    expect(sec.get_by_text("P1-LATE").first).to_be_visible()

    sec.goto(round_url)
    vp = sec.locator("[data-testid=entry-card][data-unit=VP]")
    vp.get_by_role("link", name="Văn phòng HĐND và UBND thành phố").click()
    form = sec.get_by_test_id("adjust-form")
    form.get_by_label("Xếp loại").select_option(label="Hoàn thành nhiệm vụ")
    form.get_by_label("Danh hiệu").select_option(label="Không đề nghị danh hiệu")
    form.get_by_label("Lý do điều chỉnh (bắt buộc)").fill(REASON)
    form.get_by_role("button", name="Ghi điều chỉnh").click()
    vp = sec.locator("[data-testid=entry-card][data-unit=VP]")
    expect(vp.get_by_test_id("entry-grade")).to_have_text("Hoàn thành nhiệm vụ")
    expect(vp.get_by_test_id("entry-changed")).to_contain_text("Hoàn thành tốt nhiệm vụ")
    assert Change.objects.get().reason == REASON
    assert sec.evaluate("document.documentElement.scrollWidth") <= width

    chair = new_context(browser, viewport=size).new_page()
    browser_login(chair, live_server.url, world.users["leader"])
    chair.goto(round_url)
    chair.get_by_role("button", name="Chủ tịch Hội đồng phê duyệt").click()
    expect(chair.get_by_test_id("round-status")).to_have_text("Chủ tịch Hội đồng đã phê duyệt")
    assert Round.objects.get().status == RoundStatus.APPROVED
    assert chair.evaluate("document.documentElement.scrollWidth") <= width

    sec.goto(round_url)
    sec.locator("[data-testid=entry-card][data-unit=VP]").get_by_role("link").click()
    expect(sec.get_by_test_id("change")).to_contain_text(REASON)
    expect(sec.get_by_test_id("adjust-form")).to_have_count(0)

    chair.goto(round_url)
    with chair.expect_download() as download:
        chair.get_by_test_id("export-xlsx").click()
    assert download.value.suggested_filename == "thi-dua-xep-loai-2022.xlsx"
    chair.get_by_test_id("export-print").click()
    expect(chair.get_by_test_id("print-row")).to_have_count(6)
    expect(chair.get_by_test_id("print-table")).to_contain_text(REASON)
