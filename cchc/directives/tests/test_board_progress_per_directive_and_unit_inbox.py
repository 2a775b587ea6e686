"""Progress per directive (how far each document's tasks have got) and each unit's inbox (what it
leads, what it coordinates, and for an assigner what waits for its decision)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cchc.directives import actions
from cchc.directives.tests.conftest import URLS, make_task, xlsx_rows
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)


def test_progress_per_directive_counts_and_averages(client, world, history, on_10_october):
    login_verified(client, world.users["leader"])
    rows = xlsx_rows(client.get(reverse("directives:progress") + "?xuat=xlsx").content)
    header, row = rows[2], rows[3]
    cell = dict(zip(header, row, strict=True))
    assert cell["Văn bản"] == "7190/UBND-NV" and cell["Số nhiệm vụ"] == 7
    assert cell["Tỷ lệ hoàn thành (%)"] == round(100 * 3 / 7, 1)
    # 100 (x3 done) + 100 (awaiting) + 40 + 0 + 0 → 440 / 7
    assert cell["Tiến độ bình quân (%)"] == round(440 / 7, 1)


def test_the_ward_inbox_lists_what_it_leads_and_coordinates(client, world, history, on_10_october):
    coordinated = make_task(
        world,
        history["on_time"].directive,
        "vp",
        coordinating=[world.units["p1"]],
        text="Tổng hợp báo cáo CCHC quý",
    )
    login_verified(client, world.users["ward_officer"])
    html = client.get(reverse("directives:inbox")).content.decode()
    lead_part, coord_part = html.split('data-testid="inbox-coord"')
    assert history["overdue"].text in lead_part and history["awaiting"].text in lead_part
    assert history["on_time"].text not in html  # done: no longer in the inbox
    assert coordinated.text in coord_part
    assert history["within"].text not in html  # Phường 2's


def test_the_office_inbox_lists_completions_and_extensions_waiting_for_it(
    client, world, history, on_10_october
):
    ext_task = history["within"]
    actions.request_extension(
        world.users["other_ward_officer"], ext_task, proposed_due=dt.date(2023, 1, 31), reason="Chờ"
    )
    login_verified(client, world.users["office"])
    html = client.get(reverse("directives:inbox")).content.decode()
    confirm_part = html.split('data-testid="to-confirm"')[1].split("</table>")[0]
    decide_part = html.split('data-testid="to-decide"')[1].split("</table>")[0]
    assert history["awaiting"].text in confirm_part
    assert ext_task.text in decide_part
