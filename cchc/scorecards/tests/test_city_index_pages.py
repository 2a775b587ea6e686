"""The city index pages: the ranking lists the cards a person may read, a card page shows each
criterion, a ward saves its points through the page, bad points answer 400 with a Vietnamese message
and change nothing, another ward's card is 404, the Front has no access."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from cchc.scorecards.tests.card_helpers import open_year, score_of
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db


def _client(world, persona):
    return login_verified(Client(), world.users[persona])


def test_the_ranking_and_a_card_page_render(world):
    cards = open_year(world)
    r = _client(world, "leader").get(reverse("scorecards:city"))
    assert r.status_code == 200
    assert {row.card.unit.code for row in r.context["rows"]} == {"P1", "P2"}
    page = _client(world, "leader").get(reverse("scorecards:card", args=[cards["p1"].pk]))
    assert page.status_code == 200
    assert "Ban hành kế hoạch CCHC năm" in page.content.decode()


def test_a_ward_saves_its_points_through_the_page(world):
    cards = open_year(world)
    row = score_of(cards["p1"], "1.1")
    url = reverse("scorecards:self_assess", args=[cards["p1"].pk, row.pk])
    r = _client(world, "ward_officer").post(url, {"points": "2", "note": "Kế hoạch số 5"})
    assert r.status_code == 302
    row.refresh_from_db()
    assert str(row.self_points) == "2.00"
    bad = _client(world, "ward_officer").post(url, {"points": "9", "note": ""})
    assert bad.status_code == 400
    assert "phải từ 0 đến 3" in bad.content.decode()
    row.refresh_from_db()
    assert str(row.self_points) == "2.00"


def test_another_ward_gets_404_and_the_front_is_refused(world):
    cards = open_year(world)
    assert (
        _client(world, "other_ward_officer")
        .get(reverse("scorecards:card", args=[cards["p1"].pk]))
        .status_code
        == 404
    )
    assert _client(world, "front").get(reverse("scorecards:city")).status_code == 403


def test_a_losing_criterion_shows_its_solutions_and_the_leader_may_give_a_task(world):
    from cchc.directives.models import Directive
    from cchc.scorecards import actions, actions_solutions

    Directive.objects.create(
        jurisdiction=world.jurisdictions["city"], issuer="UBND", number="7190", symbol="UBND-NV",
        date="2022-08-15", doc_type="cong_van", subject="Cải thiện chỉ số PAR INDEX",
    )  # fmt: skip
    cards = open_year(world)
    row = score_of(cards["p1"], "1.1")
    actions.self_assess(world.users["ward_officer"], row, points="1", note="")
    actions_solutions.add_solution(world.users["unit_head"], row, text="Ban hành kế hoạch sớm")
    url = reverse("scorecards:card", args=[cards["p1"].pk])
    leader = _client(world, "leader").get(url).content.decode()
    assert "Ban hành kế hoạch sớm" in leader and "Giao nhiệm vụ" in leader
    ward = _client(world, "unit_head").get(url).content.decode()
    assert "Ban hành kế hoạch sớm" in ward and "Giao nhiệm vụ" not in ward
