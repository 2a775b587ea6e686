"""``cchc index-766 FILE --from --to --format json``: the documented output shape, run with no environment
at all (no SECRET_KEY, no database), and bad input → exit 2 with a Vietnamese message; faulty records →
listed on stderr, exit 1, the others counted."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cchc.lib.commands import index_766
from cchc.lib.tests.period_helpers import national, write
from cchc.lib.tests.test_index766_scores_each_indicator_by_hand import DOSSIERS, PETITIONS

CCHC = str(Path(sys.executable).parent / "cchc")
INDICATOR_KEYS = ["code", "title", "numerator", "denominator", "rate", "target", "max_points", "points"]


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = index_766.main(list(args), out, err)
    return status, out.getvalue(), err.getvalue()


def bare(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed command with an empty environment (only PATH)."""
    return subprocess.run(
        [CCHC, "index-766", *args], capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}, check=False
    )


def files(tmp_path: Path) -> tuple[str, str]:
    dossiers = write(tmp_path, DOSSIERS)
    petitions = tmp_path / "pakn.json"
    petitions.write_text(json.dumps(PETITIONS), encoding="utf-8")
    return str(dossiers), str(petitions)


def test_it_runs_with_no_environment_and_prints_the_documented_shape(tmp_path):
    dossiers, petitions = files(tmp_path)
    done = bare(
        dossiers, "--from", "2022-06-01", "--to", "2022-06-30", "--format", "json", "--feedback", petitions
    )
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert list(doc) == ["from", "to", "index_set", "units", "overall"]
    assert (doc["from"], doc["to"]) == ("2022-06-01", "2022-06-30")
    assert [u["unit"] for u in doc["units"]] == ["W1", "W2"]
    unit = doc["units"][0]
    assert list(unit) == ["unit", "indicators", "groups", "total", "max_total", "max_computed", "band"]
    assert all(list(i) == INDICATOR_KEYS for i in unit["indicators"])
    assert [g["group"] for g in unit["groups"]] == [1, 2, 3, 4, 5]
    assert (unit["total"], unit["max_total"], unit["band"]) == (29.75, 100.0, "Trung bình")


def test_the_in_process_run_gives_the_same_document(tmp_path):
    dossiers, petitions = files(tmp_path)
    args = (dossiers, "--from", "2022-06-01", "--to", "2022-06-30", "--feedback", petitions)
    status, out, _ = run(*args)
    assert status == 0
    assert json.loads(out) == json.loads(bare(*args).stdout)


def test_records_without_a_unit_make_one_null_unit(tmp_path):
    path = write(tmp_path, [national("a", "2022-06-01 08:00", unit=None, appointment="2022-06-03 17:00")])
    status, out, _ = run(str(path), "--from", "2022-06-01", "--to", "2022-06-30")
    assert status == 0
    assert [u["unit"] for u in json.loads(out)["units"]] == [None]


def test_faulty_records_are_listed_exit_1_and_the_others_still_counted(tmp_path):
    objs = [*DOSSIERS, national("bad", "2022-06-01 08:00", KenhThucHien=7)]
    status, out, err = run(str(write(tmp_path, objs)), "--from", "2022-06-01", "--to", "2022-06-30")
    assert status == 1
    assert err.splitlines() == [
        "Bản ghi 7 (MaHoSo bad): KenhThucHien = «7»: kênh thực hiện phải là 1 (trực tiếp), 2 (trực tuyến) "
        "hoặc 3 (bưu chính công ích)",
        "1 bản ghi lỗi không được tính; 6 hồ sơ đã tính.",
    ]
    assert json.loads(out)["units"][0]["indicators"][4]["denominator"] == 4  # 2.1 of W1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Thiếu tệp hồ sơ: cchc index-766"),
        (["{dossiers}"], "Thiếu kỳ báo cáo"),
        (
            ["{dossiers}", "--from", "2022-06-30", "--to", "2022-06-01"],
            "Ngày cuối kỳ 01/06/2022 trước ngày đầu kỳ",
        ),
        (
            ["{dossiers}", "--from", "30-06-2022", "--to", "2022-07-01"],
            "Ngày --from «30-06-2022» không hợp lệ",
        ),
        (
            ["/không/có/tệp.json", "--from", "2022-06-01", "--to", "2022-06-30"],
            "Không tìm thấy tệp /không/có/tệp.json",
        ),
        (["{broken}", "--from", "2022-06-01", "--to", "2022-06-30"], "Tệp JSON không hợp lệ (dòng 1, cột 3)"),
        (["{binary}", "--from", "2022-06-01", "--to", "2022-06-30"], "không phải văn bản UTF-8"),
        (
            ["{dossiers}", "--from", "2022-06-01", "--to", "2022-06-30", "--index-set", "{bad_set}"],
            "Tệp bộ chỉ số bad-set.json, dòng 2 (1): tổng điểm tối đa của các tiêu chí con (30) vượt "
            "điểm tối đa (20).",
        ),
        (
            ["{dossiers}", "--from", "2021-06-01", "--to", "2021-06-30"],
            "Không có bộ chỉ số qd766 áp dụng cho năm 2021",
        ),
        (["{dossiers}", "--from", "2022-06-01", "--to", "2022-06-30", "--format", "xlsx"], "--format «xlsx»"),
        (
            ["{dossiers}", "--from", "2022-06-01", "--to", "2022-06-30", "--feedback", "{broken}"],
            "Tệp phản ánh",
        ),
        (
            ["{dossiers}", "--from", "2022-06-01", "--to", "2022-06-30", "--colour"],
            "Tham số không hỗ trợ: --colour",
        ),
        (["{dossiers}", "--from"], "Thiếu giá trị cho tham số --from"),
        (
            ["{dossiers}", "--from", "2022-06-01", "--to", "2022-06-30", "--feedback-limit-days", "abc"],
            "Tham số --feedback-limit-days phải là một số nguyên (nhận «abc»).",
        ),
    ],
)
def test_bad_input_exits_2_with_a_vietnamese_message_and_prints_nothing(tmp_path, args, message):
    dossiers, _ = files(tmp_path)
    (tmp_path / "broken.json").write_text("[{", encoding="utf-8")
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe[{}]")
    (tmp_path / "bad-set.json").write_text(
        '{"format": 1, "family": "qd766", "year": 2022, "title": "X", "max_points": 100, "children": [\n'
        '  {"code": "1", "title": "Nhóm 1", "max_points": 20, "children": [\n'
        '    {"code": "1.1", "title": "A", "max_points": 30, "rule": "computed", "figure": "on_time"}]}]}\n',
        encoding="utf-8",
    )
    names = {
        "dossiers": dossiers,
        **{k: str(tmp_path / f"{k.replace('_', '-')}.json") for k in ("broken", "binary", "bad_set")},
    }
    args = [a.format(**names) for a in args]
    status, out, err = run(*args)
    assert (status, out) == (2, "")
    assert message in err
    assert "Traceback" not in err


def test_bad_input_through_the_installed_command_exits_2_too(tmp_path):
    dossiers, _ = files(tmp_path)
    done = bare(dossiers, "--from", "2022-06-30", "--to", "2022-06-01")
    assert done.returncode == 2
    assert done.stderr.startswith("Ngày cuối kỳ 01/06/2022 trước ngày đầu kỳ 30/06/2022")
    assert done.stdout == ""
