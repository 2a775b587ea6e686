"""Công văn 7190/UBND-NV, mục 4: Internal Affairs checks how units execute superior orders — per unit: tasks
received, done on time, done late, overdue now (and late against the original deadline); a period filter
selects the tasks given in it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cchc.directives.tests.conftest import URLS, xlsx_rows
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)


def check_rows(client, query: str = "") -> dict[str, dict[str, object]]:
    rows = xlsx_rows(client.get(reverse("directives:check") + "?xuat=xlsx" + query).content)
    header = rows[2]
    return {r[0]: dict(zip(header, r, strict=True)) for r in rows[3:]}


def test_each_unit_has_received_on_time_late_and_overdue_counts(client, world, history, on_10_october):
    login_verified(client, world.users["secretariat"])
    p1 = check_rows(client)["UBND Phường 1"]
    assert p1["Nhiệm vụ được giao"] == 4
    assert (p1["Hoàn thành đúng hạn"], p1["Hoàn thành quá hạn"], p1["Quá hạn hiện nay"]) == (1, 1, 1)
    assert p1["Chờ xác nhận"] == 1
    assert p1["Tỷ lệ đúng hạn (%)"] == 50.0
    page = client.get(reverse("directives:check")).content.decode()
    assert "Kiểm tra việc thực hiện mệnh lệnh hành chính cấp trên" in page


def test_the_period_filter_counts_the_tasks_given_in_it(client, world, history, on_10_october):
    from cchc.deadlines.models import Deadline

    Deadline.objects.filter(pk=history["on_time"].deadline_id).update(start_date="2022-07-01")
    login_verified(client, world.users["secretariat"])
    rows = check_rows(client, "&tu=2022-08-01&den=2022-08-31")
    assert rows["UBND Phường 1"]["Nhiệm vụ được giao"] == 3
