"""The leader's charts draw the page's own figures: the late rate by month ends with the month's rate
shown in the totals, the units' bars are the table's rates beside the city's line, the overdue bars are
the table's task and petition counts; each chart carries the same numbers as a table (screen readers,
print), and the month figures are the period summary of each month."""

import datetime as dt
import json
import re

import pytest

from cchc.dossiers.figures import late_by_month, period_summary
from cchc.home.tests.test_home_scene import by_testid, html_of, setup_scene, text
from cchc.testing.personas import login_verified


@pytest.fixture
def scene(world, settings, tmp_path):
    return setup_scene(world, settings, tmp_path)


def chart_data(doc, chart_id):
    return json.loads(doc.xpath(f'//script[@id="{chart_id}-data"]')[0].text)


def table_rows(doc, chart_id):
    table = by_testid(doc, f"chart-table-{chart_id}")[0]
    return [[text(c) for c in tr.xpath("./th|./td")] for tr in table.xpath("./tbody/tr")]


def test_the_leaders_charts_draw_the_figures_of_the_table(client, scene):
    login_verified(client, scene.world.users["leader"])
    doc = html_of(client.get("/"))
    assert doc.xpath('//script[contains(@src, "chart.umd.min.js")]')
    assert doc.xpath('//script[contains(@src, "figure-charts.js")]')

    trend = chart_data(doc, "chart-late-by-month")
    assert len(trend["labels"]) == 12
    assert trend["series"][0]["values"][-1] == round(5 / 30 * 100, 1)  # the month's 16,7 %
    assert table_rows(doc, "chart-late-by-month")[-1][1] == "16,7%"

    units = chart_data(doc, "chart-units-month")
    table_rates = {}
    for row in by_testid(doc, "slipping-row"):
        name = text(row.xpath('.//*[@data-testid="slipping-unit"]')[0])
        month = row.xpath('.//*[@data-testid="slipping-month"]')
        if month:
            found = re.search(r"\d+,\d%", text(month[0].getparent().xpath("./div")[0]))
            if found:
                table_rates[name] = found.group(0)
    bars, city = units["series"]
    assert city["kind"] == "line" and set(city["values"]) == {16.7}
    for name, value in zip(units["labels"], bars["values"], strict=True):
        assert f"{value:.1f}".replace(".", ",") + "%" == table_rates[name]
    assert units["labels"][0] == "UBND Phường 1" and bars["values"][0] == 40.0

    overdue = chart_data(doc, "chart-overdue-units")
    tasks = dict(zip(overdue["labels"], overdue["series"][0]["values"], strict=True))
    petitions = dict(zip(overdue["labels"], overdue["series"][1]["values"], strict=True))
    assert tasks["UBND Phường 1"] == 2 and petitions["UBND Phường 1"] == 1
    assert [r[0] for r in table_rows(doc, "chart-overdue-units")] == overdue["labels"]


def test_each_month_of_the_chart_is_that_months_period_summary(scene):
    leader = scene.world.users["leader"]
    today = scene.today
    first = (today.replace(day=1) - dt.timedelta(days=60)).replace(day=1)
    for m in late_by_month(leader, first, today):
        last = min((m.month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1), today)
        summary = period_summary(leader, m.month, last)
        assert (m.finished, m.late) == (summary.finished, summary.late)
    assert late_by_month(leader, first, today)[-1].late == 5
