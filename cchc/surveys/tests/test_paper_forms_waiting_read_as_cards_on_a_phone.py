"""On a 390-px phone the paper survey forms waiting for their second entry or for reconciling read as
cards — the form's number on top, the round and the state after their column's names, the button to
reconcile below — instead of a four-column table squeezed to a word a line; on a 1,280-px desktop they
stay a table with every column."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.surveys.actions import paper
from cchc.surveys.collection import Answers
from cchc.surveys.tests.conftest import URLS
from cchc.testing.phone_cards import DESKTOP, PHONE, fits, label_of, shown_labels, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.urls(URLS)]
DAY = dt.date(2022, 9, 12)


def _enter(world, campaign, who, serial, answers):
    return paper.enter(
        world.users[who],
        campaign,
        serial=serial,
        unit=world.units["p1"],
        filled_on=DAY,
        answers=Answers(answers=answers),
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_paper_forms_waiting_fit_the_screen(live_server, browser, world, campaign, viewport):
    # One form the two entries disagree on (a button to reconcile), one waiting for its second entry.
    _enter(world, campaign, "one_stop", "P1-0042", {"E1.1": 4, "E2.1": 5})
    _enter(world, campaign, "secretariat", "P1-0042", {"E1.1": 4, "E2.1": 3})
    _enter(world, campaign, "one_stop", "P1-0043", {"E1.1": 4})
    page = signed_in_page(browser, live_server.url, world.users["secretariat"], viewport)
    page.goto(f"{live_server.url}/khao-sat/phieu-giay/")
    rows = page.locator("[data-testid=paper-waiting] tbody tr")
    assert rows.count() == 2
    assert fits(page, "paper-waiting", viewport["width"])
    mismatch = rows.filter(has=page.get_by_role("link")).first
    if viewport is PHONE:
        for i in range(2):
            assert rows.nth(i).bounding_box()["width"] >= 340
            assert shown_labels(rows.nth(i))[:2] == ['"Đợt"', '"Trạng thái"']
        title = mismatch.locator("th").bounding_box()
        button = mismatch.get_by_role("link").bounding_box()
        assert title["y"] < button["y"] and button["x"] + button["width"] <= PHONE["width"]
    else:
        assert page.locator("[data-testid=paper-waiting] thead th").count() == 4
        assert label_of(mismatch.locator("td").first) == "none"
