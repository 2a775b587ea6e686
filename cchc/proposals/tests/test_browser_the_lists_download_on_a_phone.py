"""In Chromium on a 390-px phone: the leader finds the export link on the proposal list and on the
register, both visible and named, and each downloads the workbook of the page."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect
from python_calamine import CalamineWorkbook

from cchc.proposals.tests.conftest import drafted
from cchc.testing.browser import browser_login, new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_leader_downloads_the_proposal_list_and_the_register_on_a_phone(world, live_server, browser):
    drafted(world)
    phone = new_context(browser, viewport={"width": 390, "height": 844}, accept_downloads=True).new_page()
    browser_login(phone, live_server.url, world.users["leader"])
    for path, title in (
        ("/de-xuat-cai-cach/", "Đề xuất phân cấp, ủy quyền, đơn giản hóa thủ tục"),
        ("/de-xuat-cai-cach/ra-soat/", "Thủ tục hành chính đã rà soát năm"),
    ):
        phone.goto(live_server.url + path)
        link = phone.get_by_role("link", name="Xuất Excel")
        expect(link).to_be_visible()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        with phone.expect_download() as info:
            link.click()
        download = info.value
        assert download.suggested_filename.endswith(".xlsx")
        with open(download.path(), "rb") as fh:
            rows = CalamineWorkbook.from_filelike(io.BytesIO(fh.read())).get_sheet_by_index(0).to_python()
        assert str(rows[0][0]).startswith(title)
