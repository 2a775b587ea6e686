"""``cchc report-tthc FILE --from --to --format json|xlsx [--out PATH]``: the documented keys and identity,
run with no environment at all; bad input → exit 2 with a Vietnamese message."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import python_calamine

from cchc.lib.commands import report_tthc
from cchc.lib.tests.period_helpers import national, write
from cchc.lib.tests.test_tthc_report_counts_each_column_by_hand import FILE

CCHC = str(Path(sys.executable).parent / "cchc")
KEYS = [
    "in_period",
    "received",
    "received_online",
    "received_direct",
    "received_postal",
    "carried_over",
    "finished",
    "finished_early",
    "finished_on_time",
    "finished_late",
    "open",
    "open_within_time",
    "open_overdue",
    "on_time_rate",
]


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = report_tthc.main(list(args), out, err)
    return status, out.getvalue(), err.getvalue()


def bare(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CCHC, "report-tthc", *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_json_with_no_environment_has_the_documented_keys(tmp_path):
    done = bare(str(write(tmp_path, FILE)), "--from", "2022-06-01", "--to", "2022-06-30", "--format", "json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert list(doc) == ["from", "to", "by", "total", "units"]
    assert list(doc["total"]) == KEYS
    assert all(list(u) == ["unit", "name", *KEYS] for u in doc["units"])
    total = doc["total"]
    assert total["carried_over"] + total["received"] == total["finished"] + total["open"] == 14


def test_xlsx_is_written_to_the_out_path(tmp_path):
    out = tmp_path / "bao-cao.xlsx"
    done = bare(
        str(write(tmp_path, FILE)),
        "--from",
        "2022-06-01",
        "--to",
        "2022-06-30",
        "--format",
        "xlsx",
        "--out",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    book = python_calamine.CalamineWorkbook.from_path(str(out))
    assert book.get_sheet_by_name(book.sheet_names[0]).to_python()[7][0] == "(1)"


def test_json_can_go_to_a_file_too(tmp_path):
    out = tmp_path / "bao-cao.json"
    status, printed, _ = run(
        str(write(tmp_path, FILE)), "--from", "2022-06-01", "--to", "2022-06-30", "--out", str(out)
    )
    assert (status, printed) == (0, "")
    assert json.loads(out.read_text(encoding="utf-8"))["total"]["in_period"] == 14


def test_faulty_records_are_listed_exit_1_and_the_others_still_counted(tmp_path):
    objs = [*FILE, national("bad", "2022-06-01 08:00", NgayHenTra="31/02/2022")]
    status, out, err = run(str(write(tmp_path, objs)), "--from", "2022-06-01", "--to", "2022-06-30")
    assert status == 1
    assert err.splitlines()[0].startswith("Bản ghi 19 (MaHoSo bad): NgayHenTra = «31/02/2022»")
    assert json.loads(out)["total"]["in_period"] == 14


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Thiếu tệp hồ sơ: cchc report-tthc"),
        (
            ["{file}", "--from", "2022-06-30", "--to", "2022-06-01"],
            "Ngày cuối kỳ 01/06/2022 trước ngày đầu kỳ 30/06/2022",
        ),
        (["{file}", "--from", "2022-06-01"], "Thiếu kỳ báo cáo"),
        (["{file}", "--from", "2022-06-01", "--to", "2022-02-30"], "Ngày --to «2022-02-30» không hợp lệ"),
        (
            ["/không/có.json", "--from", "2022-06-01", "--to", "2022-06-30"],
            "Không tìm thấy tệp /không/có.json",
        ),
        (["{empty}", "--from", "2022-06-01", "--to", "2022-06-30"], "trống"),
        (["{nul}", "--from", "2022-06-01", "--to", "2022-06-30"], "Tệp JSON không hợp lệ"),
        (
            ["{file}", "--from", "2022-06-01", "--to", "2022-06-30", "--format", "pdf"],
            "--format «pdf» không hỗ trợ",
        ),
        (
            ["{file}", "--from", "2022-06-01", "--to", "2022-06-30", "--by", "ward"],
            "--by «ward» không hỗ trợ",
        ),
        (
            ["{file}", "--from", "2022-06-01", "--to", "2022-06-30", "--out", "/không/có/thư-mục/x.json"],
            "Không ghi được tệp",
        ),
    ],
)
def test_bad_input_exits_2_with_a_vietnamese_message(tmp_path, args, message):
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    (tmp_path / "nul.json").write_bytes(b'[{"MaHoSo": "A\x00"')
    names = {
        "file": str(write(tmp_path, FILE)),
        "empty": str(tmp_path / "empty.csv"),
        "nul": str(tmp_path / "nul.json"),
    }
    status, out, err = run(*[a.format(**names) for a in args])
    assert (status, out) == (2, "")
    assert message in err
    assert "Traceback" not in err


def test_an_unreadable_file_through_the_installed_command_exits_2(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n")
    done = bare(str(bad), "--from", "2022-06-01", "--to", "2022-06-30")
    assert done.returncode == 2
    assert "không phải văn bản UTF-8" in done.stderr
    assert "Traceback" not in done.stderr
