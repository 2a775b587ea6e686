"""Lost points → cause → solution → task: a ward writes the cause and a solution for a criterion that
loses points, the leader turns it into a task led by the ward with a deadline (a ward cannot), and a
solution whose task is done while the criterion still loses points is flagged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from cchc.directives.actions_register import register_directive
from cchc.directives.models import TaskStatus
from cchc.scorecards import actions, actions_solutions, solutions
from cchc.scorecards.queries import card_result
from cchc.scorecards.tests.card_helpers import open_year, score_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def directive(world):
    return register_directive(
        world.users["office"],
        world.jurisdictions["city"],
        {
            "direction": "issued",
            "issuer": "Ủy ban nhân dân thành phố Vũng Tàu",
            "number": "7190",
            "symbol": "UBND-NV",
            "date": dt.date(2022, 8, 15),
            "place": "Vũng Tàu",
            "doc_type": "cong_van",
            "subject": "triển khai thực hiện giải pháp cải thiện kết quả chỉ số PAR INDEX, chỉ số SIPAS",
            "signer_authority": "KT.",
            "signer_position": "Chủ tịch – Phó Chủ tịch",
            "signer_name": "Vũ Hồng Thuận",
        },
    )


def _losing(world):
    card = open_year(world)["p1"]
    row = score_of(card, "1.1")
    actions.self_assess(world.users["ward_officer"], row, points="1", note="Kế hoạch ban hành trễ")
    return card, row


def test_a_solution_becomes_a_task_led_by_the_ward(world, directive):
    _, row = _losing(world)
    actions.write_cause(world.users["unit_head"], row, cause="Kế hoạch ban hành sau hạn 15 ngày")
    solution = actions_solutions.add_solution(
        world.users["unit_head"], row, text="Ban hành kế hoạch năm trước 31/12"
    )
    with pytest.raises(PermissionDenied):
        actions_solutions.make_task(
            world.users["unit_head"], solution, directive=directive, due=dt.date(2022, 12, 15)
        )
    task = actions_solutions.make_task(
        world.users["leader"], solution, directive=directive, due=dt.date(2022, 12, 15)
    )
    assert task.lead_unit == world.units["p1"]
    assert task.deadline.due == dt.date(2022, 12, 15)
    assert "1.1" in task.text
    solution.refresh_from_db()
    assert solution.task == task
    with pytest.raises(actions.ScorecardError, match="đã có nhiệm vụ"):
        actions_solutions.make_task(
            world.users["leader"], solution, directive=directive, due=dt.date(2022, 12, 15)
        )


def test_a_done_task_whose_criterion_still_loses_points_is_flagged(world, directive):
    card, row = _losing(world)
    solution = actions_solutions.add_solution(world.users["ward_officer"], row, text="Ban hành kế hoạch sớm")
    actions_solutions.make_task(
        world.users["secretariat"], solution, directive=directive, due=dt.date(2022, 12, 15)
    )
    solution.refresh_from_db()
    lost = next(x for x in card_result(card).lines if x.code == "1.1").lost
    assert lost == 2.0
    assert not solutions.state_of(solution, lost).flagged
    solution.task.status = TaskStatus.DONE
    solution.task.save(update_fields=["status"])
    assert solutions.state_of(solution, lost).flagged
    assert not solutions.state_of(solution, 0.0).flagged


def test_another_ward_cannot_write_a_solution(world):
    _, row = _losing(world)
    with pytest.raises(PermissionDenied):
        actions_solutions.add_solution(world.users["other_ward_officer"], row, text="x")
