import pytest
from django.core.exceptions import ValidationError

from cchc.core.models import AuditEvent
from cchc.deadlines.actions import change_unit


def test_transfer_moves_the_clock_to_the_new_unit_with_a_reason(world, task_deadline):
    change_unit(world.users["office"], task_deadline, unit=world.units["p2"], reason="Địa bàn Phường 2")
    task_deadline.refresh_from_db()
    assert task_deadline.unit == world.units["p2"]
    assert task_deadline.official is None
    assert AuditEvent.objects.filter(verb="deadline.unit_changed").exists()


def test_transfer_without_a_reason_is_refused(world, task_deadline):
    with pytest.raises(ValidationError):
        change_unit(world.users["office"], task_deadline, unit=world.units["p2"], reason=" ")
