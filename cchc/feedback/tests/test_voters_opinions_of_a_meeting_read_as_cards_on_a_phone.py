"""On a 390-px phone the opinions gathered at a Front meeting read as cards — code, opinion, handling unit,
status and deadline each on a labelled line — instead of a five-column table squeezed to a few words per
line (324 px per row on the demo); on a desktop they stay a table."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from cchc.feedback.tests.test_front_meeting_batches import batch
from cchc.testing.personas import login_verified
from cchc.testing.phone_cards import DESKTOP, PHONE, label_of, signed_in_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("cchc.feedback.tests.urls"),
]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_opinions_of_a_meeting_fit_the_screen(live_server, browser, world, categories, viewport):
    front = Client()
    login_verified(front, world.users["front"])
    rows = [
        {"category": categories["DT"].pk, "text": "Cử tri đề nghị giải toả chợ tạm lấn chiếm đường Ba Cu."}
    ]
    meeting_url = front.post(reverse("feedback:meeting_new"), batch(world, categories, rows))["Location"]
    page = signed_in_page(browser, live_server.url, world.users["front"], viewport)
    page.goto(live_server.url + meeting_url)
    row = page.locator("[data-testid=opinion-table] tbody tr").first
    cells = row.locator("td")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    if viewport["width"] == 390:
        assert row.bounding_box()["width"] >= 340
        assert [label_of(cells.nth(i)) for i in range(cells.count())] == [
            '"Mã"',
            '"Ý kiến"',
            '"Đơn vị xử lý"',
            '"Trạng thái"',
            '"Hạn"',
        ]
        # The opinion runs beside its label on a few lines, not one word per line.
        assert cells.nth(1).bounding_box()["height"] < 80
    else:
        assert label_of(cells.first) == "none"
        assert page.locator("[data-testid=opinion-table] thead").bounding_box()["height"] > 10
