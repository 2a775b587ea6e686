"""The one-stop desk's "received" figure: today's receipts on a working day; on a day the office is
closed (a Sunday) with nothing received, the last working day's, labelled with its date — not a zero."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.dossiers.models import Status
from cchc.dossiers.tests.factories import at, dossier
from cchc.home.work_panels import one_stop_desk

pytestmark = pytest.mark.django_db

FRIDAY, SATURDAY, SUNDAY, MONDAY = (dt.date(2026, 12, d) for d in (4, 5, 6, 7))


def test_a_closed_day_with_nothing_received_shows_the_last_working_day(world):
    dossier(world, "DESK-FRI-1", status=Status.RECEIVED, received=at(2026, 12, 4, 9), outcome="")
    dossier(world, "DESK-FRI-2", status=Status.RECEIVED, received=at(2026, 12, 4, 15), outcome="")
    user = world.users["one_stop"]

    sunday = one_stop_desk(user, SUNDAY)
    assert sunday.received_day == FRIDAY and not sunday.received_day_is_today
    assert sunday.received_today.value == 2
    assert "received_from=2026-12-04" in sunday.received_today.url

    monday = one_stop_desk(user, MONDAY)  # a working day: today's, even when nothing came in yet
    assert monday.received_day == MONDAY and monday.received_day_is_today
    assert monday.received_today.value == 0


def test_a_closed_day_with_online_receipts_counts_that_day(world):
    dossier(world, "DESK-FRI", status=Status.RECEIVED, received=at(2026, 12, 4, 9), outcome="")
    dossier(world, "DESK-SAT", status=Status.RECEIVED, received=at(2026, 12, 5, 10), outcome="")
    desk = one_stop_desk(world.users["one_stop"], SATURDAY)
    assert desk.received_day == SATURDAY and desk.received_today.value == 1
