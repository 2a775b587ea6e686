"""In Chromium on a 390-px phone: the leader finds the export link on the list of visits and on the list
of outside conclusions, each visible and named, and each downloads the workbook of the page."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from python_calamine import CalamineWorkbook

from cchc.oversight.actions import conclusions
from cchc.oversight.tests.scene import started_visit
from cchc.testing.browser import browser_login, new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_leader_downloads_the_visits_and_the_conclusions_on_a_phone(world, live_server, browser):
    started_visit(world)
    conclusions.record_conclusion(
        world.users["office"],
        world.jurisdictions["city"],
        issuer="Thanh tra tỉnh",
        number="12/KL-TTr",
        issued_on=timezone.localdate(),
        subject="Quản lý ngân sách",
    )
    phone = new_context(browser, viewport={"width": 390, "height": 844}, accept_downloads=True).new_page()
    browser_login(phone, live_server.url, world.users["leader"])
    for path, title in (
        ("/kiem-tra/", "Kế hoạch và cuộc kiểm tra"),
        ("/kiem-tra/ket-luan/", "Kết luận thanh tra, kiểm toán"),
    ):
        phone.goto(live_server.url + path)
        link = phone.get_by_test_id("export-xlsx")
        expect(link).to_be_visible()
        expect(link).to_have_accessible_name("Tải Excel")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        with phone.expect_download() as info:
            link.click()
        download = info.value
        assert download.suggested_filename.endswith(".xlsx")
        with open(download.path(), "rb") as fh:
            rows = CalamineWorkbook.from_filelike(io.BytesIO(fh.read())).get_sheet_by_index(0).to_python()
        assert rows[0][0] == title
