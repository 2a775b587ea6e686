"""Result pages show, per unit, element and item, the counts, indices and 95 % intervals of the same
engine as ``cchc survey-index``; a new response changes the unit's index; months filter the period."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cchc.lib import indices
from cchc.surveys import results
from cchc.surveys.tests.conftest import URLS, store
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)

# The worked example of docs/rules/surveys.md: one question per element, "–" = no answer.
WORKED = [
    (5, 4, 4, 5, 4), (4, 4, 3, 4, None), (3, 2, 4, 4, 3), (5, 5, 5, 5, 5), (4, 3, 4, 4, 2),
    (2, 3, 3, 3, 3), (4, 4, 5, 4, 4), (5, 4, 4, 5, None), (4, 5, 4, 3, 4), (3, 4, 2, 4, 3),
]  # fmt: skip
ITEMS = ("E1.1", "E2.1", "E3.1", "E4.1", "E5.1")


@pytest.fixture
def worked(world, campaign):
    rows = [{code: v for code, v in zip(ITEMS, row, strict=True) if v} for row in WORKED]
    return store(campaign, world.units["p1"], rows)


def test_the_worked_example_gives_68_00_by_mean_and_68_75_pooled(world, campaign, worked):
    rs = results.load(campaign)
    assert indices.percent(results.compute(rs, "mean").overall.index) == 68.0
    assert indices.percent(results.compute(rs, "pooled").overall.index) == 68.75


def test_the_unit_page_shows_the_engine_figures_with_intervals(client, world, campaign, worked):
    login_verified(client, world.users["secretariat"])
    html = client.get(
        reverse("surveys:unit_results", args=[campaign.pk, world.units["p1"].pk])
    ).content.decode()
    assert "68,00%" in html and "45,83–84,22" in html  # overall, mean of parts (docs/indices.md §5)
    assert "50,00" in html and "21,52–78,48" in html  # E5: 4 of 8


def test_pooling_is_chosen_on_the_page(client, world, campaign, worked):
    login_verified(client, world.users["secretariat"])
    url = reverse("surveys:results", args=[campaign.pk])
    html = client.get(url, {"aggregation": "pooled"}).content.decode()
    assert "68,75" in html and "gộp số đếm" in html


def test_a_new_response_changes_the_units_index(client, world, campaign, worked):
    login_verified(client, world.users["secretariat"])
    url = reverse("surveys:unit_results", args=[campaign.pk, world.units["p1"].pk])
    before = client.get(url).context["result"].overall.index
    store(campaign, world.units["p1"], [{code: 5 for code in ITEMS}])
    after = client.get(url).context["result"].overall.index
    assert after > before


def test_months_filter_the_period(client, world, campaign):
    today = timezone.localdate()
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    store(campaign, world.units["p1"], [{"E1.1": 1}], when=timezone.now() - dt.timedelta(days=today.day + 3))
    store(campaign, world.units["p1"], [{"E1.1": 5}])
    login_verified(client, world.users["secretariat"])
    url = reverse("surveys:unit_results", args=[campaign.pk, world.units["p1"].pk])
    this = f"{today:%Y-%m}"
    result = client.get(url, {"month_from": this, "month_to": this}).context["result"]
    assert result.respondents == 1 and result.items["E1.1"].index == 1
    result = client.get(url, {"month_to": f"{last_month:%Y-%m}"}).context["result"]
    assert result.respondents == 1 and result.items["E1.1"].index == 0


def test_the_monthly_trend_has_one_point_per_month_with_its_interval(world, campaign, worked):
    rs = results.load(campaign)
    trend = results.trend(campaign, rs, [world.units["p1"]], whole=True)
    assert trend.labels[-1] == f"{timezone.localdate():%m/%Y}"
    unit = trend.series[1]
    assert unit["values"][-1] == 68.0 and unit["low"][-1] == 45.83 and unit["counts"][-1] == 10


def test_the_weakest_criteria_need_enough_answers(world, campaign, settings):
    settings.CCHC_SURVEY_WEAKEST_MIN_ANSWERS = 3
    store(campaign, world.units["p1"], [{"E1.1": 2, "E2.1": 4, "E3.1": 5, "E4.1": 1}] * 3)
    store(campaign, world.units["p1"], [{"E5.1": 1}] * 2)  # only two answers: not a finding
    rs = results.load(campaign)
    r = results.compute(rs, "mean")
    weak = results.weakest(rs.questionnaire, r)
    # E2.1 and E3.1 (100 %) are above the unit's overall index: not weaknesses; E5.1 has 2 answers.
    assert [w.item.code for w in weak] == ["E1.1", "E4.1"]
