"""The home panel's biggest losses: criteria summed over the cards a person may read, with their
solutions, tasks, tasks done and the flag of a done task on a criterion still losing points; a ward's
head sees only their own card's losses."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.directives.actions_register import register_directive
from cchc.directives.models import TaskStatus
from cchc.scorecards import actions, actions_solutions
from cchc.scorecards.queries import biggest_losses
from cchc.scorecards.tests.card_helpers import open_year, score_of

pytestmark = pytest.mark.django_db


def test_losses_are_summed_and_their_solutions_followed(world):
    directive = register_directive(
        world.users["office"],
        world.jurisdictions["city"],
        {
            "direction": "issued", "issuer": "UBND thành phố", "number": "7190", "symbol": "UBND-NV",
            "date": dt.date(2022, 8, 15), "place": "Vũng Tàu", "doc_type": "cong_van", "subject": "PAR INDEX",
            "signer_authority": "KT.", "signer_position": "Phó Chủ tịch", "signer_name": "Vũ Hồng Thuận",
        },
    )  # fmt: skip
    cards = open_year(world)
    actions.self_assess(world.users["ward_officer"], score_of(cards["p1"], "1.1"), points="1", note="")
    actions.self_assess(world.users["other_ward_officer"], score_of(cards["p2"], "1.1"), points="2", note="")
    actions.self_assess(world.users["ward_officer"], score_of(cards["p1"], "4.1"), points="7", note="")
    sol = actions_solutions.add_solution(
        world.users["leader"], score_of(cards["p1"], "1.1"), text="Ban hành sớm"
    )
    task = actions_solutions.make_task(
        world.users["leader"], sol, directive=directive, due=dt.date(2030, 1, 1)
    )
    task.status = TaskStatus.DONE
    task.save(update_fields=["status"])

    version, rows = biggest_losses(world.users["leader"])
    assert version is not None and version.year == 2022
    first = rows[0]
    assert (first.code, first.lost, first.units) == ("1.1", 3.0, 2)  # 2 + 1 points lost
    assert (first.solutions, first.tasks, first.tasks_done, first.flagged) == (1, 1, 1, 1)
    assert [r.code for r in rows] == ["1.1", "4.1"]
    _, own = biggest_losses(world.users["unit_head"])
    assert [(r.code, r.lost, r.units) for r in own] == [("1.1", 2.0, 1), ("4.1", 1.0, 1)]
