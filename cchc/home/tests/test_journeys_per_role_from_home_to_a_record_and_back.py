"""In Chromium, on a desktop and on a 390-px phone: each role starts on its home page, follows a figure to
the list that proves it, opens one record, and comes back — the leader through her charts and the late
list of a ward, the Office through the month's late figure, the unit head through the unit's late
dossiers, the one-stop officer through the dossiers still without an apology letter. Screenshots of
every step are kept in the Playwright output folder (``--output``) as the journey's record."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cchc.home.tests.test_home_scene import setup_scene
from cchc.testing.browser import browser_login

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}

# persona → (the figure followed from the home page, what the list must show)
JOURNEYS = {
    "leader": ("slipping-month", re.compile(r"/ho-so/tre-han/\?unit=\d+&finished_from=")),
    "office": ("stats-late", re.compile(r"/ho-so/tre-han/\?finished_from=")),
    "unit_head": ("unit-late-month", re.compile(r"/ho-so/tre-han/\?finished_from=")),
    "one_stop": ("missing-apology", re.compile(r"/ho-so/tre-han/\?missing_apology=on")),
}


# What sticks out of the screen, for the failure message.
WIDEST = """[...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > innerWidth + 1).slice(0, 5)
  .map(e => e.tagName + '.' + e.className + '#' + (e.id || e.dataset.testid || ''))"""


@pytest.fixture
def scene(world, settings, tmp_path):
    return setup_scene(world, settings, tmp_path)


def shot(page, folder: Path, name: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("persona", sorted(JOURNEYS))
def test_each_role_goes_from_its_home_page_to_a_record_and_back(
    scene, live_server, page, output_path, persona
):
    figure, list_url = JOURNEYS[persona]
    folder = Path(output_path) / "journeys"
    browser_login(page, live_server.url, scene.world.users[persona])
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        page.goto(f"{live_server.url}/")
        expect(page.get_by_test_id("home-heading")).to_be_visible()
        if persona == "leader":
            # The charts are drawn (Chart.js took the canvas) and their tables are there for readers.
            for chart in ("chart-late-by-month", "chart-units-month", "chart-overdue-units"):
                expect(page.get_by_test_id(f"chart-{chart}")).to_be_visible()
                assert page.evaluate(f"!!Chart.getChart(document.getElementById('{chart}'))"), chart
        shot(page, folder, f"{persona}-{size}-1-home")
        wide = page.evaluate(WIDEST)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], (size, wide)

        link = page.get_by_test_id(figure).first
        shown = link.inner_text().strip()
        link.scroll_into_view_if_needed()
        link.click()
        expect(page).to_have_url(list_url)
        expect(page.get_by_test_id("late-count")).to_have_text(f"{shown} hồ sơ")
        shot(page, folder, f"{persona}-{size}-2-list")

        record = page.get_by_test_id("late-table").locator("tbody tr a").first
        code = record.inner_text().strip()
        record.click()
        expect(page.locator("h1")).to_contain_text(code)
        shot(page, folder, f"{persona}-{size}-3-record")

        page.go_back()
        expect(page).to_have_url(list_url)
        page.go_back()
        expect(page.get_by_test_id("home-heading")).to_be_visible()
