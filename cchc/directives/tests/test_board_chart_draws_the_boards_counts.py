"""The task board's chart draws the board's own counts per lead unit (overdue, still open, awaiting
confirmation, done), the units with the most overdue tasks first, and carries them as a table for screen
readers and print."""

from __future__ import annotations

import json

import lxml.html
import pytest
from django.urls import reverse

from cchc.directives.tests.conftest import URLS
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)


def test_the_board_chart_draws_the_tables_counts(client, world, history, on_10_october):
    login_verified(client, world.users["office"])
    doc = lxml.html.fromstring(client.get(reverse("directives:board")).content.decode())
    data = json.loads(doc.xpath('//script[@id="chart-board-data"]')[0].text)
    overdue, open_, awaiting, done = (
        dict(zip(data["labels"], s["values"], strict=True)) for s in data["series"]
    )
    assert data["labels"][0] == "UBND Phường 1"  # the one unit with an overdue task
    assert (overdue["UBND Phường 1"], awaiting["UBND Phường 1"], done["UBND Phường 1"]) == (1, 1, 2)
    assert (open_["UBND Phường 2"], done["UBND Phường 2"]) == (1, 1)
    assert open_["Phòng Nội vụ"] == 1  # no deadline counts as still open, never as overdue
    rows = doc.xpath('//*[@data-testid="chart-table-chart-board"]//tbody/tr')
    assert [r.xpath("./th")[0].text_content() for r in rows] == data["labels"]
    assert doc.xpath('//script[contains(@src, "figure-charts.js")]')
