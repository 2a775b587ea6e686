"""The receipt and the return slip of a dossier, opened on a 390-px phone (the one-stop officer shows it to
the citizen, or prints from a tablet), fit the screen: no sideways scroll (the header row's negative
margins and the long survey link pushed it 12 px wide on the demo); on a desktop they keep their layout."""

from __future__ import annotations

import pytest

from cchc.surveys.tests.conftest import URLS, make_dossier
from cchc.testing.browser import browser_login, new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.urls(URLS)]


@pytest.mark.parametrize(
    "viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}], ids=["phone", "desktop"]
)
def test_both_slips_fit_the_screen(live_server, browser, world, campaign, settings, viewport):
    settings.SITE_URL = live_server.url
    dossier = make_dossier(world, "000.00.26.H01-220601-0098")
    page = new_context(browser, viewport=viewport, locale="vi-VN").new_page()
    browser_login(page, live_server.url, world.users["one_stop"])
    for slip in ("giay-tiep-nhan", "phieu-tra-ket-qua"):
        page.goto(f"{live_server.url}/khao-sat/ho-so/{dossier.code}/{slip}/")
        assert page.get_by_test_id("slip-code").inner_text() == dossier.code
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, slip
        assert page.get_by_test_id("survey-link").bounding_box()["width"] <= viewport["width"]
