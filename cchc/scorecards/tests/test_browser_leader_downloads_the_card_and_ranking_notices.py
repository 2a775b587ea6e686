"""In Chromium, on a 390-px phone: the leader downloads the city ranking as a Word notice from the
ranking page, opens a ward's card and downloads its notice as PDF; both carry the Decree 30 header."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from cchc.core.official_documents import docx_text, pdf_text
from cchc.scorecards.tests.card_helpers import open_year
from cchc.testing.browser import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_leader_downloads_the_ranking_and_a_card_as_notices(world, live_server, page):
    open_year(world)
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, live_server.url, world.users["leader"])
    page.goto(f"{live_server.url}/chi-so/thanh-pho/")
    with page.expect_download() as ranking:
        page.get_by_role("link", name="Word", exact=True).click()
    assert ranking.value.suggested_filename == "xep-hang-chi-so-cchc-2022.docx"
    text = docx_text(Path(ranking.value.path()).read_bytes())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "UBND Phường 1" in text

    page.get_by_test_id("city-card").filter(has_text="UBND Phường 1").click()
    expect(page.get_by_test_id("card-stage")).to_be_visible()
    with page.expect_download() as card:
        page.get_by_role("link", name="Tải thông báo (PDF)").click()
    assert card.value.suggested_filename == "chi-so-cchc-2022-P1.pdf"
    assert "Kính gửi: UBND Phường 1" in pdf_text(Path(card.value.path()).read_bytes())
