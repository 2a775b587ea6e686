"""In Chromium on a 390-px phone: the leader finds the export link on the coverage page (who has not
been trained), on the course list and on the training needs, each visible and named, and each downloads
the workbook of the page."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect
from python_calamine import CalamineWorkbook

from cchc.testing.browser import browser_login, new_context
from cchc.training.tests.conftest import make_course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_leader_downloads_the_training_lists_on_a_phone(world, live_server, browser):
    make_course(world)
    phone = new_context(browser, viewport={"width": 390, "height": 844}, accept_downloads=True).new_page()
    browser_login(phone, live_server.url, world.users["leader"])
    for path, name, title in (
        ("/dao-tao/", "Xuất Excel danh sách chưa bồi dưỡng", "Chưa được bồi dưỡng"),
        ("/dao-tao/khoa/", "Xuất Excel", "Khóa, lớp bồi dưỡng"),
        ("/dao-tao/nhu-cau/", "Xuất Excel", "Nhu cầu bồi dưỡng"),
    ):
        phone.goto(live_server.url + path)
        link = phone.get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        with phone.expect_download() as info:
            link.click()
        download = info.value
        assert download.suggested_filename.endswith(".xlsx")
        with open(download.path(), "rb") as fh:
            rows = CalamineWorkbook.from_filelike(io.BytesIO(fh.read())).get_sheet_by_index(0).to_python()
        assert str(rows[0][0]).startswith(title)
