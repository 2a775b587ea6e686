"""The task reminder engine chases inter-agency steps with their own ladder: the handling official one
working day before the step's deadline, the head of the unit holding the dossier one working day after —
each once, however often the daily run repeats, and only after the transaction commits."""

import datetime as dt

import pytest
from django.core import mail

from cchc.deadlines import reminders
from cchc.dossiers.models import DossierStep
from cchc.dossiers.tests.factories import at
from cchc.dossiers.tests.interagency_helpers import land_dossier
from cchc.notify.channels import RecordingChannel


@pytest.fixture(autouse=True)
def _clean_outbox():
    RecordingChannel.reset()
    yield
    RecordingChannel.reset()


def run(day, capture):
    with capture(execute=True):
        return reminders.run(day)


def test_the_official_is_reminded_once_the_day_before_the_steps_deadline(
    world, django_capture_on_commit_callbacks
):
    land_dossier(world, "IA-R1")  # step due Wed 7/9/2022
    assert run(dt.date(2022, 9, 5), django_capture_on_commit_callbacks) == 0
    assert run(dt.date(2022, 9, 6), django_capture_on_commit_callbacks) == 1
    assert run(dt.date(2022, 9, 6), django_capture_on_commit_callbacks) == 0
    assert run(dt.date(2022, 9, 7), django_capture_on_commit_callbacks) == 0
    assert [m.to for m in mail.outbox] == [[world.officials["ward_officer"].email]]
    assert "IA-R1" in mail.outbox[0].subject


def test_the_head_of_the_unit_holding_it_is_told_once_after_it(world, django_capture_on_commit_callbacks):
    land_dossier(world, "IA-R2")
    run(dt.date(2022, 9, 6), django_capture_on_commit_callbacks)
    mail.outbox.clear()
    assert run(dt.date(2022, 9, 8), django_capture_on_commit_callbacks) == 1
    for day in (dt.date(2022, 9, 8), dt.date(2022, 9, 9), dt.date(2022, 9, 12)):
        assert run(day, django_capture_on_commit_callbacks) == 0
    assert [m.to for m in mail.outbox] == [[world.officials["unit_head"].email]]
    assert "Quá hạn 1 ngày làm việc" in mail.outbox[0].subject


def test_a_finished_step_is_not_chased(world, django_capture_on_commit_callbacks):
    d = land_dossier(world, "IA-R3")
    DossierStep.objects.filter(dossier=d, seq=2).update(finished_at=at(2022, 9, 5))
    assert run(dt.date(2022, 9, 8), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_nothing_leaves_before_the_transaction_commits(world, django_capture_on_commit_callbacks):
    land_dossier(world, "IA-R4")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reminders.run(dt.date(2022, 9, 6))
    assert callbacks and mail.outbox == []
