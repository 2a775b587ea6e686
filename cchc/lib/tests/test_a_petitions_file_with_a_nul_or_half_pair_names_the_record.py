"""The petitions file of ``cchc index-766 --feedback`` whose second record holds a NUL — escaped in JSON
(``\\u0000``) or a raw byte in a CSV — or a lone surrogate (``\\ud800``) lists that record by its number and
field (exit 1, the others still counted), as the dossiers file does, instead of carrying the character
into the output; a CSV the csv module cannot read is named without the module's English words."""

from __future__ import annotations

import io
import json

import pytest

from cchc.lib.commands import index_766
from cchc.lib.tests.period_helpers import write
from cchc.lib.tests.test_index766_scores_each_indicator_by_hand import DOSSIERS, PETITIONS

PERIOD = ["--from", "2022-06-01", "--to", "2022-06-30"]


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = index_766.main(list(args), out, err)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("escape", "says"),
    [("\\u0000", "Có ký tự NUL (mã 0)"), ("\\ud800", "Có ký tự không hợp lệ (nửa cặp thay thế UTF-16")],
)
def test_a_json_petition_is_listed_by_its_number_and_field(tmp_path, escape, says):
    petitions = json.loads(json.dumps(PETITIONS))
    petitions[1]["DonViXuLy"] = "W@@1"
    path = tmp_path / "pakn.json"
    path.write_text(json.dumps(petitions).replace("@@", escape), encoding="utf-8")
    status, out, err = run(str(write(tmp_path, DOSSIERS)), *PERIOD, "--feedback", str(path))
    assert status == 1, err
    assert f"Bản ghi 2: DonViXuLy: {says}" in err
    assert "\x00" not in out and "Traceback" not in err


def test_a_csv_petition_with_a_nul_byte_is_listed_by_its_line(tmp_path):
    path = tmp_path / "pakn.csv"
    path.write_text("MaPAKN,DonViXuLy,NgayTiepNhan\nP1,W1,20220601080000\nP2,W\x001,20220602080000\n")
    status, _, err = run(str(write(tmp_path, DOSSIERS)), *PERIOD, "--feedback", str(path))
    assert status == 1, err
    assert "Dòng 3: DonViXuLy: Có ký tự NUL (mã 0)" in err


def test_an_unreadable_csv_is_named_in_vietnamese(tmp_path):
    path = tmp_path / "pakn.csv"
    path.write_text('MaPAKN,DonViXuLy,NgayTiepNhan\nP1,"' + "W" * 200_000 + '",20220601080000\n')
    status, _, err = run(str(write(tmp_path, DOSSIERS)), *PERIOD, "--feedback", str(path))
    assert status == 2
    assert "không đọc được ở dòng" in err and "dấu ngoặc kép không đóng" in err
    assert "field larger" not in err and "Error" not in err
