"""All or nothing per file: one bad row, even the last one, and not a single row is written."""

from cchc.core.models import AuditEvent
from cchc.org.tests.conftest import org_snapshot, run_import, xlsx_bytes

GOOD = [
    ["mã đơn vị", "tên đơn vị", "loại", "mã địa bàn", "mã đơn vị cấp trên"],
    ["TCKH", "Phòng Tài chính – Kế hoạch", "Cơ quan chuyên môn", "747", "UBND-VT"],
    ["VHTT", "Phòng Văn hoá và Thông tin", "Cơ quan chuyên môn", "747", "UBND-VT"],
    ["P1-VP", "Văn phòng Phường 1", "Khác", "26506", "P1"],
]


def test_last_row_with_an_unknown_area_rejects_the_whole_file_naming_row_and_column(world):
    before, events = org_snapshot(), AuditEvent.objects.count()
    rows = [*GOOD, ["LDTBXH", "Phòng Lao động – TB&XH", "Cơ quan chuyên môn", "99999", "UBND-VT"]]
    report = run_import(world, xlsx_bytes(rows), "don-vi.xlsx")
    assert not report.ok
    assert [(e.row, e.column, e.value) for e in report.errors] == [(5, "mã địa bàn", "99999")]
    assert "Không có địa bàn" in report.errors[0].reason
    assert "không ghi dòng nào" in report.summary()
    assert org_snapshot() == before
    assert AuditEvent.objects.count() == events


def test_a_row_that_fails_only_when_written_still_rolls_back_the_earlier_rows(world, csv_bytes):
    """The parent check (Phường 2 unit under Phường 1) is the action's: the rows before it were
    already written inside the transaction, and must be undone."""
    before, events = org_snapshot(), AuditEvent.objects.count()
    text = "\n".join(",".join(r) for r in GOOD) + "\nP2-VP,Văn phòng Phường 2,Khác,26508,P1\n"
    report = run_import(world, csv_bytes(text))
    assert not report.ok
    (error,) = report.errors
    assert (error.row, error.column) == (5, "mã đơn vị cấp trên")
    assert "không bao gồm địa bàn «Phường 2»" in error.reason
    assert report.created == []
    assert org_snapshot() == before
    assert AuditEvent.objects.count() == events


def test_every_bad_row_is_reported_not_only_the_first(world, csv_bytes):
    text = (
        "mã cán bộ,họ và tên,mã đơn vị,email,người đứng đầu\n"
        "CB-1,Nguyễn Văn Một,P1,sai-email,có\n"
        "CB-2,,P1,,\n"
        "CB-1,Nguyễn Văn Hai,P1,,\n"
        "CB-3,Nguyễn Văn Ba,P1,,hình như\n"
    )
    report = run_import(world, csv_bytes(text))
    found = {(e.row, e.column) for e in report.errors}
    assert found == {(2, "email"), (3, "họ và tên"), (4, "mã cán bộ"), (5, "người đứng đầu")}
    assert all(e.reason for e in report.errors)
