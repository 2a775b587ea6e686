"""The leader's five pages where axe-core first counted 115 contrast failures (home, dossiers, late
dossiers, directives, petitions) pass every WCAG 2.1 A/AA rule at 1280 and 390 px; a screenshot of
each is kept in the Playwright output folder (`--output`, test-results/ by default) for review."""

from pathlib import Path

import pytest

from cchc.home.tests.test_home_scene import setup_scene
from cchc.testing.accessibility import WIDTHS, check_live, report
from cchc.testing.browser import browser_login

PAGES = {
    "trang-lam-viec": "/",
    "ho-so": "/ho-so/",
    "ho-so-tre-han": "/ho-so/tre-han/",
    "chi-dao": "/chi-dao/",
    "phan-anh": "/phan-anh/",
}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_leaders_pages_pass_axe_at_both_widths(world, settings, tmp_path, live_server, page, output_path):
    setup_scene(world, settings, tmp_path)
    browser_login(page, live_server.url, world.users["leader"])
    folder = Path(output_path)
    folder.mkdir(parents=True, exist_ok=True)
    found = []
    for width, size in WIDTHS.items():
        page.set_viewport_size(size)
        for name, path in PAGES.items():
            page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")
            found += check_live(page, "leader")
            page.screenshot(path=str(folder / f"lanh-dao-{name}-{width}.png"), full_page=True)
    assert not found, report(found)
    assert len(list(folder.glob("lanh-dao-*.png"))) == 2 * len(PAGES)
