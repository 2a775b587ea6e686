"""A citizen on a phone opens the public reform rankings while the installation reads them from a replica
(router double): the page says when its figures were taken; on a page that is not read from the replica
no such line appears."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cchc.core.tests.replica_double import replica_double
from cchc.testing.browser import new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_page_read_from_the_replica_tells_a_citizen_how_fresh_its_figures_are(
    live_server, browser, monkeypatch
):
    context = new_context(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        with replica_double(monkeypatch, lag=timedelta(minutes=1)) as double:
            page.goto(f"{live_server.url}/cong-khai/xep-hang-chi-so-cchc/")
            taken = timezone.localtime(timezone.now() - timedelta(minutes=1))
            line = page.get_by_text(re.compile(r"Số liệu tính đến \d\d:\d\d ngày \d\d/\d\d/\d{4}"))
            expect(line).to_be_visible()
            assert f"{taken:%d/%m/%Y}" in line.inner_text()
            assert double.router.replica_reads()

            page.goto(f"{live_server.url}/cong-khai/tra-cuu-ho-so/")
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            expect(page.get_by_text("Số liệu tính đến")).to_have_count(0)
    finally:
        context.close()
