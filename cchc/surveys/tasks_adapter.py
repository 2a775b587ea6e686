"""A thin adapter to the task engine (``cchc.directives.actions.create_task``).

``create_task`` lets only the Office (which keeps the register of directives) create tasks when called
with a person; a server-side caller passes its name as a string and is trusted. Improvement tasks from
survey results are created by the reform secretariat (Công văn 7190/UBND-NV, mục 1 và 4: Internal Affairs
monitors the solutions units plan from the SIPAS results), whose permission
``actions.create_improvement_task`` has already checked. So the task is created in the engine's system mode,
named after the person, and the person is recorded as its creator and in the audit trail.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cchc.org.models import Unit


def create_task(
    actor: Any, directive: Any, *, text: str, lead_unit: Unit, assigner_unit: Unit, due: dt.date
) -> Any:
    from cchc.directives import actions as task_actions
    from cchc.directives.models import Task

    name = actor.get_full_name() or actor.get_username()
    task = task_actions.create_task(
        f"{name} (khảo sát mức độ hài lòng)",
        directive,
        text=text,
        lead_unit=lead_unit,
        assigner_unit=assigner_unit,
        due=due,
        start=max(directive.date, dt.date.today()),
        deadline_text=f"{due:%d/%m/%Y}",
    )
    Task.objects.filter(pk=task.pk).update(created_by=actor)
    task.created_by = actor
    return task
