"""`cchc workdays`: the issue's examples, the database calendar when there is one, bad input → exit 2."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from cchc.calendar.actions import ensure_calendar
from cchc.calendar.tests.conftest import SYSTEM, entry


def run(capsys, *args: str) -> str:
    call_command("workdays", *args)
    return capsys.readouterr().out.strip()


@pytest.mark.django_db
def test_add_days_on_an_empty_database_uses_the_bundled_table(capsys):
    assert run(capsys, "add", "--from", "2023-01-19", "--days", "3") == "2023-01-31"


@pytest.mark.django_db
def test_add_hours_prints_the_instant(capsys):
    assert run(capsys, "add", "--from", "2024-05-03 10:00", "--hours", "8") == "2024-05-04 10:00"


@pytest.mark.django_db
def test_between_counts_working_days_after_from_up_to_to(capsys):
    assert run(capsys, "between", "--from", "2026-02-13", "--to", "2026-02-24") == "2"


@pytest.mark.django_db
def test_calendar_days_months_and_vietnamese_dates_are_accepted(capsys):
    assert run(capsys, "add", "--from", "19/04/2024", "--calendar-days", "10") == "2024-05-02"
    assert run(capsys, "add", "--from", "2024-01-31", "--months", "1") == "2024-02-29"
    assert run(capsys, "add", "--from", "2026-03-02 17:30", "--days", "1") == "2026-03-04"


@pytest.mark.django_db
def test_list_prints_every_special_day_of_the_year_with_kind_and_legal_reference(capsys):
    lines = run(capsys, "list", "--year", "2026").splitlines()
    assert len(lines) == 16
    assert lines[0].split("\t") == [
        "2026-01-01",
        "Thứ Năm",
        "Ngày nghỉ lễ, Tết",
        "Tết Dương lịch",
        "Điểm a khoản 1 Điều 112 Bộ luật Lao động 2019",
    ]
    make_up = next(line for line in lines if line.startswith("2026-01-10"))
    assert "Ngày làm bù" in make_up and "12729/VPCP-KGVX" in make_up
    assert all(len(line.split("\t")) == 5 and line.split("\t")[4] for line in lines)


def test_the_database_calendar_is_used_when_one_exists(world, national, capsys):
    city = ensure_calendar(world.jurisdictions["city"], SYSTEM)
    entry(city, "2026-02-23", name="Nghỉ thêm sau Tết")
    assert run(capsys, "between", "--from", "2026-02-13", "--to", "2026-02-24") == "2"
    assert (
        run(capsys, "between", "--from", "2026-02-13", "--to", "2026-02-24", "--jurisdiction", "26506") == "1"
    )
    listed = run(capsys, "list", "--year", "2026", "--jurisdiction", "747")
    assert "2026-02-23\tThứ Hai\tNgày nghỉ bù, nghỉ hoán đổi\tNghỉ thêm sau Tết" in listed


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "--from", "2023-02-30", "--days", "3"], "ngày '2023-02-30' không hợp lệ"),
        (["add", "--from", "hôm qua", "--days", "3"], "không hợp lệ"),
        (["add", "--from", "2023-01-19"], "cần một trong các tham số"),
        (["add", "--days", "3"], "thiếu tham số bắt buộc: --from"),
        (["add", "--from", "2023-01-19", "--days", "-3"], "số ngày phải không âm"),
        (["add", "--from", "2023-01-19", "--days", "ba"], "không phải số nguyên"),
        (["add", "--from", "2023-01-19 10:00", "--hours", "-1"], "số giờ phải là số không âm"),
        (["add", "--from", "2023-01-19", "--days", "1", "--hours", "2"], "không dùng cùng"),
        (["between", "--from", "2026-02-13"], "thiếu tham số bắt buộc: --to"),
        (["list", "--year", "năm nay"], "năm 'năm nay' không hợp lệ"),
        (["list", "--year", "99999"], "năm phải trong khoảng"),
        (["nhan"], "lựa chọn 'nhan' không hợp lệ"),
        ([], "thiếu tham số bắt buộc"),
        (["list", "--year", "2026", "--jurisdiction", "khong-co"], "không có địa bàn mã 'khong-co'"),
    ],
)
def test_bad_input_gets_a_vietnamese_message_and_exit_status_2(capsys, args, message):
    with pytest.raises(SystemExit) as exit_info:
        call_command("workdays", *args)
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("Lỗi: ")
    assert message in captured.err
    assert captured.out == ""


def test_the_installed_cchc_command_answers_and_fails_like_the_issue_says(tmp_path):
    cchc = Path(sys.executable).with_name("cchc")
    env = {**os.environ, "CCHC_TESTING": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'trong.sqlite3'}"}
    ok = subprocess.run(
        [str(cchc), "workdays", "add", "--from", "2023-01-19", "--days", "3"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert (ok.returncode, ok.stdout.strip()) == (0, "2023-01-31"), ok.stderr
    bad = subprocess.run(
        [str(cchc), "workdays", "between", "--from", "30/02/2026", "--to", "2026-02-24"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert bad.returncode == 2
    assert "Lỗi: tham số --from: ngày '30/02/2026' không hợp lệ" in bad.stderr
    assert bad.stdout == ""


def test_dates_are_printed_in_iso_form_for_scripts(capsys, db):
    out = run(capsys, "add", "--from", "2026-12-31", "--days", "1")
    assert dt.date.fromisoformat(out) == dt.date(2027, 1, 4)
