"""load_workdays and `cchc load-workdays`: upsert, all rows or none, per-row Vietnamese errors."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from cchc.calendar.actions import WorkdaysImportError, ensure_calendar, load_workdays
from cchc.calendar.models import Calendar, CalendarEntry
from cchc.calendar.queries import bundled_csv_path, missing_next_year
from cchc.calendar.tests.conftest import SYSTEM
from cchc.core.models import AuditEvent

OFFICIAL_2027 = """date,kind,name,source,legal_reference
2027-01-01,holiday,Tết Dương lịch,Thông báo 2027,Điểm a khoản 1 Điều 112 Bộ luật Lao động 2019
2027-09-01,holiday,Quốc khánh (ngày liền kề),Thông báo 2027,Văn bản 9999/VPCP-KGVX (giả định trong kiểm thử)
2027-09-02,holiday,Quốc khánh,Thông báo 2027,Điểm đ khoản 1 Điều 112 Bộ luật Lao động 2019
"""


def test_the_bundled_table_loads_once_and_a_second_load_changes_nothing(world):
    calendar = ensure_calendar(world.jurisdictions["province"], SYSTEM)
    first = load_workdays(calendar, bundled_csv_path(), SYSTEM)
    assert (first.created, first.updated, first.unchanged) == (90, 0, 0)
    events = AuditEvent.objects.filter(verb="calendar.workdays_loaded").count()
    second = load_workdays(calendar, bundled_csv_path(), SYSTEM)
    assert (second.created, second.updated, second.unchanged, second.removed) == (0, 0, 90, 0)
    assert AuditEvent.objects.filter(verb="calendar.workdays_loaded").count() == events
    make_up = CalendarEntry.objects.get(calendar=calendar, date=dt.date(2024, 5, 4))
    assert make_up.kind == "make-up-working-day"
    assert "2450/VPCP-KGVX" in make_up.legal_reference
    assert CalendarEntry.objects.filter(calendar=calendar, is_provisional=True).count() == 14


def test_a_file_with_bad_rows_changes_nothing_and_names_every_row(world, national):
    before = list(CalendarEntry.objects.order_by("pk").values())
    text = (
        "date,kind,name,legal_reference\n"
        "2026-01-01,holiday,Tết Dương lịch đổi tên,Điều 112\n"
        "2026-13-01,holiday,Sai tháng,Điều 112\n"
        "2026-05-02,nghỉ,Sai loại,Điều 112\n"
        "2026-05-04,holiday,Không có căn cứ,\n"
    )
    with pytest.raises(WorkdaysImportError) as err:
        load_workdays(national, io.StringIO(text), SYSTEM)
    messages = err.value.errors
    assert any(m.startswith("Dòng 3:") and "2026-13-01" in m for m in messages)
    assert any(m.startswith("Dòng 4") and "nghỉ" in m for m in messages)
    assert list(CalendarEntry.objects.order_by("pk").values()) == before


def test_rows_without_a_legal_reference_are_refused(world, national):
    research_format = "date,kind,name,source\n2026-05-04,holiday,Nghỉ thử,H1\n"
    with pytest.raises(WorkdaysImportError) as err:
        load_workdays(national, io.StringIO(research_format), SYSTEM)
    assert err.value.errors == ["Dòng 2 (2026-05-04): thiếu căn cứ pháp lý (cột legal_reference)"]


def test_the_official_schedule_of_a_year_replaces_that_years_estimates(world, national):
    report = load_workdays(national, io.StringIO(OFFICIAL_2027), SYSTEM)
    days_2027 = dict(
        CalendarEntry.objects.filter(calendar=national, date__year=2027).values_list("date", "name")
    )
    assert sorted(days_2027) == [dt.date(2027, 1, 1), dt.date(2027, 9, 1), dt.date(2027, 9, 2)]
    assert report.removed == 12  # the 14 estimates minus the two dates the official file confirms
    assert not CalendarEntry.objects.filter(date__year=2027, is_provisional=True).exists()
    assert CalendarEntry.objects.filter(calendar=national, date__year=2026).count() == 16  # untouched
    assert missing_next_year(national, dt.date(2026, 11, 1)) is None


def test_the_command_loads_every_root_calendar_and_is_idempotent(world, capsys):
    call_command("load_workdays")
    out = capsys.readouterr().out
    assert "Tỉnh Bà Rịa - Vũng Tàu: 90 ngày thêm mới" in out
    assert list(Calendar.objects.values_list("jurisdiction__code", flat=True)) == ["77"]
    call_command("load_workdays")
    assert "0 ngày thêm mới, 0 ngày cập nhật, 90 ngày giữ nguyên" in capsys.readouterr().out


def test_the_command_loads_a_file_into_one_area(world, tmp_path, capsys):
    path = tmp_path / "lich-2027.csv"
    path.write_text(OFFICIAL_2027, encoding="utf-8")
    call_command("load_workdays", str(path), "--jurisdiction", "26506")
    assert Calendar.objects.get().jurisdiction.code == "26506"
    assert CalendarEntry.objects.count() == 3


def test_the_command_reports_bad_files_in_vietnamese_with_exit_status_2(world, tmp_path, capsys):
    path = tmp_path / "hong.csv"
    path.write_text("date,kind\n2027-02-30,holiday\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        call_command("load_workdays", str(path))
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "chưa được nạp" in err and "Dòng 2" in err
    assert not CalendarEntry.objects.exists()
    with pytest.raises(SystemExit) as exit_info:
        call_command("load_workdays", str(tmp_path / "khong-co.csv"))
    assert exit_info.value.code == 2
    assert "không tìm thấy tệp" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        call_command("load_workdays", "--jurisdiction", "khong-co")
    assert "không có địa bàn mã 'khong-co'" in capsys.readouterr().err
