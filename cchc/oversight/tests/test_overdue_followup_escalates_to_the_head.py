"""An overdue follow-up is chased like every task: the reminder ladder of the deadline machine writes
to the responsible unit's accountable head once it is past due."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.deadlines import reminders
from cchc.deadlines.models import ReminderSent
from cchc.notify.models import Notification
from cchc.oversight.actions import followups
from cchc.oversight.tests.scene import started_visit

pytestmark = pytest.mark.django_db


def test_the_head_of_the_unit_is_written_to_after_the_due_date(world, django_capture_on_commit_callbacks):
    insp = started_visit(world)
    finding = followups.add_finding(
        world.users["secretariat"], insp, code="MC-07", text="Máy lấy số hỏng", severity="minor"
    )
    rec = followups.add_recommendation(
        world.users["secretariat"], finding, text="Sửa máy lấy số", due=insp.visited_on + dt.timedelta(days=7)
    )
    later = rec.deadline.due + dt.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        reminders.run(today=later)
    steps = set(ReminderSent.objects.filter(deadline=rec.deadline).values_list("audience", flat=True))
    assert "unit_head" in steps
    assert Notification.objects.filter(recipient=world.officials["unit_head"].email).exists()
