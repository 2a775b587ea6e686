"""Two workers handed the reminder job at the same moment (docs/deploying.md, "Several app servers"): one
runs it, the other stands down at once. Without that, both refreshed every source's deadlines — minutes at
5,000,000 dossiers — and the second's new deadlines collided with the first's (a unique-key error in the
worker's log). Threads with their own connections stand in for the workers; PostgreSQL only (the SQLite test
database lives in shared-cache memory, where parallel writers get "table is locked")."""

import datetime as dt
import threading
import time

import pytest
from django.db import connection

from cchc.deadlines import reminders
from cchc.deadlines.models import ReminderSent
from cchc.notify.models import Notification
from cchc.testing.concurrency import at_once

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="parallel writers need a server database (see docstring)"
)


@pytest.mark.django_db(transaction=True)
def test_two_reminder_runs_at_once_refresh_the_sources_once_and_send_each_reminder_once(
    world, task_deadline, monkeypatch
):
    refreshed: list[dt.date] = []

    def slow_refresh(today: dt.date) -> None:
        refreshed.append(today)
        time.sleep(1)  # a refresh over millions of dossiers: the window in which the other worker starts

    source = reminders.Source("test.slow", "CCHC_REMINDER_LADDER", slow_refresh)
    monkeypatch.setitem(reminders._SOURCES, source.object_type, source)
    sent, errors = at_once(lambda: reminders.run(dt.date(2022, 10, 7)))
    assert errors == []
    assert len(refreshed) == 1
    assert sorted(sent) == [0, 3]
    assert ReminderSent.objects.count() == 3
    assert Notification.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_a_worker_that_finished_its_run_lets_the_next_one_run(world, task_deadline):
    assert reminders.run(dt.date(2022, 10, 7)) == 3  # this connection stays open, as a worker's does
    answer: list[bool] = []

    def other_worker() -> None:
        try:
            with reminders._alone() as alone:
                answer.append(alone)
        finally:
            connection.close()

    t = threading.Thread(target=other_worker)
    t.start()
    t.join()
    assert answer == [True]
