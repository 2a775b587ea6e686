"""Figures per unit and period with known answers, on the screen and from ``cchc feedback-stats``."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from cchc.feedback import actions
from cchc.feedback.actions.citizen import rate, reopen
from cchc.feedback.stats import figures
from cchc.feedback.tests.conftest import local
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls("cchc.feedback.tests.urls")
ANSWER = "Phường đã kiểm tra và xử lý dứt điểm nội dung phản ánh."


@pytest.fixture
def year(world, file_petition):
    """Phường 1: 4 received in 2022 (one answered on time and satisfied, one answered late and reopened,
    one rejected on time, one still open and overdue at 31/12); Phòng Nội vụ: 1 answered on time,
    rated not satisfied; one Phường 1 petition from 2021 answered in January 2022, on time."""
    officer, head = world.users["ward_officer"], world.users["unit_head"]

    def answer(p, when):
        actions.approve_answer(head, actions.draft_answer(officer, p, text=ANSWER, at=when), at=when)

    phones = iter(f"09{n:08d}" for n in range(100))

    def new(**kw):
        return file_petition(
            citizen_phone=next(phones), text=f"Phản ánh số {next(phones)} về trật tự đô thị khu phố.", **kw
        )

    ok = new(at=local(2022, 3, 1))
    answer(ok, local(2022, 3, 10))
    rate(ok, satisfied=True, at=local(2022, 3, 11))
    late = new(at=local(2022, 5, 2))
    answer(late, local(2022, 6, 30))
    reopen(late, reason="Vẫn chưa xử lý xong việc lấn chiếm.", at=local(2022, 7, 1))
    rejected = new(at=local(2022, 8, 1))
    actions.reject(
        officer, rejected, reason="Nội dung đã được trả lời tại phản ánh trước.", at=local(2022, 8, 2)
    )
    new(at=local(2022, 12, 1))  # open, due 22/12: overdue at 31/12
    nv = file_petition(
        category="CB",
        ward=None,
        citizen_phone=next(phones),
        at=local(2022, 4, 4),
        text="Cán bộ Phòng Nội vụ hẹn nhiều lần chưa giải quyết hồ sơ.",
    )
    actions.approve_answer(
        world.users["leader"],
        actions.draft_answer(world.users["secretariat"], nv, text=ANSWER, at=local(2022, 4, 8)),
        at=local(2022, 4, 8),
    )
    rate(nv, satisfied=False, at=local(2022, 4, 9))
    old = new(at=local(2021, 12, 28))
    answer(old, local(2022, 1, 5))


def test_known_counts_per_unit_and_in_total(world, year):
    rows, total = figures(dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    by = {r.unit: r.as_dict() for r in rows}
    assert by["P1"] == {
        "unit": "P1",
        "name": "UBND Phường 1",
        "received": 4,
        "answered_on_time": 3,
        "answered_late": 1,
        "open_within_time": 0,
        "open_overdue": 1,
        "satisfied": 1,
        "not_satisfied": 1,
        "on_time_rate": 0.75,
        "satisfaction_rate": 0.5,
    }
    assert (by["NV"]["answered_on_time"], by["NV"]["not_satisfied"], by["NV"]["satisfaction_rate"]) == (
        1,
        1,
        0.0,
    )
    assert (total.received, total.answered_on_time, total.answered_late, total.open_overdue) == (5, 4, 1, 1)
    assert total.on_time_rate == 0.8


def test_an_item_open_at_the_end_of_a_period_counts_as_open_there(world, year):
    rows, _ = figures(dt.date(2022, 5, 1), dt.date(2022, 5, 31))
    p1 = next(r for r in rows if r.unit == "P1")
    assert (p1.received, p1.open_within_time, p1.open_overdue, p1.on_time_rate) == (1, 1, 0, None)


def test_the_command_prints_json_per_unit_and_total(world, year):
    out = io.StringIO()
    call_command(
        "feedback_stats", "--from", "2022-01-01", "--to", "2022-12-31", "--format", "json", stdout=out
    )
    doc = json.loads(out.getvalue())
    assert doc["from"] == "2022-01-01" and doc["to"] == "2022-12-31"
    assert set(doc["total"]) == {
        "unit",
        "name",
        "received",
        "answered_on_time",
        "answered_late",
        "open_within_time",
        "open_overdue",
        "on_time_rate",
        "satisfied",
        "not_satisfied",
        "satisfaction_rate",
    }
    assert [u["unit"] for u in doc["units"]] == ["NV", "P1"]
    out = io.StringIO()
    call_command("feedback_stats", "--from", "2022-01-01", "--to", "2022-12-31", "--unit", "NV", stdout=out)
    assert [u["unit"] for u in json.loads(out.getvalue())["units"]] == ["NV"]
    out = io.StringIO()
    call_command(
        "feedback_stats", "--from", "2022-01-01", "--to", "2022-12-31", "--format", "csv", stdout=out
    )
    assert out.getvalue().splitlines()[-1].startswith("TOTAL,Tổng cộng,5,4,1,0,1,")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2022-13-01", "--to", "2022-12-31"], "yyyy-mm-dd"),
        (["--from", "2022-12-31", "--to", "2022-01-01"], "--to phải sau"),
        (["--from", "2022-01-01", "--to", "2022-12-31", "--unit", "XYZ"], "Không có đơn vị"),
    ],
)
def test_bad_arguments_exit_2_with_a_vietnamese_message(world, args, message):
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("feedback_stats", *args, stdout=io.StringIO(), stderr=err)
    assert exit_info.value.code == 2
    assert message in err.getvalue()


def test_the_screen_shows_only_the_units_in_scope(client, world, year):
    login_verified(client, world.users["ward_officer"])
    html = client.get(
        reverse("feedback:figures"), {"date_from": "2022-01-01", "date_to": "2022-12-31"}
    ).content.decode()
    assert "UBND Phường 1" in html and "Phòng Nội vụ" not in html
    login_verified(client, world.users["leader"])
    html = client.get(
        reverse("feedback:figures"), {"date_from": "2022-01-01", "date_to": "2022-12-31"}
    ).content.decode()
    assert "UBND Phường 1" in html and "Phòng Nội vụ" in html and "80 %" in html


def test_the_screens_chart_and_workbook_carry_the_tables_figures(client, world, year):
    import io
    import json

    import lxml.html
    from python_calamine import CalamineWorkbook

    login_verified(client, world.users["leader"])
    params = {"date_from": "2022-01-01", "date_to": "2022-12-31"}
    rows, total = figures(dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    doc = lxml.html.fromstring(client.get(reverse("feedback:figures"), params).content.decode())
    data = json.loads(doc.xpath('//script[@id="chart-petitions-data"]')[0].text)
    by_name = {r.name: r for r in rows}
    for i, name in enumerate(data["labels"]):
        assert data["series"][0]["values"][i] == by_name[name].open_overdue
        assert data["series"][3]["values"][i] == by_name[name].answered_on_time
    response = client.get(reverse("feedback:figures"), {**params, "xuat": "xlsx"})
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
    cells = sheet.get_sheet_by_index(0).to_python()
    assert "01/01/2022" in cells[1][0]
    assert cells[2][:3] == ["Đơn vị", "Tiếp nhận", "Trả lời đúng hạn"]
    exported = {r[0]: r for r in cells[3:]}
    assert int(exported[total.name][1]) == total.received
    for r in rows:
        assert int(exported[r.name][1]) == r.received
