"""Playwright: the secretariat opens a ward's results from the menu, sees the ward's index change when
new answers arrive, and turns its weakest criterion into an improvement task in one step."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from cchc.directives.models import Task
from cchc.surveys.models import ImprovementTask
from cchc.surveys.tests.conftest import URLS, store
from cchc.testing.browser import browser_login, nav_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.urls(URLS)]


def test_the_secretariat_watches_a_ward_and_assigns_an_improvement_task(
    live_server, page, world, campaign, settings
):
    from cchc.directives.actions_register import register_directive

    settings.CCHC_SURVEY_WEAKEST_MIN_ANSWERS = 5
    register_directive(
        world.users["office"],
        world.jurisdictions["city"],
        {
            "direction": "issued",
            "issuer": "Ủy ban nhân dân thành phố Vũng Tàu",
            "number": "7190",
            "symbol": "UBND-NV",
            "date": dt.date(2022, 8, 15),
            "doc_type": "cong_van",
            "subject": "triển khai thực hiện giải pháp cải thiện kết quả chỉ số PAR INDEX, chỉ số SIPAS",
        },
    )
    usual = {"E1.1": 5, "E2.1": 4, "E3.1": 5, "E4.1": 4, "E5.1": 4}
    store(campaign, world.units["p1"], [dict(usual, **{"E3.4": 2})] * 4 + [dict(usual, **{"E3.4": 4})] * 2)
    store(campaign, world.units["p2"], [dict(usual, **{"E3.4": 5})] * 6)

    browser_login(page, live_server.url, world.users["secretariat"])
    nav_link(page, "Đợt khảo sát").click()
    page.get_by_role("link", name=campaign.name).click()
    page.get_by_test_id("results-link").click()
    page.locator("[data-testid=unit-table]").get_by_role("link", name="UBND Phường 1").click()
    before = page.get_by_test_id("unit-index").inner_text()

    # New answers come in from the ward's kiosk; the page shows the new index on reload.
    store(campaign, world.units["p1"], [{code: 5 for code in (*usual, "E3.4")}] * 4)
    page.reload()
    after = page.get_by_test_id("unit-index").inner_text()
    assert after != before
    assert float(after.rstrip("%").replace(",", ".")) > float(before.rstrip("%").replace(",", "."))

    weakest = page.get_by_test_id("weakest").locator("li").first
    expect(weakest).to_contain_text("E3.4")
    expect(weakest).to_contain_text("60,00%")  # 6 of 10 satisfied
    page.get_by_test_id("create-task-E3.4").click()
    expect(page.get_by_role("alert").filter(has_text="nhiệm vụ cải thiện tiêu chí E3.4")).to_be_visible()
    link = ImprovementTask.objects.get()
    task = Task.objects.get(pk=link.task_id)
    assert task.lead_unit == world.units["p1"] and "E3.4" in task.text
    page.get_by_test_id("improvement-tasks").get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(rf"/chi-dao/nhiem-vu/{task.pk}/"))
    expect(page.get_by_text(re.compile("E3.4")).first).to_be_visible()
