"""Writes of lost points → cause → solution → task: a solution written for a criterion that loses
points, and the task made from it on the directives' machinery (docs/indices.md §16)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from cchc.core.events import record
from cchc.directives import actions as directive_actions
from cchc.directives.models import Directive, Task
from cchc.scorecards.access import access
from cchc.scorecards.actions import ScorecardError
from cchc.scorecards.audit_events import ScorecardsEvents
from cchc.scorecards.models import CriterionScore, Solution
from cchc.scorecards.queries766 import city_area
from cchc.scorecards.solutions import directives_for_tasks


@transaction.atomic
def add_solution(actor: Any, score: CriterionScore, *, text: str) -> Solution:
    if not access(actor, score.scorecard).plan:
        raise PermissionDenied(gettext("Không có quyền ghi giải pháp cho phiếu này."))
    if not text.strip():
        raise ScorecardError(gettext("Cần nội dung giải pháp."))
    solution = Solution.objects.create(score=score, text=text.strip()[:4000], created_by=actor)
    record(
        actor,
        ScorecardsEvents.SOLUTION_ADDED,
        solution,
        summary=f"{score.scorecard.unit.name} {score.code}: {text[:150]}",
    )
    return solution


@transaction.atomic
def make_task(actor: Any, solution: Solution, *, directive: Directive, due: dt.date) -> Task:
    """One click from a solution to a task led by the scored unit, with a deadline."""
    card = solution.score.scorecard
    if not access(actor, card).assign:
        raise PermissionDenied(gettext("Chỉ lãnh đạo hoặc Phòng Nội vụ giao nhiệm vụ từ giải pháp."))
    if solution.task_id is not None:
        raise ScorecardError(gettext("Giải pháp này đã có nhiệm vụ."))
    area = city_area(card.unit.jurisdiction)
    if area is None or not directives_for_tasks(area).filter(pk=directive.pk).exists():
        raise ScorecardError(gettext("Văn bản không thuộc địa bàn của đơn vị."))
    assigner = _assigner_unit(actor, card)
    try:
        # The task is written through the directives' own action; the register-keeping check of a person
        # does not apply (the leader or Internal Affairs gives this task from the scorecard), so the
        # action is called as the scorecards module, and this module records who gave it.
        task = directive_actions.create_task(
            f"Chỉ số CCHC — {actor.get_full_name() or actor.get_username()}",
            directive,
            text=(
                f"Khắc phục tiêu chí {solution.score.code} của Chỉ số CCHC năm {card.version.year}: "
                f"{solution.text}"
            ),
            lead_unit=card.unit,
            assigner_unit=assigner,
            due=due,
            start=min(due, timezone.localdate()),
        )
    except ValidationError as exc:
        raise ScorecardError("; ".join(exc.messages)) from None
    solution.task = task
    solution.save(update_fields=["task"])
    record(
        actor,
        ScorecardsEvents.TASK_MADE,
        solution,
        summary=f"Giao {card.unit.name} nhiệm vụ từ giải pháp {solution.score.code}",
    )
    return task


def _assigner_unit(actor: Any, card: Any) -> Any:
    from cchc.org.queries import user_unit

    unit = user_unit(actor)
    return unit if unit is not None else card.unit
