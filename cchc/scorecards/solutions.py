"""Lost points → cause → solution → task. A unit (or Internal Affairs, or the leader) writes a solution
for a criterion that loses points; the leader or Internal Affairs turns it into a task on the
directives' machinery (lead unit = the scored unit, a deadline, the unit's accountable head answers
for it), and the solution is followed until its tasks are done. A solution whose tasks are all done
while its criterion still loses points is flagged: the fix did not win the points back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import pgettext

from cchc.directives.models import Directive, TaskStatus
from cchc.scorecards.models import Solution


def directives_for_tasks(card_area: Any) -> Any:
    """The documents a solution's task may hang on: the city's own, newest first."""
    return Directive.objects.filter(jurisdiction__path__startswith=card_area.path).order_by("-date", "-pk")


@dataclass(frozen=True)
class SolutionState:
    solution: Solution
    # In the page's language; the context keeps "Nhiệm vụ quá hạn" of one task apart from the menu's list
    # of overdue tasks.
    label: str
    flagged: bool  # every task done, the criterion still loses points


def state_of(solution: Solution, lost: float | None) -> SolutionState:
    task = solution.task
    if task is None:
        return SolutionState(solution, pgettext("remedy task", "Chưa giao nhiệm vụ"), False)
    if task.status == TaskStatus.DONE:
        flagged = bool(lost and lost > 0)
        if flagged:
            label = pgettext("remedy task", "Nhiệm vụ đã hoàn thành — tiêu chí vẫn mất điểm")
            return SolutionState(solution, label, True)
        return SolutionState(solution, pgettext("remedy task", "Nhiệm vụ đã hoàn thành"), False)
    if task.status == TaskStatus.CANCELLED:
        return SolutionState(solution, pgettext("remedy task", "Nhiệm vụ đã hủy"), False)
    deadline = task.deadline
    if deadline is not None and deadline.due is not None and deadline.due < timezone.localdate():
        return SolutionState(solution, pgettext("remedy task", "Nhiệm vụ quá hạn"), False)
    return SolutionState(solution, pgettext("remedy task", "Nhiệm vụ đang thực hiện"), False)
