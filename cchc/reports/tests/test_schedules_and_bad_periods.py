"""Report periods and due dates come from the settings (calendar quarters by default, or a monthly
cut-off day), and an impossible period is refused with a Vietnamese message and status 400."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.reports import periods
from cchc.reports.models import PeriodicReport
from cchc.testing.personas import login_verified


def test_default_periods_are_calendar_ones_with_documented_due_dates():
    assert periods.slot("quarter", 2022, 1) == periods.Slot(
        "quarter", 2022, 1, dt.date(2022, 1, 1), dt.date(2022, 3, 31), dt.date(2022, 4, 5)
    )
    half = periods.slot("half", 2022, 2)
    assert (half.start, half.end, half.due) == (
        dt.date(2022, 7, 1),
        dt.date(2022, 12, 31),
        dt.date(2023, 1, 5),
    )
    year = periods.slot("year", 2022, 1)
    assert (year.start, year.end, year.due) == (
        dt.date(2022, 1, 1),
        dt.date(2022, 12, 31),
        dt.date(2023, 1, 10),
    )


def test_a_cut_off_day_moves_every_period(settings):
    settings.CCHC_REPORT_CUTOFF_DAY = 14
    settings.CCHC_REPORT_DUE_DAYS_QUARTER = 3
    q1 = periods.slot("quarter", 2022, 1)
    assert (q1.start, q1.end, q1.due) == (dt.date(2021, 12, 15), dt.date(2022, 3, 14), dt.date(2022, 3, 17))
    assert periods.containing("quarter", dt.date(2022, 3, 20)).part == 2


def test_the_last_finished_quarter():
    assert periods.last_finished("quarter", dt.date(2022, 8, 15)).part == 2


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("kind=quarter&year=2022&part=5", "quá lớn"),
        ("kind=half&year=2022&part=3", "Kỳ 3 không có"),
        ("kind=month&year=2022&part=1", "«Loại báo cáo» không có trong danh sách"),
        ("kind=quarter&year=20x2&part=1", "«Năm» phải là một số"),
        ("kind=quarter&year=1800&part=1", "«Năm» quá nhỏ"),
        ("kind=quarter%00&year=2022&part=1", "chứa ký tự không hợp lệ"),
    ],
)
def test_an_impossible_period_is_refused(world, client, query, message):
    login_verified(client, world.users["office"])
    r = client.get(f"/bao-cao/dinh-ky/ky/?{query}")
    assert r.status_code == 400 and message in r.content.decode()
    body = dict(pair.split("=") for pair in query.replace("%00", "\x00").split("&"))
    r = client.post("/bao-cao/dinh-ky/lap/", body)
    assert r.status_code == 400 and message in r.content.decode()
    assert not PeriodicReport.objects.exists()


def test_a_section_with_a_nul_character_is_refused(world, client):
    from cchc.reports import actions

    report = actions.draft(world.users["ward_officer"], world.units["p1"], periods.slot("quarter", 2022, 2))
    login_verified(client, world.users["ward_officer"])
    r = client.post(f"/bao-cao/dinh-ky/{report.pk}/", {"action": "save", "chi_dao": "a\x00b"})
    assert r.status_code == 400 and "chứa ký tự không hợp lệ" in r.content.decode()
    report.refresh_from_db()
    assert report.sections["chi_dao"] == ""
