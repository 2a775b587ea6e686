"""On a 390-px phone the leader's "slipping units" read as cards in rank order — the unit and its head on
top, then the month's late dossiers, overdue tasks and overdue petitions each on a named line — instead of
a five-column table squeezed to a word or two per line; on a desktop the ranked table keeps its columns."""

from __future__ import annotations

import pytest

from cchc.home.tests.test_home_scene import setup_scene
from cchc.testing.phone_cards import DESKTOP, PHONE, shown_labels, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene(world, settings, tmp_path):
    return setup_scene(world, settings, tmp_path)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_leader_reads_the_slipping_units_without_a_squeeze(scene, live_server, browser, viewport):
    page = signed_in_page(browser, live_server.url, scene.world.users["leader"], viewport)
    first = page.get_by_test_id("slipping-row").first
    assert first.get_by_test_id("slipping-unit").inner_text() == "UBND Phường 1"
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    if viewport is PHONE:
        assert first.bounding_box()["width"] >= 340
        labels = shown_labels(first)
        assert len(labels) == 3
        assert labels[0].startswith('"Hồ sơ trễ hạn tháng ')
        assert labels[1:] == ['"Nhiệm vụ quá hạn"', '"Phản ánh quá hạn"']
        # The unit's name is the card's title on one line, not broken a word per line.
        assert first.get_by_test_id("slipping-unit").bounding_box()["height"] < 30
        assert first.get_by_test_id("slipping-tasks").inner_text() == "2"
    else:
        assert shown_labels(first)[0] == "none"
        assert first.get_by_test_id("slipping-head").is_visible()
        assert page.locator("[data-testid=slipping-table] thead").bounding_box()["height"] > 10
