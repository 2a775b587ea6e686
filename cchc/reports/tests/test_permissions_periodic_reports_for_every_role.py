"""``reports_for`` and ``may_approve`` for every persona: a unit reads and writes only its own report and
its head approves it; the city's roles read every report of the jurisdiction; the secretariat and the
office write the city's report and the leader approves it; the Front and the one-stop office see none.
Over HTTP an out-of-scope report answers 404."""

from __future__ import annotations

import pytest

from cchc.reports import actions, periods
from cchc.reports.queries import may_approve, reports_for
from cchc.testing.personas import login_verified

# persona → (reads, writes, approves) among {"p1", "p2", "city"}
EXPECTED = {
    "leader": ({"p1", "p2", "city"}, set(), {"city"}),
    "secretariat": ({"p1", "p2", "city"}, {"city"}, set()),
    "office": ({"p1", "p2", "city"}, {"city"}, set()),
    "auditor": ({"p1", "p2", "city"}, set(), set()),
    "unit_head": ({"p1"}, {"p1"}, {"p1"}),
    "ward_officer": ({"p1"}, {"p1"}, set()),
    "other_ward_officer": ({"p2"}, {"p2"}, set()),
    "one_stop": (set(), set(), set()),
    "front": (set(), set(), set()),
}


@pytest.fixture
def reports(world):
    q2 = periods.slot("quarter", 2022, 2)
    return {
        "p1": actions.draft(world.users["ward_officer"], world.units["p1"], q2),
        "p2": actions.draft(world.users["other_ward_officer"], world.units["p2"], q2),
        "city": actions.draft(world.users["office"], world.units["ubnd"], q2, is_city=True),
    }


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_role_reads_writes_and_approves_only_its_own(world, reports, client, persona):
    user = world.users[persona]
    reads, writes, approves = EXPECTED[persona]
    names = {v.pk: k for k, v in reports.items()}
    assert {names[r.pk] for r in reports_for(user)} == reads
    assert {names[r.pk] for r in reports_for(user, write=True)} == writes
    assert {k for k, r in reports.items() if may_approve(user, r)} == approves
    login_verified(client, user)
    for key, report in reports.items():
        status = client.get(f"/bao-cao/dinh-ky/{report.pk}/").status_code
        assert status == (
            200 if key in reads else (403 if not reads and persona in ("front", "one_stop") else 404)
        ), key
