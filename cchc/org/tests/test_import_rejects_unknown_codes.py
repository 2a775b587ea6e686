"""Unknown area, parent or unit codes are row errors; nothing is ever created on the fly."""

from cchc.org.models import Jurisdiction, Unit
from cchc.org.tests.conftest import org_snapshot, run_import


def test_unknown_area_and_parent_codes_are_row_errors(world, csv_bytes):
    before, areas = org_snapshot(), Jurisdiction.objects.count()
    text = (
        "mã đơn vị,tên đơn vị,loại,mã địa bàn,mã đơn vị cấp trên\n"
        "X1,Đơn vị X1,Khác,00000,UBND-VT\n"
        "X2,Đơn vị X2,Khác,747,KHONG-CO\n"
        "X3,Đơn vị X3,Loại lạ,747,\n"
    )
    report = run_import(world, csv_bytes(text))
    assert [(e.row, e.column, e.value) for e in report.errors] == [
        (2, "mã địa bàn", "00000"),
        (3, "mã đơn vị cấp trên", "KHONG-CO"),
        (4, "loại", "Loại lạ"),
    ]
    assert org_snapshot() == before
    assert Jurisdiction.objects.count() == areas
    assert not Unit.objects.filter(code__in=["KHONG-CO", "X1", "X2", "X3"]).exists()


def test_officials_of_an_unknown_unit_are_row_errors(world, csv_bytes):
    before = org_snapshot()
    text = "mã cán bộ,họ và tên,mã đơn vị\nCB-X,Nguyễn Văn X,PHONG-MA\nCB-Y,Nguyễn Văn Y,P1\n"
    report = run_import(world, csv_bytes(text))
    (error,) = report.errors
    assert (error.row, error.column, error.value) == (2, "mã đơn vị", "PHONG-MA")
    assert "Không có đơn vị" in error.reason
    assert org_snapshot() == before


def test_a_missing_required_column_is_reported_on_the_header_row(world, csv_bytes):
    report = run_import(world, csv_bytes("mã đơn vị,tên đơn vị,mã địa bàn\nX,Đơn vị X,747\n"))
    assert [(e.row, e.column) for e in report.errors] == [(1, "loại")]
    assert "Thiếu cột bắt buộc" in report.errors[0].reason
