"""In Chromium, on a 390-px phone: Internal Affairs opens the index sets from the city ranking, uploads
a file whose criterion has no maximum and reads which line is wrong, downloads the year's file, then
uploads a corrected set and sees it in force for the year."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cchc.scorecards.tests.card_helpers import open_year
from cchc.scorecards.tests.index_set_helpers import good, text
from cchc.testing.browser import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_internal_affairs_corrects_and_uploads_a_years_index_set(world, live_server, page, tmp_path):
    open_year(world)
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, live_server.url, world.users["secretariat"])
    page.goto(f"{live_server.url}/chi-so/thanh-pho/")
    page.get_by_test_id("index-sets-link").click()
    expect(page.get_by_test_id("index-set-years")).to_contain_text("Năm 2022")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp về để sửa").click()
    assert download.value.suggested_filename == "bo-chi-so-cchc-2022.json"

    broken = good()
    del broken["children"][0]["children"][1]["max_points"]
    path = tmp_path / "city-2023.json"
    path.write_text(text(broken), encoding="utf-8")
    page.get_by_label("Năm đánh giá").fill("2023")
    page.get_by_label("Tệp bộ chỉ số (JSON)").set_input_files(str(path))
    page.get_by_test_id("index-set-submit").click()
    expect(page.get_by_test_id("index-set-error")).to_contain_text("dòng 20 (1 › 1.2): thiếu điểm tối đa")
    expect(page.get_by_test_id("index-set-years")).not_to_contain_text("Năm 2023")

    path.write_text(text(good()), encoding="utf-8")
    page.get_by_label("Tệp bộ chỉ số (JSON)").set_input_files(str(path))
    page.get_by_test_id("index-set-submit").click()
    expect(page.locator("body")).to_contain_text("Đã nạp bộ chỉ số năm 2023: city-2023.json.")
    years = page.get_by_test_id("index-set-years")
    expect(years).to_contain_text("Năm 2023")
    expect(years).to_contain_text("Bộ chỉ số CCHC thành phố năm 2023")
