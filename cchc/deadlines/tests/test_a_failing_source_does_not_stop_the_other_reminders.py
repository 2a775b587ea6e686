"""An app that registers its items with the reminder engine (inter-agency dossier steps) refreshes them
before each run; if that refresh fails, the tasks' reminders still go out and the error is logged."""

import datetime as dt
import logging

from django.core import mail

from cchc.deadlines import reminders


def broken(today: dt.date) -> None:
    raise RuntimeError("the source's data could not be read")


def test_a_failing_refresh_is_logged_and_the_tasks_are_still_reminded(
    world, task_deadline, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    monkeypatch.setitem(
        reminders._SOURCES, "tests.broken", reminders.Source("tests.broken", "CCHC_REMINDER_LADDER", broken)
    )
    with (
        caplog.at_level(logging.ERROR, logger="cchc.deadlines.reminders"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert reminders.run(dt.date(2022, 9, 27)) == 1
    assert [m.to for m in mail.outbox] == [[world.officials["ward_officer"].email]]
    assert "tests.broken" in caplog.text
