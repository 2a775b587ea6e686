"""The dossier list counts the reader's dossiers only up to a cap (counting five million takes seconds):
below it the exact number, above it "more than" the cap, and the pages up to the cap still open."""

from __future__ import annotations

import pytest

from cchc.dossiers.tests.factories import dossier
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db


def count_line(client, **params):
    html = client.get("/ho-so/", params).content.decode()
    start = html.index('data-testid="list-count">') + len('data-testid="list-count">')
    return html[start : html.index("</p>", start)]


def test_the_list_says_more_than_the_cap_and_the_exact_count_below_it(client, world, settings):
    for i in range(5):
        dossier(world, f"CAP-{i}")
    login_verified(client, world.users["leader"])
    settings.CCHC_LIST_COUNT_CAP = 10
    assert count_line(client) == "5 hồ sơ"
    settings.CCHC_LIST_COUNT_CAP = 3
    assert count_line(client) == "Hơn 3 hồ sơ; lọc để thu hẹp"
    # A filter that leaves fewer rows than the cap gives the exact figure again.
    assert count_line(client, q="CAP-1") == "1 hồ sơ"
    settings.CCHC_LIST_COUNT_CAP = 4
    assert client.get("/ho-so/", {"trang": "1"}).status_code == 200
