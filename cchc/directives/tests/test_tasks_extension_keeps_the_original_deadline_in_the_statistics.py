"""An extension approved by the assigner moves the deadline, and the original stays on record
and in the statistics — both shown, and "late against the original deadline" counted too."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cchc.directives import actions
from cchc.directives.models import Task
from cchc.directives.queries import tally_by
from cchc.directives.tests.conftest import URLS, make_task
from cchc.lib.deadlines import State
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)


@pytest.fixture
def extended(world, p1_task):
    ext = actions.request_extension(
        world.users["unit_head"], p1_task, proposed_due=dt.date(2022, 10, 14), reason="Chờ số liệu của Sở"
    )
    actions.decide_extension(world.users["office"], ext, approve=True, note="Đồng ý")
    actions.report_completion(world.users["ward_officer"], p1_task, note="Xong", on=dt.date(2022, 10, 12))
    actions.confirm_completion(world.users["office"], p1_task, on=dt.date(2022, 10, 13))
    return p1_task


def test_done_within_the_extension_is_on_time_and_late_against_the_original(world, extended):
    tally = tally_by(Task.objects.all(), "lead_unit", dt.date(2022, 11, 1))[world.units["p1"].pk]
    assert tally[State.DONE_ON_TIME] == 1 and tally[State.DONE_LATE] == 0
    assert tally.late_vs_original == 1
    assert tally.extended == 1


def test_a_task_without_extension_is_not_counted_late_against_the_original(world, directive):
    task = make_task(world, directive)
    actions.report_completion(world.users["ward_officer"], task, note="Xong", on=dt.date(2022, 9, 29))
    actions.confirm_completion(world.users["office"], task, on=dt.date(2022, 9, 30))
    tally = tally_by(Task.objects.all(), "lead_unit", dt.date(2022, 11, 1))[world.units["p1"].pk]
    assert (tally.late_vs_original, tally.extended) == (0, 0)


def test_the_task_page_shows_both_deadlines(client, world, extended):
    login_verified(client, world.users["leader"])
    html = client.get(reverse("directives:task_detail", args=[extended.pk])).content.decode()
    assert "30/09/2022" in html and "14/10/2022" in html
    assert "Hạn sau gia hạn" in html and "Hoàn thành quá hạn" in html  # against the original


def test_the_check_screen_counts_late_against_the_original(client, world, extended):
    from cchc.directives.tests.conftest import xlsx_rows

    login_verified(client, world.users["secretariat"])
    rows = xlsx_rows(client.get(reverse("directives:check") + "?xuat=xlsx").content)
    header = rows[2]
    p1 = next(r for r in rows if r[0] == "UBND Phường 1")
    cell = dict(zip(header, p1, strict=True))
    assert cell["Hoàn thành đúng hạn"] == 1
    assert cell["Trễ so với hạn ban đầu"] == 1
    assert cell["Được gia hạn"] == 1
