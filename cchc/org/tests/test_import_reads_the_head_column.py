"""The officials file's "người đứng đầu" column: có = head, quyền = acting head, không = no longer."""

from cchc.org.actions import today
from cchc.org.models import HeadKind, UnitHead
from cchc.org.tests.conftest import run_import


def test_head_column_appoints_heads_and_acting_heads_from_the_import_day(world, csv_bytes):
    text = (
        "mã cán bộ,họ và tên,chức vụ,mã đơn vị,người đứng đầu (có/không/quyền)\n"
        "CB-NV-TP,Phan Thị Thu,Trưởng phòng,NV,có\n"
        "CB-NV-PP,Lâm Văn Sơn,Phó Trưởng phòng,NV,Quyền\n"
        "CB-NV,Lê Thị Hoa,Chuyên viên Phòng Nội vụ,NV,\n"
    )
    report = run_import(world, csv_bytes(text))
    assert report.ok, report.text()
    nv = world.units["nv"]
    head = UnitHead.objects.get(unit=nv, kind=HeadKind.HEAD)
    assert (head.official.code, head.valid_from, head.valid_to) == ("CB-NV-TP", today(), None)
    # The acting head answers while appointed (Công văn 7190/UBND-NV, mục 1; Unit.accountable_head).
    assert nv.accountable_head().code == "CB-NV-PP"


def test_khong_ends_a_current_headship_and_keeps_the_row(world, csv_bytes):
    p1 = world.units["p1"]
    text = "mã cán bộ,họ và tên,chức vụ,mã đơn vị,người đứng đầu\nCB-P1-CT,Hoàng Minh Đức,Chủ tịch,P1,không\n"
    report = run_import(world, csv_bytes(text))
    assert report.ok, report.text()
    row = UnitHead.objects.get(unit=p1, official=world.officials["unit_head"])
    assert row.valid_to == today()
    assert run_import(world, csv_bytes(text)).heads == []  # idempotent


def test_two_heads_for_one_unit_in_one_file_is_a_row_error(world, csv_bytes):
    text = "mã cán bộ,họ và tên,mã đơn vị,người đứng đầu\nA1,Người A,NV,có\nA2,Người B,NV,có\n"
    report = run_import(world, csv_bytes(text))
    ((row, column),) = {(e.row, e.column) for e in report.errors}
    assert (row, column) == (3, "người đứng đầu")
