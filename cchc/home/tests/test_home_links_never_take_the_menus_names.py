"""A link on a first page never carries the name of a menu entry shown on the bar (Playwright finds
links by a part of their name: "Nhiệm vụ quá hạn" must find the menu entry, not a figure about
overdue tasks)."""

import pytest
from django.urls import NoReverseMatch, reverse

from cchc.core.navigation import items_for
from cchc.home.tests.test_home_scene import html_of, setup_scene, text
from cchc.testing.personas import PERSONAS, login_verified


@pytest.fixture
def scene(world, settings, tmp_path):
    return setup_scene(world, settings, tmp_path)


def bar_labels(role):
    out = []
    for item in items_for(role):
        try:
            reverse(item.url_name)
        except NoReverseMatch:
            continue
        if not item.group:  # entries inside a drop-down are hidden until it is opened
            out.append(item.label.casefold())
    return out


@pytest.mark.parametrize("persona", [p[0] for p in PERSONAS])
def test_no_link_on_the_page_is_named_like_a_menu_entry(client, scene, persona):
    user = scene.world.users[persona]
    login_verified(client, user)
    doc = html_of(client.get("/"))
    main = doc.xpath("//main")[0]
    labels = bar_labels(user.role)
    for a in main.xpath(".//a"):
        name = (a.get("aria-label") or text(a)).casefold()
        clashes = [label for label in labels if label in name]
        assert not clashes, (name, clashes)
