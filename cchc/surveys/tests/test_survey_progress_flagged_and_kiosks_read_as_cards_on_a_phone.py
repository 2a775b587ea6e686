"""On a 390-px phone a survey round's progress per unit, the responses waiting for review and the kiosks
read as cards — one per unit, response or kiosk, each line naming its column — instead of five-column
tables squeezed to a few words per line; on a desktop they stay tables."""

from __future__ import annotations

import pytest

from cchc.surveys import actions
from cchc.surveys.models import FlagStatus
from cchc.surveys.tests.conftest import URLS, store
from cchc.testing.phone_cards import DESKTOP, PHONE, label_of, shown_labels, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.urls(URLS)]


@pytest.fixture
def round_with_a_flag(world, campaign):
    rows = store(campaign, world.units["p1"], [{"E1.1": 4}] * 3)
    # Held for review as the duplicate check does; the review list is what the test looks at.
    rows[0].flag_status = FlagStatus.PENDING
    rows[0].save(update_fields=["flag_status"])
    actions.create_kiosk(world.users["secretariat"], name="Ki-ốt quầy một cửa", unit=world.units["p1"])
    return campaign


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_progress_review_list_and_kiosks_fit_the_screen(
    live_server, browser, world, round_with_a_flag, viewport
):
    page = signed_in_page(browser, live_server.url, world.users["secretariat"], viewport)
    expected = {
        f"/khao-sat/dot/{round_with_a_flag.pk}/": (
            "progress",
            ["none", '"Cần thu"', '"Đã thu"', '"Tiến độ"', '"Chờ xem xét"'],
        ),
        "/khao-sat/can-xem-xet/": (
            "flagged",
            ['"Số phiếu"', '"Đợt khảo sát"', '"Đơn vị"', '"Ngày"', '"Lý do"'],
        ),
        "/khao-sat/ki-ot/": ("kiosks", ["none", '"Đặt tại"', '"Địa chỉ"', '"Lần gửi gần nhất"', "none"]),
    }
    for path, (testid, labels) in expected.items():
        page.goto(live_server.url + path)
        row = page.locator(f"[data-testid={testid}] tbody tr").first
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], path
        if viewport is PHONE:
            assert row.bounding_box()["width"] >= 340, path
            assert shown_labels(row) == labels, path
            assert row.bounding_box()["height"] < 260, path
        else:
            assert label_of(row.locator("td").nth(1)) == "none", path
            assert page.locator(f"[data-testid={testid}] thead").bounding_box()["height"] > 10, path
