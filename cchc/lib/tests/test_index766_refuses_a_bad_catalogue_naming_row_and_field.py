"""``cchc index-766 --procedures FILE`` with a catalogue it cannot read: exit 2, nothing on stdout, and a
Vietnamese message naming every bad row (or record) and field with its value — never a partial index."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from cchc.lib.commands import index_766
from cchc.lib.tests.period_helpers import national, write


def _run(tmp_path: Path, text: str, name: str = "thu-tuc.csv") -> tuple[int, str, str]:
    dossiers = write(tmp_path, [national("a", "2022-06-06 08:00", appointment="2022-06-10 17:00")])
    catalogue = tmp_path / name
    catalogue.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    args = [str(dossiers), "--from", "2022-06-01", "--to", "2022-06-30", "--procedures", str(catalogue)]
    status = index_766.main(args, out, err)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (
            "MaTTHC,MucDoTrucTuyen\n1.004227,toàn trình\n2.000815,mức 5\n",
            "Dòng 3 (MaTTHC 2.000815), trường MucDoTrucTuyen «mức 5»",
        ),
        ("MaTTHC,PhiLePhi\n1.004227,tám nghìn\n", "Dòng 2 (MaTTHC 1.004227), trường PhiLePhi «tám nghìn»"),
        ("MaTTHC,CoPhiLePhi\n1.004227,có lẽ\n", "Dòng 2 (MaTTHC 1.004227), trường CoPhiLePhi «có lẽ»"),
        ("MaTTHC,MucDoTrucTuyen\n1.004227,4\n1.004227,3\n", "Dòng 3 (MaTTHC 1.004227), trường MaTTHC"),
        ("MaTTHC,MucDoTrucTuyen\n,4\n", "Dòng 2, trường MaTTHC «»: thiếu mã thủ tục"),
        (
            "MaTTHC,ThoiGianGiaiQuyet,DonViTinh\n1.004227,ba,ngày\n",
            "Dòng 2 (MaTTHC 1.004227), trường ThoiGianGiaiQuyet «ba»",
        ),
        (
            "MaTTHC,ThoiGianGiaiQuyet,DonViTinh\n1.004227,3,tuần\n",
            "Dòng 2 (MaTTHC 1.004227), trường DonViTinh «tuần»",
        ),
        ("TenTTHC,MucDoTrucTuyen\nKhai sinh,4\n", "thiếu cột bắt buộc: MaTTHC"),
    ],
)
def test_a_bad_row_is_named_with_its_field_and_nothing_is_printed(tmp_path, text, named):
    status, out, err = _run(tmp_path, text)
    assert status == 2
    assert out == ""
    assert named in err


def test_every_bad_row_is_listed_not_only_the_first(tmp_path):
    status, _, err = _run(tmp_path, "MaTTHC,MucDoTrucTuyen\nA,x\nB,4\nC,y\n")
    assert status == 2
    assert "Dòng 2 (MaTTHC A)" in err and "Dòng 4 (MaTTHC C)" in err and "Dòng 3" not in err


def test_a_json_record_is_named_by_its_number(tmp_path):
    status, out, err = _run(tmp_path, '[{"MaTTHC": "A", "MucDoTrucTuyen": 4}, "B"]', "thu-tuc.json")
    assert (status, out) == (2, "")
    assert "Bản ghi 2: không phải một đối tượng JSON" in err


def test_a_broken_json_catalogue_is_refused(tmp_path):
    status, out, err = _run(tmp_path, '[{"MaTTHC": "A",', "thu-tuc.json")
    assert (status, out) == (2, "")
    assert err.strip()
