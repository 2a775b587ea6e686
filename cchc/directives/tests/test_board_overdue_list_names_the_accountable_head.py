"""Công văn 7190/UBND-NV, mục 1: the head answers for delays. The overdue list names each task's accountable
head (``Unit.accountable_head``: the acting head when there is one) and counts working days overdue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cchc.directives.tests.conftest import URLS, xlsx_rows
from cchc.org.models import HeadKind, UnitHead
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)


def test_the_leader_sees_the_overdue_task_with_its_head_and_working_days(
    client, world, history, on_10_october
):
    login_verified(client, world.users["leader"])
    html = client.get(reverse("directives:overdue")).content.decode()
    assert history["overdue"].text in html
    assert "Hoàng Minh Đức" in html and "Chủ tịch UBND Phường 1" in html
    # Due Fri 30/9/2022; on Mon 10/10: 3, 4, 5, 6, 7, 10 October = 6 working days.
    rows = xlsx_rows(client.get(reverse("directives:overdue") + "?xuat=xlsx").content)
    assert rows[2][:3] == ["Đơn vị chủ trì", "Người đứng đầu chịu trách nhiệm", "Chức vụ"]
    row = rows[3]
    assert row[0] == "UBND Phường 1" and row[1] == "Hoàng Minh Đức"
    assert row[8:10] == [6, 10]
    assert len(rows) == 4  # only the one overdue task; done, awaiting and within-time tasks are not listed


def test_an_acting_head_is_named_instead_of_the_head(client, world, history, on_10_october):
    UnitHead.objects.create(
        unit=world.units["p1"],
        official=world.officials["ward_officer"],
        kind=HeadKind.ACTING,
        valid_from=dt.date(2022, 10, 1),
    )
    login_verified(client, world.users["office"])
    rows = xlsx_rows(client.get(reverse("directives:overdue") + "?xuat=xlsx").content)
    assert rows[3][1] == "Trần Thị Bình"


def test_a_unit_without_head_says_so(client, world, directive, on_10_october):
    from cchc.directives.tests.conftest import make_task

    make_task(world, directive, "p2", due=dt.date(2022, 9, 30))
    login_verified(client, world.users["office"])
    assert "Chưa có người đứng đầu" in client.get(reverse("directives:overdue")).content.decode()
