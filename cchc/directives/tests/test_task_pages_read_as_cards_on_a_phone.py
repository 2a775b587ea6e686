"""On a 390-px phone every page of the task follow-up fits the screen — the register of directives, the
board, the Internal Affairs check (twelve columns) and the progress per directive read as cards, one per
directive or unit with each figure named; the task lists and the overdue list as a list of tasks — and
nothing scrolls sideways. On a 1,280-px screen the same pages keep their tables with every column."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cchc.directives.tests.conftest import URLS, make_task
from cchc.testing.phone_cards import DESKTOP, PHONE, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.urls(URLS)]

# Page → the table on it (data-testid) and how a phone shows it: "cards" (the table itself, one card a
# row) or "list" (a list of tasks in its place).
PAGES = {
    "/chi-dao/": ("directive-table", "cards"),
    "/chi-dao/bang-theo-doi/": ("board", "cards"),
    "/chi-dao/kiem-tra/": ("check-table", "cards"),
    "/chi-dao/tien-do/": ("progress-table", "cards"),
    "/chi-dao/nhiem-vu/": ("task-list", "list"),
    "/chi-dao/qua-han/": ("overdue-table", "list"),
    "/chi-dao/viec-cua-don-vi/": ("inbox-lead", "list"),
    "/chi-dao/bao-cao/": ("report-form", "form"),  # no table: it must fit all the same
}


@pytest.fixture
def tasks(world, directive):
    today = timezone.localdate()
    return [
        make_task(world, directive, "p1", due=today - dt.timedelta(days=20), text="Rà soát thủ tục quá hạn"),
        make_task(world, directive, "vp", due=today + dt.timedelta(days=30), text="Tổng hợp báo cáo quý"),
    ]


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_on_a_phone_every_task_page_fits_the_screen_and_shows_cards(live_server, browser, world, tasks):
    page = signed_in_page(browser, live_server.url, world.users["office"], PHONE)
    for path, (testid, shape) in PAGES.items():
        page.goto(live_server.url + path)
        assert fits(page), path
        shown = page.get_by_test_id(testid)
        if shape == "cards":
            row = shown.locator("tbody tr").first
            assert row.evaluate("r => getComputedStyle(r).display") == "block", path
            # The column names are kept for screen readers only (clipped to one pixel).
            assert shown.locator("thead").evaluate("t => t.getBoundingClientRect().height") <= 1, path
            assert row.bounding_box()["width"] >= 300, path
            labelled = row.locator("td[data-label]")
            visible = [labelled.nth(i) for i in range(labelled.count()) if labelled.nth(i).is_visible()]
            assert visible, path
            assert all(c.evaluate("c => getComputedStyle(c, '::before').content") != "none" for c in visible)
        elif shape == "list":
            assert not shown.is_visible(), path
            assert page.locator(".list-group.d-md-none .list-group-item-action").first.is_visible(), path
        # The report's form has no table: on a phone it folds behind its button like every filter form.
    # The twelve-column check keeps the figures a leader acts on; three secondary counts wait for a wider
    # screen or the export.
    page.goto(live_server.url + "/chi-dao/kiem-tra/")
    cells = page.locator("[data-testid=check-table] tbody tr").first.locator("td")
    assert sum(1 for i in range(cells.count()) if cells.nth(i).is_visible()) == 8


def test_on_a_desktop_the_task_pages_keep_their_tables_with_every_column(live_server, browser, world, tasks):
    page = signed_in_page(browser, live_server.url, world.users["office"], DESKTOP)
    for path, (testid, shape) in PAGES.items():
        page.goto(live_server.url + path)
        assert fits(page), path
        shown = page.get_by_test_id(testid)
        assert shown.is_visible(), path
        if shape == "form":
            continue
        assert shown.locator("thead th").first.is_visible(), path
        row = shown.locator("tbody tr").first
        assert row.evaluate("r => getComputedStyle(r).display") == "table-row", path
        heads = shown.locator("thead th").count()
        cells = row.locator("th, td")
        assert sum(1 for i in range(cells.count()) if cells.nth(i).is_visible()) == heads, path
    assert page.locator(".list-group.d-md-none").first.is_hidden()
