"""``columnar_parse.parse_csv`` reads the plain national shape and refuses, rather than guesses, every
other spelling (the row path then reads the file). No database needed."""

from __future__ import annotations

import json

import pytest

from cchc.dossiers.columnar_parse import NotColumnar, parse_csv
from cchc.dossiers.tests.import_helpers import as_csv, national


def step(**kw):
    base = {"PhongBanXuLy": "P1", "NguoiXuLy": "Vũ Thị Mai", "NgayBatDau": "20220307080000"}
    return {**base, **kw}


def test_plain_file_parses_to_typed_columns_with_row_numbers():
    objs = [national("A-1"), national("A-2", DonViTiepNhan="", KenhThucHien="", TrangThaiHoSo=4)]
    objs[1]["NgayKetThucXuLy"] = objs[1]["NgayTra"] = ""
    parsed = parse_csv(as_csv(objs))
    d = parsed.dossiers
    assert d["row"].to_list() == [2, 3]
    assert d["receiving_unit_code"].to_list() == ["P1-MC", "P1"]  # empty → the handling unit
    assert d["channel"].to_list() == [1, 1]  # empty → in person
    assert d["end_at"][1] is None
    assert parsed.steps["seq"].to_list() == [1, 2, 1, 2]
    assert parsed.steps["owner"].to_list() == [0, 0, 1, 1]


@pytest.mark.parametrize(
    ("flag", "external"),
    [(True, True), (False, False), ("có", True), ("Có", True), ("1", True), ("không", False), (None, False)],
)
def test_inter_agency_flag_reads_like_the_row_parser(flag, external):
    parsed = parse_csv(as_csv([national("A-1", QuaTrinhXuLy=[step(LienThongNgoai=flag)])]))
    assert parsed.steps["external"].to_list() == [external]


@pytest.mark.parametrize(
    "steps",
    [
        [step(NguoiXuLy=5)],  # a number where text is expected
        [step(NgayBatDau=20220307080000)],
        [step(LienThongNgoai=1)],
        [step(**{"Phòng ban xử lý": "P1"})],  # a Vietnamese key: the row path folds it
        [step(Khac="x")],  # a key nobody knows
        [step(NoiDungXuLy={"a": 1})],
        [step(NgayBatDau="2022-03-07T08:00:00")],
        [step(NgayBatDau="202203070800")],
        ["not an object"],
    ],
)
def test_anything_else_in_a_list_is_refused(steps):
    with pytest.raises(NotColumnar):
        parse_csv(as_csv([national("A-1", QuaTrinhXuLy=steps)]))


@pytest.mark.parametrize(
    "change",
    [
        {"NgayTiepNhan": "20220230080000"},  # no such day
        {"NgayTiepNhan": "20220307086000"},  # second 60
        {"NgayTiepNhan": "07/03/2022 08:00"},
        {"NgayTiepNhan": "19700101080000"},  # before the fixed +7 offset
        {"TrangThaiHoSo": "11"},
        {"TrangThaiHoSo": " 4"},
        {"KenhThucHien": "4"},
        {"MaHoSo": ""},
        {"NgayHenTra": "20220301080000"},  # before the day received
        {"DanhSachHoSoBoSung": json.dumps({"NgayBoSung": "20220308080000"})},  # an object, not a list
    ],
)
def test_values_the_row_parser_would_reject_or_read_differently_are_refused(change):
    with pytest.raises(NotColumnar):
        parse_csv(as_csv([national("A-1", **change)]))
