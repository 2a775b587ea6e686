"""The importer only touches units of its own jurisdiction (the secretariat's, or --jurisdiction)."""

from cchc.org.models import Unit
from cchc.org.tests.conftest import org_snapshot, run_import


def test_a_ward_scoped_import_cannot_create_or_change_units_of_another_ward(world, csv_bytes):
    before = org_snapshot()
    text = (
        "mã đơn vị,tên đơn vị,loại,mã địa bàn,mã đơn vị cấp trên\n"
        "P1-TDP1,Tổ dân phố 1,Khác,26506,P1\n"
        "P2-TDP1,Tổ dân phố 1 Phường 2,Khác,26508,P2\n"
        "P2,UBND Phường 2 (đổi tên),UBND phường xã,26506,\n"
    )
    report = run_import(world, csv_bytes(text), actor="thử nghiệm", jurisdiction=world.jurisdictions["p1"])
    assert {(e.row, e.column) for e in report.errors} == {
        (3, "mã địa bàn"),  # Phường 2's area
        (4, "mã đơn vị"),  # an existing Phường 2 unit
    }
    assert org_snapshot() == before
    assert Unit.objects.get(code="P2").name == "UBND Phường 2"


def test_a_parent_outside_the_importers_jurisdiction_is_a_row_error(world, csv_bytes):
    text = "mã đơn vị,tên đơn vị,loại,mã địa bàn,mã đơn vị cấp trên\nP1-TDP1,Tổ dân phố 1,Khác,26506,P2\n"
    report = run_import(world, csv_bytes(text), actor="thử nghiệm", jurisdiction=world.jurisdictions["p1"])
    assert [(e.row, e.column, e.value) for e in report.errors] == [(2, "mã đơn vị cấp trên", "P2")]
    assert "ngoài phạm vi" in report.errors[0].reason


def test_officials_cannot_be_imported_into_or_out_of_another_ward(world, csv_bytes):
    before = org_snapshot()
    text = (
        "mã cán bộ,họ và tên,mã đơn vị\n"
        "CB-P2-CV,Đỗ Văn Cường,P1\n"  # moving Phường 2's officer into Phường 1
        "CB-MOI,Người Mới,P2\n"
    )
    report = run_import(world, csv_bytes(text), actor="thử nghiệm", jurisdiction=world.jurisdictions["p1"])
    assert {(e.row, e.column) for e in report.errors} == {(2, "mã cán bộ"), (3, "mã đơn vị")}
    assert org_snapshot() == before
