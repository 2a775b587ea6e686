"""What the browser tests of tables read as cards on a phone share.

    from cchc.testing.phone_cards import DESKTOP, PHONE, fits, label_of, shown_labels, signed_in_page
    page = signed_in_page(browser, live_server.url, world.users["leader"], PHONE)
    assert fits(page, "dossier-table", PHONE["width"])
    assert shown_labels(row)[:2] == ['"Mã hồ sơ"', '"Thủ tục"']

Below 768 px a ``.table-cards`` table shows each row as a card and each cell's column name (its
data-label) before the cell through CSS ``::before``; on a desktop there is no such name ("none").
"""

from __future__ import annotations

from typing import Any

from cchc.testing.browser import browser_login, new_context

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def label_of(cell: Any) -> str:
    """The column name a phone shows before ``cell``, quoted as CSS gives it ('"Hạn"'), or "none"."""
    return str(cell.evaluate("c => getComputedStyle(c, '::before').content"))


def shown_labels(row: Any) -> list[str]:
    """The column names before the row's visible data cells, in order (hidden cells left out)."""
    cells = row.locator("td")
    return [label_of(cells.nth(i)) for i in range(cells.count()) if cells.nth(i).is_visible()]


def fits(page: Any, testid: str, width: int) -> bool:
    """Neither the table's scrolling box (.table-responsive) nor the page scrolls sideways."""
    box = page.locator(".table-responsive").filter(has=page.get_by_test_id(testid)).first
    return bool(
        box.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
        and page.evaluate("document.documentElement.scrollWidth") <= width
    )


def signed_in_page(
    browser: Any, live_server_url: str, user: Any, viewport: dict[str, int], **options: Any
) -> Any:
    """A new page of a screen ``viewport`` wide (the suite's locale and time zone), ``user`` signed in."""
    page = new_context(browser, viewport=viewport, **options).new_page()
    browser_login(page, live_server_url, user)
    return page
