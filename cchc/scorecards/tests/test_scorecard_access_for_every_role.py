"""The one permission helper for scorecards, for every role at every stage: a unit reads and edits only
its own card, only Internal Affairs appraises and scores, the leader, Office and auditor read all and
change nothing, the Front and the one-stop desk see nothing; a scored card changes no more."""

from __future__ import annotations

import pytest

from cchc.scorecards.access import access, scorecards_for
from cchc.scorecards.models import Stage
from cchc.scorecards.tests.card_helpers import open_year

pytestmark = pytest.mark.django_db

R, SA, SU, AP, AN, FR = "read", "self_assess", "submit", "appraise", "answer", "freeze"
PL, AS = "plan", "assign"
# persona → stage → the rights on Phường 1's card
EXPECTED = {
    "leader": {s: {R, PL, AS} for s in Stage},
    "secretariat": {
        Stage.SELF: {R, PL, AS},
        Stage.SUBMITTED: {R, AP, PL, AS},
        Stage.APPRAISED: {R, AP, FR, PL, AS},
        Stage.SCORED: {R, PL, AS},
    },
    "office": {s: {R} for s in Stage},
    "auditor": {s: {R} for s in Stage},
    "unit_head": {
        Stage.SELF: {R, SA, SU, PL},
        Stage.SUBMITTED: {R, PL},
        Stage.APPRAISED: {R, AN, PL},
        Stage.SCORED: {R, PL},
    },
    "ward_officer": {
        Stage.SELF: {R, SA, PL},
        Stage.SUBMITTED: {R, PL},
        Stage.APPRAISED: {R, AN, PL},
        Stage.SCORED: {R, PL},
    },
    "other_ward_officer": {s: set() for s in Stage},
    "one_stop": {s: set() for s in Stage},
    "front": {s: set() for s in Stage},
}


def _rights(a) -> set[str]:
    return {name for name in (R, SA, SU, AP, AN, FR, PL, AS) if getattr(a, name)}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_role_has_exactly_its_rights_at_each_stage(world, persona):
    card = open_year(world)["p1"]
    user = world.users[persona]
    for stage in Stage:
        card.stage = stage
        assert _rights(access(user, card)) == EXPECTED[persona][stage], stage


@pytest.mark.parametrize(
    ("persona", "units"),
    [
        ("leader", {"P1", "P2"}),
        ("secretariat", {"P1", "P2"}),
        ("office", {"P1", "P2"}),
        ("auditor", {"P1", "P2"}),
        ("unit_head", {"P1"}),
        ("ward_officer", {"P1"}),
        ("other_ward_officer", {"P2"}),
        ("one_stop", set()),
        ("front", set()),
    ],
)
def test_each_role_lists_only_the_cards_it_may_read(world, persona, units):
    open_year(world)
    assert {c.unit.code for c in scorecards_for(world.users[persona])} == units
