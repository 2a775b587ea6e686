"""On a 390-px phone a dossier's event log (Nhật ký hồ sơ) reads as cards — the time on top, then who did
it, what and the note, each after its column's name — instead of four columns squeezed to a word a line;
on a 1,280-px desktop it stays a table with its four columns."""

from __future__ import annotations

import pytest

from cchc.dossiers.models import DossierEvent
from cchc.dossiers.tests.factories import build_ledger
from cchc.testing.phone_cards import DESKTOP, PHONE, fits, label_of, shown_labels, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_dossiers_event_log_fits_the_screen(live_server, browser, world, viewport):
    ledger = build_ledger(world)
    for kind in ("created", "status_changed"):
        DossierEvent.objects.create(dossier=ledger.late, kind=kind, actor_name="Nguyễn Văn Đồng Bộ Hoá")
    page = signed_in_page(browser, live_server.url, world.users["leader"], viewport)
    page.goto(f"{live_server.url}/ho-so/ho-so/{ledger.late.code}/")
    row = page.locator("[data-testid=events] tbody tr").first
    assert page.locator("[data-testid=events] tbody tr").count() == 2
    assert fits(page, "events", viewport["width"])
    if viewport is PHONE:
        assert row.bounding_box()["width"] >= 340
        assert shown_labels(row) == ['"Người thực hiện"', '"Việc"', '"Ghi chú"']
        # The time (the row's header) is the card's title, above the named lines.
        assert row.locator("th").bounding_box()["y"] < row.locator("td").first.bounding_box()["y"]
    else:
        assert page.locator("[data-testid=events] thead th").count() == 4
        assert label_of(row.locator("td").first) == "none"
        assert page.locator("[data-testid=events] thead").bounding_box()["height"] > 10
