"""Exit status of ``cchc dossier-outcomes``: 0 all judged, 1 faulty records (listed on stderr, the
rest still judged), 2 unreadable input or bad arguments — always with a Vietnamese message."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cchc.dossiers.tests.test_dossier_outcomes_cli_judges_the_fixture_file import FIXTURE, run


def cli(*args, env=None):
    return subprocess.run(
        [str(Path(sys.executable).parent / "cchc"), "dossier-outcomes", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "CCHC_TESTING": "1", **(env or {})},
        check=False,
    )


def test_the_real_command_exits_0_and_prints_json_on_stdout():
    done = cli(str(FIXTURE), "--as-of", "2022-06-30", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["summary"]["late"] == 4


def test_faulty_records_are_listed_on_stderr_with_exit_1_and_the_others_are_still_judged(tmp_path):
    records = json.loads(FIXTURE.read_text(encoding="utf-8"))["data"][:2]
    records.append({**records[0], "MaHoSo": "BAD-1", "NgayHenTra": "31/02/2022"})
    records.append({**records[0], "MaHoSo": "BAD-2", "TrangThaiHoSo": "12"})
    path = tmp_path / "export.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    done = cli(str(path), "--as-of", "2022-06-30")
    assert done.returncode == 1
    assert [d["MaHoSo"] for d in json.loads(done.stdout)["dossiers"]] == [r["MaHoSo"] for r in records[:2]]
    lines = done.stderr.strip().splitlines()
    assert lines[0] == (
        "Bản ghi 3 (MaHoSo BAD-1): NgayHenTra = «31/02/2022»: "
        "không phải thời điểm hợp lệ (dùng yyyyMMddHHmmss hoặc ISO 8601)"
    )
    assert lines[1].startswith(
        "Bản ghi 4 (MaHoSo BAD-2): TrangThaiHoSo = «12»: trạng thái phải là số nguyên từ 1 đến 10"
    )
    assert lines[-1] == "2 bản ghi lỗi không được đánh giá; 2 hồ sơ đã đánh giá."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Thiếu tệp cần kiểm tra"),
        (["/không/có/tệp.json"], "Không tìm thấy tệp /không/có/tệp.json"),
        (["{bad}"], "Tệp JSON không hợp lệ (dòng 1, cột 3)"),
        (["{fixture}", "--as-of", "30-06-2022"], "Ngày --as-of «30-06-2022» không hợp lệ; dùng yyyy-mm-dd."),
        (["{fixture}", "--format", "xml"], "Định dạng --format «xml» không hỗ trợ; dùng json hoặc csv."),
        (["{fixture}", "--supplement-shift", "days"], "--supplement-shift «days» không hợp lệ"),
        (["{fixture}", "--procedures", "/không/có/thu-tuc.csv"], "Không tìm thấy tệp /không/có/thu-tuc.csv"),
    ],
)
def test_unreadable_input_and_bad_arguments_exit_2_with_a_vietnamese_message(tmp_path, args, message):
    bad = tmp_path / "bad.json"
    bad.write_text("[{", encoding="utf-8")
    args = [a.replace("{fixture}", str(FIXTURE)).replace("{bad}", str(bad)) for a in args]
    with pytest.raises(SystemExit) as exit_info:
        run(*args)
    assert exit_info.value.code == 2
    done = cli(*args)
    assert done.returncode == 2
    assert message in done.stderr
    assert done.stdout == ""
