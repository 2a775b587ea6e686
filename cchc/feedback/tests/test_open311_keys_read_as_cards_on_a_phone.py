"""On a 390-px phone the keys issued to outside petition apps read as cards — the app's name on top, each
line naming its column, the revoke button inside the card — and the page no longer scrolls sideways (it
did by 128 px on the demo); on a desktop they stay a table."""

from __future__ import annotations

import pytest

from cchc.feedback.actions.citizen import create_key
from cchc.testing.phone_cards import DESKTOP, PHONE, label_of, signed_in_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("cchc.feedback.tests.urls"),
]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_keys_fit_the_screen(live_server, browser, world, viewport):
    create_key(
        world.users["secretariat"], name="Ứng dụng Vũng Tàu Smart", jurisdiction=world.jurisdictions["city"]
    )
    page = signed_in_page(browser, live_server.url, world.users["secretariat"], viewport)
    page.goto(f"{live_server.url}/phan-anh/khoa-open311/")
    row = page.locator("[data-testid=keys] tbody tr").first
    cells = row.locator("td")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert row.get_by_role("button", name="Thu hồi").is_visible()
    if viewport is PHONE:
        assert row.bounding_box()["width"] >= 340
        assert [label_of(cells.nth(i)) for i in range(1, 6)] == [
            '"Dùng cho"',
            '"Tiền tố"',
            '"Cấp ngày"',
            '"Dùng lần cuối"',
            '"Trạng thái"',
        ]
    else:
        assert label_of(cells.nth(1)) == "none"
        assert page.locator("[data-testid=keys] thead").bounding_box()["height"] > 10
