"""Known answers for the petition-results report: received in the period by channel and by kind,
answered on time / late in the period, open within time / overdue at its end, per responsible unit;
and each role sees only its scope."""

from __future__ import annotations

import re

import pytest

from cchc.feedback.models import Petition
from cchc.reports import petitions
from cchc.reports.tests.helpers import Q2, petition_set
from cchc.testing.personas import login_verified


def test_each_column_of_each_unit_matches_the_hand_count(world):
    petition_set(world)
    rows, total = petitions.report(Q2.start, Q2.end, Petition.objects.all())
    p1, p2 = rows
    assert p1.unit == "P1" and p2.unit == "P2"
    f = p1.figures
    assert (f.received, f.answered_on_time, f.answered_late, f.open_within_time, f.open_overdue) == (
        4,
        2,
        1,
        1,
        1,
    )
    assert p1.by_channel == {"web": 1, "hotline": 1, "walk_in": 1, "letter": 1}
    assert p1.by_kind == {"feedback": 2, "petition": 1, "accountability": 1}
    assert p2.by_channel == {"web": 1}
    assert total.figures.received == 5 and total.by_channel["web"] == 2 and total.by_kind["feedback"] == 3
    assert sum(p1.channel_cells()) == sum(p1.kind_cells()) == f.received


@pytest.mark.parametrize(
    ("persona", "status", "units"),
    [
        ("leader", 200, {"UBND Phường 1", "UBND Phường 2"}),
        ("secretariat", 200, {"UBND Phường 1", "UBND Phường 2"}),
        ("office", 200, {"UBND Phường 1", "UBND Phường 2"}),
        ("auditor", 200, {"UBND Phường 1", "UBND Phường 2"}),
        ("unit_head", 200, {"UBND Phường 1"}),
        ("ward_officer", 200, {"UBND Phường 1"}),
        ("one_stop", 200, set()),
        ("other_ward_officer", 200, {"UBND Phường 2"}),
        ("front", 403, set()),
    ],
)
def test_the_page_shows_each_role_its_own_units(world, client, persona, status, units):
    petition_set(world)
    login_verified(client, world.users[persona])
    r = client.get("/bao-cao/phan-anh/?date_from=2022-04-01&date_to=2022-06-30")
    assert r.status_code == status
    if status == 200:
        seen = set(re.findall(r"<td lang=\"vi\">(UBND Phường \d)</td>", r.content.decode()))
        assert seen == units


def test_an_impossible_period_is_refused(world, client):
    login_verified(client, world.users["leader"])
    r = client.get("/bao-cao/phan-anh/?date_from=2022-06-30&date_to=2022-04-01")
    assert r.status_code == 400
    assert "«Đến ngày» phải sau hoặc bằng «Từ ngày»" in r.content.decode()
