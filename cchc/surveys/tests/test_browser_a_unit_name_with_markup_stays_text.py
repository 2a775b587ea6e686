"""Playwright: a unit short name that closes the chart's data block and opens a script stays text on the
results pages (json_script), the chart still draws from a static file under the Content-Security-Policy,
and the browser reports no blocked inline script — on a phone and on a desktop."""

import pytest
from playwright.sync_api import expect

from cchc.surveys.tests.conftest import URLS, store
from cchc.testing.browser import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.urls(URLS)]

PAYLOAD = '</script><script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'


def test_a_unit_name_with_a_script_does_not_run_on_the_results_pages(live_server, page, world, campaign):
    ward = world.units["p1"]
    ward.short_name = PAYLOAD
    ward.save(update_fields=["short_name"])
    answers = {"E1.1": 5, "E2.1": 4, "E3.1": 5, "E4.1": 4, "E5.1": 4}
    store(campaign, ward, [answers] * 6)
    store(campaign, world.units["p2"], [answers] * 6)

    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    browser_login(page, live_server.url, world.users["secretariat"])
    for size, path in [
        ({"width": 390, "height": 844}, f"/khao-sat/dot/{campaign.pk}/ket-qua/"),
        ({"width": 1280, "height": 900}, f"/khao-sat/dot/{campaign.pk}/ket-qua/{ward.pk}/"),
    ]:
        page.set_viewport_size(size)
        response = page.goto(live_server.url + path)
        assert response is not None
        policy = dict(d.strip().split(" ", 1) for d in response.headers["content-security-policy"].split(";"))
        assert policy["script-src"].startswith("'self'") and "unsafe" not in policy["script-src"]
        assert "camera=()" in response.headers["permissions-policy"]
        canvas = page.locator("canvas").first
        expect(canvas).to_be_visible()
        chart = "Chart.getChart(document.querySelector('canvas'))"
        page.wait_for_function(f"() => window.Chart && {chart}")
        labels = page.evaluate(f"() => {chart}.data.datasets.map(d => d.label)")
        if str(ward.pk) in path.rstrip("/").rsplit("/", 1)[-1]:
            assert PAYLOAD in labels  # the ward's series: the name arrives as data, whole
        assert page.evaluate("() => window.__xss") is None
    assert violations == []
