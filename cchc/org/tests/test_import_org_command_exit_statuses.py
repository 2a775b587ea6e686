"""`cchc import-org FILE [--kind] [--dry-run] --jurisdiction CODE`: 0 imported, 1 rejected, 2 unreadable."""

import io

import pytest
from django.core.management import call_command

from cchc.org.models import Official, Unit
from cchc.org.tests.conftest import org_snapshot, xlsx_bytes

GOOD = "mã cán bộ,họ và tên,mã đơn vị\nCB-CLI-1,Trịnh Văn Lệnh,NV\n"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_org", *args, stdout=out, stderr=err)
        status = 0
    except SystemExit as exc:
        status = int(exc.code or 0)
    return status, out.getvalue(), err.getvalue()


def test_a_good_file_is_imported_and_exits_0(world, tmp_path):
    path = tmp_path / "can-bo.csv"
    path.write_text(GOOD, encoding="utf-8-sig")
    status, out, _ = run(str(path), "--jurisdiction", "747")
    assert status == 0
    assert "Đã thêm 1" in out
    assert Official.objects.get(code="CB-CLI-1").unit == world.units["nv"]


def test_dry_run_reports_but_writes_nothing(world, tmp_path):
    path = tmp_path / "can-bo.csv"
    path.write_text(GOOD, encoding="utf-8")
    before = org_snapshot()
    status, out, _ = run(str(path), "--jurisdiction", "747", "--dry-run", "--kind", "officials")
    assert status == 0
    assert "Chạy thử" in out
    assert org_snapshot() == before


def test_rejected_rows_exit_1_with_the_vietnamese_report_on_stderr(world, tmp_path):
    path = tmp_path / "don-vi.xlsx"
    path.write_bytes(
        xlsx_bytes(
            [
                ["mã đơn vị", "tên đơn vị", "loại", "mã địa bàn"],
                ["OK1", "Đơn vị tốt", "Khác", "747"],
                ["BAD", "Đơn vị xấu", "Khác", "000"],
            ]
        )
    )
    status, _, err = run(str(path), "--jurisdiction", "747")
    assert status == 1
    assert "Dòng 3, cột «mã địa bàn» «000»: Không có địa bàn" in err
    assert not Unit.objects.filter(code="OK1").exists()


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (b"\xff\xfe\x00garbage", [], "không ở mã UTF-8"),
        (b"PK\x03\x04 not really a zip", [], "Không đọc được tệp bảng tính"),
        (b"", [], "Tệp trống"),
        (b"a,b,c\n1,2,3\n", [], "Không nhận ra loại danh sách"),
        (GOOD.encode(), ["--kind", "staff"], "Loại danh sách «staff» không hợp lệ"),
        (GOOD.encode(), ["--jurisdiction", ""], "Thiếu --jurisdiction"),
        (GOOD.encode(), ["--jurisdiction", "12345"], "Không có địa bàn mã «12345»"),
    ],
)
def test_unreadable_input_or_bad_arguments_exit_2(world, tmp_path, content, args, message):
    path = tmp_path / "tep.csv"
    path.write_bytes(content)
    if "--jurisdiction" not in args:
        args = [*args, "--jurisdiction", "747"]
    status, _, err = run(str(path), *args)
    assert status == 2
    assert message in err


def test_a_missing_file_exits_2(world, tmp_path):
    status, _, err = run(str(tmp_path / "khong-co.csv"), "--jurisdiction", "747")
    assert status == 2
    assert "Không có tệp" in err
