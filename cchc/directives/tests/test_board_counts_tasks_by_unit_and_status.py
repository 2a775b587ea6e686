"""The Office's board: every task of the jurisdiction counted by lead unit and status
(docs/rules/directive-tasks.md), with the count against the original deadline; each number opens the matching
list."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cchc.directives.tests.conftest import URLS, xlsx_rows
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)

STATES = ["Quá hạn", "Trong hạn", "Không thời hạn", "Chờ xác nhận", "Xong đúng hạn", "Xong quá hạn"]


def board_rows(client) -> dict[str, dict[str, object]]:
    rows = xlsx_rows(client.get(reverse("directives:board") + "?xuat=xlsx").content)
    header = rows[2]
    return {r[0]: dict(zip(header, r, strict=True)) for r in rows[3:]}


def test_the_board_counts_each_units_tasks_by_status(client, world, history, on_10_october):
    login_verified(client, world.users["office"])
    rows = board_rows(client)
    p1, p2, nv = rows["UBND Phường 1"], rows["UBND Phường 2"], rows["Phòng Nội vụ"]
    assert p1["Chưa hoàn thành – quá hạn"] == 1 and p1["Chờ xác nhận hoàn thành"] == 1
    assert p1["Hoàn thành đúng hạn"] == 1 and p1["Hoàn thành quá hạn"] == 1 and p1["Tổng số"] == 4
    assert p2["Hoàn thành đúng hạn"] == 1 and p2["Chưa hoàn thành – trong hạn"] == 1
    assert p2["Trễ so với hạn ban đầu"] == 1 and p2["Được gia hạn"] == 1
    assert nv["Chưa hoàn thành – không có thời hạn"] == 1
    assert rows["Tổng cộng"]["Tổng số"] == 7


def test_a_number_on_the_board_opens_the_matching_list(client, world, history, on_10_october):
    login_verified(client, world.users["office"])
    html = client.get(reverse("directives:board")).content.decode()
    link = f"?don_vi={world.units['p1'].pk}&amp;trang_thai=open_overdue"
    assert link in html
    listing = client.get(reverse("directives:task_list") + link.replace("&amp;", "&")).content.decode()
    assert history["overdue"].text in listing and history["late"].text not in listing


def test_a_ward_head_sees_a_board_of_its_own_ward_only(client, world, history, on_10_october):
    login_verified(client, world.users["unit_head"])
    rows = board_rows(client)
    assert set(rows) == {"UBND Phường 1", "Tổng cộng"}
