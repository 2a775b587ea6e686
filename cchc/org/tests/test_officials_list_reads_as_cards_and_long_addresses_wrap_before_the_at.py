"""On a 390-px phone the officials list (/to-chuc/can-bo/) reads as cards — the name on top, then code,
position, unit, contact and whether still in post — instead of a table squeezed into the screen, and a
long e-mail address wraps before its "@" instead of being cut mid-word, there and in a unit's officials;
on a desktop the list stays a table and nothing scrolls sideways at either size."""

from __future__ import annotations

import pytest

from cchc.testing.phone_cards import DESKTOP, PHONE, fits, label_of, shown_labels, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCAL, DOMAIN = "nguyen.thi.thanh.huong", "phuong1.vungtau.gov.vn"
ADDRESS = f"{LOCAL}@{DOMAIN}"

# The text of each line an element's words are laid out on, read from where each letter is drawn.
LINES = """e => {
  const lines = new Map();
  const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const top = Math.round(range.getBoundingClientRect().top);
      lines.set(top, (lines.get(top) || "") + node.data[i]);
    }
  }
  return [...lines.keys()].sort((a, b) => a - b).map(k => lines.get(k));
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_officials_list_fits_the_screen(live_server, browser, world, viewport):
    world.officials["unit_head"].email = ADDRESS
    world.officials["unit_head"].save()
    page = signed_in_page(browser, live_server.url, world.users["secretariat"], viewport)
    page.goto(f"{live_server.url}/to-chuc/can-bo/?q={LOCAL}")
    row = page.locator("[data-testid=official-table] tbody tr").first
    cells = row.locator("td")
    assert fits(page, "official-table", viewport["width"])
    address = row.locator(".email-address")
    lines = address.evaluate(LINES)
    if viewport is PHONE:
        assert row.bounding_box()["width"] >= 340
        assert shown_labels(row) == ['"Mã"', '"Chức vụ"', '"Đơn vị"', '"Liên hệ"', '"Tình trạng"']
        assert row.locator("th").bounding_box()["y"] < cells.first.bounding_box()["y"]
        # Too long for a card's line: it wraps at the "@", each part whole, inside the card.
        assert lines == [LOCAL, f"@{DOMAIN}"]
        card = row.bounding_box()
        mail = address.bounding_box()
        assert mail["x"] + mail["width"] <= card["x"] + card["width"]
    else:
        assert label_of(cells.first) == "none"
        assert page.locator("[data-testid=official-table] thead").bounding_box()["height"] > 10
        assert lines in ([ADDRESS], [LOCAL, f"@{DOMAIN}"])


def test_a_long_address_in_a_units_officials_wraps_before_the_at_on_a_phone(live_server, browser, world):
    world.officials["unit_head"].email = ADDRESS
    world.officials["unit_head"].save()
    page = signed_in_page(browser, live_server.url, world.users["ward_officer"], PHONE)
    page.goto(f"{live_server.url}/to-chuc/don-vi/{world.units['p1'].pk}/")
    assert fits(page, "unit-officials", PHONE["width"])
    address = page.locator("[data-testid=unit-officials] .email-address").filter(has_text=LOCAL)
    assert address.evaluate(LINES) == [LOCAL, f"@{DOMAIN}"]
    assert address.get_attribute("href") == f"mailto:{ADDRESS}"
