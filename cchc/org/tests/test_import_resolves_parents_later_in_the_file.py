from cchc.org.models import Unit
from cchc.org.tests.conftest import org_snapshot, run_import


def test_child_rows_may_come_before_their_parent_row(world, csv_bytes):
    text = (
        "mã đơn vị,tên đơn vị,loại,mã địa bàn,mã đơn vị cấp trên\n"
        "YT-TYT,Trạm Y tế Phường 1,Khác,26506,YT\n"
        "YT,Phòng Y tế,Cơ quan chuyên môn,747,UBND-VT\n"
        "YT-TYT-DP,Tổ Dự phòng,Khác,26506,YT-TYT\n"
    )
    report = run_import(world, csv_bytes(text))
    assert report.ok, report.text()
    child = Unit.objects.get(code="YT-TYT-DP")
    assert child.parent.code == "YT-TYT"
    assert child.parent.parent.code == "YT"
    assert child.path.startswith(world.units["ubnd"].path)


def test_a_loop_of_parents_inside_the_file_is_reported_on_each_row_and_nothing_written(world, csv_bytes):
    before = org_snapshot()
    text = (
        "mã đơn vị,tên đơn vị,loại,mã địa bàn,mã đơn vị cấp trên\n"
        "A,Đơn vị A,Khác,747,B\n"
        "B,Đơn vị B,Khác,747,A\n"
        "C,Đơn vị C,Khác,747,UBND-VT\n"
    )
    report = run_import(world, csv_bytes(text))
    assert {(e.row, e.column) for e in report.errors} == {
        (2, "mã đơn vị cấp trên"),
        (3, "mã đơn vị cấp trên"),
    }
    assert all("Vòng lặp" in e.reason for e in report.errors)
    assert org_snapshot() == before
