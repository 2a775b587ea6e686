"""Decision 766 indicators 3.1 (procedures offered online), 3.2 (online services that received dossiers)
and 3.6 (dossiers paid online) from ``cchc index-766 --procedures CATALOGUE``, worked out by hand on a
June 2022 file; without a catalogue, or without the catalogue's column an indicator needs, they say
null ("no data"), never 0; a unit with no online procedure has no data for 3.2."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from cchc.lib.commands import index_766
from cchc.lib.tests.period_helpers import national, write

CATALOGUE = """MaTTHC,MucDoTrucTuyen,PhiLePhi,MaDonViGiaiQuyet
A,toàn trình,Lệ phí: 8000,W1
B,một phần,,W1;W2
C,không,Phí thẩm định: 50000,W1
D,không,miễn phí,W3
"""


def _d(code: str, unit: str, proc: str, channel: int, received: str = "2022-06-06 08:00", **kw):
    return national(
        code, received, unit=unit, channel=channel, appointment="2022-07-29 17:00", MaTTHC=proc, **kw
    )


DOSSIERS = [
    # W1: A online and paid online; A in person, not paid online; C in person, payment not said (left
    # out of 3.6); B in person; A online carried over from May, paid online (not received in June).
    _d("a1", "W1", "A", 2, DuocThanhToanTrucTuyen=1),
    _d("a2", "W1", "A", 1, DuocThanhToanTrucTuyen=0),
    _d("a3", "W1", "C", 1),
    _d("a4", "W1", "B", 1, DuocThanhToanTrucTuyen=0),
    _d("a5", "W1", "A", 2, received="2022-05-30 08:00", DuocThanhToanTrucTuyen=1),
    # W2: B online, paid on the province's gateway (2) — but B carries no fee.
    _d("b1", "W2", "B", 2, DuocThanhToanTrucTuyen=2),
    # W3: its only procedure is not online.
    _d("c1", "W3", "D", 1, DuocThanhToanTrucTuyen=0),
]


def _run(tmp_path: Path, catalogue: str | None, name: str = "thu-tuc.csv") -> dict:
    args = [str(write(tmp_path, DOSSIERS)), "--from", "2022-06-01", "--to", "2022-06-30"]
    if catalogue is not None:
        path = tmp_path / name
        path.write_text(catalogue, encoding="utf-8")
        args += ["--procedures", str(path)]
    out, err = io.StringIO(), io.StringIO()
    assert index_766.main(args, out, err) == 0, err.getvalue()
    return json.loads(out.getvalue())


def _figures(doc: dict, unit: str | None) -> dict[str, tuple]:
    row = doc["overall"] if unit is None else next(u for u in doc["units"] if u["unit"] == unit)
    return {i["code"]: (i["numerator"], i["denominator"], i["rate"], i["points"]) for i in row["indicators"]}


@pytest.mark.parametrize(
    ("unit", "code", "expected"),
    [
        # W1 handles A, B, C; A and B are online: 2/3; 2 × (2/3) ÷ 0.8 = 1.67.
        ("W1", "3.1", (2, 3, 0.6667, 1.67)),
        # Of A and B only A received a dossier online in June (a5 was received in May): 1/2; 4 × 0.5.
        ("W1", "3.2", (1, 2, 0.5, 2.0)),
        # Fee-bearing A and C received in June saying whether paid online: a1 (yes), a2 (no); a3 does
        # not say; a4's B carries no fee; a5 was received in May. 1/2; 10 × 0.5 ÷ 1.
        ("W1", "3.6", (1, 2, 0.5, 5.0)),
        ("W2", "3.1", (1, 1, 1.0, 2.0)),
        ("W2", "3.2", (1, 1, 1.0, 4.0)),  # b1
        ("W2", "3.6", (None, None, None, None)),  # no fee-bearing procedure: no data
        ("W3", "3.1", (0, 1, 0.0, 0.0)),  # a measured 0 %
        ("W3", "3.2", (None, None, None, None)),  # no online procedure: no data, never 0
        ("W3", "3.6", (None, None, None, None)),
        # The whole catalogue: A, B online of four → 2/4, 2 × 0.5 ÷ 0.8 = 1.25; both used (a1, b1);
        # paid online 1 of 2 (a1 of a1, a2).
        (None, "3.1", (2, 4, 0.5, 1.25)),
        (None, "3.2", (2, 2, 1.0, 4.0)),
        (None, "3.6", (1, 2, 0.5, 5.0)),
    ],
)
def test_each_catalogue_indicator_by_hand(tmp_path, unit, code, expected):
    assert _figures(_run(tmp_path, CATALOGUE), unit)[code] == expected


def test_the_same_catalogue_as_json_gives_the_same_figures(tmp_path):
    records = [
        {"MaTTHC": "A", "MucDoTrucTuyen": 4, "PhiLePhi": [{"Gia": 8000}], "MaDonViGiaiQuyet": ["W1"]},
        {"MaTTHC": "B", "MucDoTrucTuyen": "partial", "CoPhiLePhi": 0, "MaDonViGiaiQuyet": "W1;W2"},
        {"MaTTHC": "C", "MucDoTrucTuyen": "không", "CoPhiLePhi": 1, "MaDonViGiaiQuyet": "W1"},
        {"MaTTHC": "D", "MucDoTrucTuyen": "none", "PhiLePhi": [{"Gia": 0}], "MaDonViGiaiQuyet": "W3"},
    ]  # fmt: skip
    from_json = _run(tmp_path, json.dumps({"data": records}, ensure_ascii=False), "thu-tuc.json")
    assert from_json["units"] == _run(tmp_path, CATALOGUE)["units"]


def test_without_a_catalogue_the_three_say_no_data(tmp_path):
    doc = _run(tmp_path, None)
    for unit in ("W1", "W2", "W3", None):
        figures = _figures(doc, unit)
        for code in ("3.1", "3.2", "3.6"):
            assert figures[code] == (None, None, None, None), (unit, code)


def test_a_catalogue_of_time_limits_only_gives_no_catalogue_figure(tmp_path):
    doc = _run(tmp_path, "MaTTHC,ThoiGianGiaiQuyet,DonViTinh\nA,3,ngày làm việc\n")
    for code in ("3.1", "3.2", "3.6"):
        assert _figures(doc, "W1")[code] == (None, None, None, None), code


def test_a_procedure_no_longer_in_force_is_left_out(tmp_path):
    doc = _run(
        tmp_path,
        CATALOGUE.replace("MaDonViGiaiQuyet\n", "MaDonViGiaiQuyet,DangApDung\n", 1).replace("W3\n", "W3,0\n"),
    )
    assert _figures(doc, None)["3.1"][:2] == (2, 3)
    assert _figures(doc, "W3")["3.1"] == (None, None, None, None)
