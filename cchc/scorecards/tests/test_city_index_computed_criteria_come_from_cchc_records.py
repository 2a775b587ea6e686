"""The computed criteria of the city index are filled from CCHC's records with the figure and a link
to the records behind it: dossiers on time is the Decision 766 figure 2.1 of the same unit and year
(one rule), apology letters count late dossiers with and without a letter, a figure without records
is "no data" and earns no points (never 0)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cchc.dossiers.models import Dossier
from cchc.lib.dossier_period import Period
from cchc.scorecards import actions, ledger766
from cchc.scorecards.queries import card_result
from cchc.scorecards.tests.card_helpers import open_year, score_of
from cchc.scorecards.tests.ledger_helpers import load

pytestmark = pytest.mark.django_db


def test_dossiers_on_time_equals_the_766_figure_and_links_to_its_dossiers(world):
    load(world)
    cards = open_year(world)
    actions.refresh_computed(cards["p1"].version, dt.date(2023, 1, 10))
    doc = ledger766.document(Dossier.objects.all(), Period(dt.date(2022, 1, 1), dt.date(2022, 12, 31)), None)
    p1 = next(u for u in doc["units"] if u["unit"] == "P1")
    on_time = next(i for i in p1["indicators"] if i["code"] == "2.1")
    fig = score_of(cards["p1"], "3.1").figure
    assert (fig["numerator"], fig["denominator"]) == (on_time["numerator"], on_time["denominator"])
    assert fig["url"] == reverse("scorecards:766_dossiers", args=["P1", "2.1"]) + "?ky=2022"


def test_late_dossiers_without_an_apology_lose_the_apology_points(world):
    load(world)
    cards = open_year(world)
    actions.refresh_computed(cards["p1"].version, dt.date(2023, 1, 10))
    # P1 finished two dossiers late in 2022 (K-02, K-04), neither with an apology letter.
    fig = score_of(cards["p1"], "3.2").figure
    assert (fig["numerator"], fig["denominator"]) == (0, 2)
    line = next(x for x in card_result(cards["p1"]).lines if x.code == "3.2")
    assert (line.points, line.lost) == (0.0, 4.0)


def test_a_criterion_without_records_has_no_data_and_no_points(world):
    cards = open_year(world)
    actions.refresh_computed(cards["p2"].version, dt.date(2023, 1, 10))
    line = next(x for x in card_result(cards["p2"]).lines if x.code == "1.3")
    assert score_of(cards["p2"], "1.3").figure == {}
    assert (line.points, line.lost) == (None, None)


def test_only_internal_affairs_refreshes_the_figures(world):
    from django.core.exceptions import PermissionDenied

    load(world)
    cards = open_year(world)
    with pytest.raises(PermissionDenied):
        actions.refresh_for(world.users["leader"], cards["p1"].version, dt.date(2023, 1, 10))
    assert actions.refresh_for(world.users["secretariat"], cards["p1"].version, dt.date(2023, 1, 10)) > 0
    assert score_of(cards["p1"], "3.1").figure["denominator"] > 0
