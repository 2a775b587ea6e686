"""An index-set file with a missing maximum, parts that could score more than their criterion, or any
other fault is refused with a Vietnamese message naming the file, the line and the criterion."""

from __future__ import annotations

import json
import re

import pytest

from cchc.lib import index766
from cchc.lib.scoring import IndexSetError, load_file, load_text

GOOD = """{
  "format": 1,
  "family": "city",
  "year": 2025,
  "title": "Chỉ số CCHC của thành phố",
  "max_points": 100,
  "children": [
    {
      "code": "1",
      "title": "Công tác chỉ đạo, điều hành",
      "max_points": 10,
      "children": [
        {"code": "1.1", "title": "Kế hoạch CCHC", "max_points": 4, "rule": "self_assessed"},
        {"code": "1.2", "title": "Báo cáo đúng hạn", "max_points": 6, "rule": "computed"}
      ]
    }
  ]
}
"""


def test_a_good_file_loads_with_its_tree():
    s = load_text(GOOD, "city-2025.json")
    assert [(c.code, c.max_points, c.line) for c in s.children] == [("1", 10, 8)]
    assert [(c.code, c.rule, c.line) for c in s.leaves()] == [
        ("1.1", "self_assessed", 13),
        ("1.2", "computed", 14),
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            '"max_points": 4, ',
            "",
            "Tệp bộ chỉ số city-2025.json, dòng 13 (1 › 1.1): thiếu điểm tối đa (max_points).",
        ),
        (
            '"max_points": 6,',
            '"max_points": 7,',
            "Tệp bộ chỉ số city-2025.json, dòng 8 (1): tổng điểm tối đa của các tiêu chí con (11) vượt "
            "điểm tối đa (10).",
        ),
        (
            '"max_points": 10,',
            '"max_points": 120,',
            "Tệp bộ chỉ số city-2025.json, dòng 1: tổng điểm tối đa của các tiêu chí con (120) vượt "
            "điểm tối đa (100).",
        ),
        (
            '"rule": "self_assessed"',
            '"rule": "guess"',
            'Tệp bộ chỉ số city-2025.json, dòng 13 (1 › 1.1): cách chấm "rule" phải là một trong:',
        ),
        ('"code": "1.2"', '"code": "1.1"', "dòng 14 (1 › 1.1): mã tiêu chí trùng với dòng 13."),
        ('"max_points": 4', '"max_points": "bốn"', "dòng 13 (1 › 1.1): max_points phải là một số."),
        (
            '"max_points": 4',
            '"max_points": -1',
            "dòng 13 (1 › 1.1): max_points = -1 nằm ngoài khoảng cho phép.",
        ),
        ('"title": "Kế hoạch CCHC", ', "", 'dòng 13 (1 › 1.1): thiếu "title" (chuỗi ký tự).'),
        (
            '"rule": "computed"',
            '"rule": "computed", "weight": 2',
            "dòng 14 (1 › 1.2): khóa không hỗ trợ: weight.",
        ),
        ('"format": 1', '"format": 2', 'dòng 1: "format" phải là 1.'),
        ('"year": 2025', '"year": "2025"', 'dòng 1: "year" phải là một năm'),
        (
            '"children": [\n        {"code": "1.1"',
            '"rule": "appraised", "children": [\n        {"code": "1.1"',
            "dòng 8 (1): chỉ",
        ),
    ],
)
def test_a_faulty_file_is_refused_naming_the_line(old, new, message):
    assert old in GOOD
    with pytest.raises(IndexSetError) as refused:
        load_text(GOOD.replace(old, new, 1), "city-2025.json")
    assert message in str(refused.value)


def test_a_set_without_criteria_is_refused():
    with pytest.raises(IndexSetError, match="dòng 1: bộ chỉ số phải có ít nhất một tiêu chí"):
        load_text(
            json.dumps({"format": 1, "family": "x", "year": 2025, "title": "X", "max_points": 100}), "x.json"
        )


def test_broken_json_names_its_line_and_column():
    # The parser notices the missing brace where the next object starts.
    with pytest.raises(IndexSetError, match=r"city-2025.json, dòng 14, cột \d+: JSON không hợp lệ"):
        load_text(GOOD.replace('"rule": "self_assessed"}', '"rule": "self_assessed"'), "city-2025.json")


def test_deep_json_is_refused_without_a_traceback():
    with pytest.raises(IndexSetError, match="lồng nhau quá sâu"):
        load_text("[" * 100_000 + "]" * 100_000, "x.json")


def test_a_computed_criterion_must_name_a_figure_the_engine_knows():
    text = GOOD.replace('"rule": "computed"', '"rule": "computed", "figure": "tasks_on_time"')
    load_text(text, "city-2025.json")  # the generic loader does not know the engines
    with pytest.raises(IndexSetError, match=re.escape('dòng 14 (1 › 1.2): số liệu "tasks_on_time" không có')):
        load_text(text, "city-2025.json", figures=index766.FIGURES)


def test_a_file_that_is_not_there_or_not_text_is_refused(tmp_path):
    with pytest.raises(IndexSetError, match="Không tìm thấy tệp bộ chỉ số"):
        load_file(tmp_path / "none.json")
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe\x00{")
    with pytest.raises(IndexSetError, match="không phải văn bản UTF-8"):
        load_file(bad)
    nul = tmp_path / "nul.json"
    nul.write_text(json.dumps({"format": 1}) + "\x00", encoding="utf-8")
    with pytest.raises(IndexSetError, match="JSON không hợp lệ"):
        load_file(nul)
