"""The Decision 766 pages: the leader sees every unit ranked, a ward's people only their ward (another
ward's page is 404), the Front has no access; an indicator lists the dossiers that cost points, each
linking to its page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from cchc.scorecards.tests.ledger_helpers import load
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(world):
    load(world)
    return world


def _get(world, persona: str, url: str):
    return login_verified(Client(), world.users[persona]).get(url)


@pytest.mark.parametrize("persona", ["leader", "secretariat", "office", "auditor"])
def test_the_jurisdiction_roles_see_every_unit_ranked(loaded, persona):
    r = _get(loaded, persona, reverse("scorecards:766") + "?ky=2022-06")
    assert r.status_code == 200
    codes = [u["unit"] for u in r.context["doc"]["units"]]
    assert sorted(codes) == ["P1", "P2"]
    assert [u["rank"] for u in r.context["doc"]["units"]] == [1, 2]


@pytest.mark.parametrize("persona", ["unit_head", "ward_officer"])
def test_a_wards_people_see_their_ward_and_not_another(loaded, persona):
    r = _get(loaded, persona, reverse("scorecards:766") + "?ky=2022-06")
    assert [u["unit"] for u in r.context["doc"]["units"]] == ["P1"]
    assert (
        _get(loaded, persona, reverse("scorecards:766_unit", args=["P1"]) + "?ky=2022-06").status_code == 200
    )
    assert (
        _get(loaded, persona, reverse("scorecards:766_unit", args=["P2"]) + "?ky=2022-06").status_code == 404
    )


def test_the_front_has_no_access(loaded):
    assert _get(loaded, "front", reverse("scorecards:766")).status_code == 403


def test_the_unit_page_shows_each_indicator_with_points_lost(loaded):
    r = _get(loaded, "leader", reverse("scorecards:766_unit", args=["P1"]) + "?ky=2022-06")
    rows = {i["code"]: i for i in r.context["indicators"]}
    assert (rows["2.1"]["points"], rows["2.1"]["lost"]) == (11.43, 8.57)
    assert rows["5.2"]["points"] is None and rows["5.2"]["lost"] is None  # no petitions
    assert "chưa có dữ liệu" in r.content.decode()


def test_an_indicator_lists_the_dossiers_that_cost_points(loaded):
    url = reverse("scorecards:766_dossiers", args=["P1", "2.1"]) + "?ky=2022-06"
    r = _get(loaded, "leader", url)
    assert [d.code for d in r.context["dossiers"]] == ["K-02", "K-04", "K-06"]
    assert reverse("dossiers:detail", args=["K-04"]) in r.content.decode()
    counted = _get(loaded, "leader", url + "&xem=dat")
    assert sorted(d.code for d in counted.context["dossiers"]) == ["K-01", "K-03", "K-05", "K-07"]


def test_an_indicator_without_dossiers_behind_it_is_404(loaded):
    assert _get(loaded, "leader", reverse("scorecards:766_dossiers", args=["P1", "5.4"])).status_code == 404


def test_without_a_period_the_page_opens_on_the_month_of_the_latest_dossier(loaded):
    r = _get(loaded, "leader", reverse("scorecards:766"))
    assert r.context["period"].key == "2022-06"
    bad = _get(loaded, "leader", reverse("scorecards:766") + "?ky=2022-13")
    assert bad.status_code == 200 and bad.context["period"].key == "2022-06"
