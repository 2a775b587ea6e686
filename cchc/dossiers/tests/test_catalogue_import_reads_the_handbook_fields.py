"""`cchc import-procedures` reads what the citizen's handbook shows: documents, forms, steps, where and
how to submit, the result, the legal documents and the online address; each bad cell is named and
nothing is written; the folded search column follows every write."""

from __future__ import annotations

import csv
import io

import pytest

from cchc.dossiers.actions_procedures import import_procedures
from cchc.dossiers.models import Procedure

pytestmark = pytest.mark.django_db

HEAD = [
    "MaTTHC",
    "TenTTHC",
    "TenLinhVuc",
    "ThanhPhanHoSo",
    "MauDonToKhai",
    "TrinhTuThucHien",
    "CachThucThucHien",
    "KetQuaThucHien",
    "CanCuPhapLy",
    "DiaChiTrucTuyen",
]


def table(*rows: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEAD)
    writer.writerows(rows)
    return out.getvalue().encode()


GOOD = [
    "1.009994",
    "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
    "Xây dựng",
    "Đơn đề nghị cấp giấy phép xây dựng | 1 bản chính\nBản vẽ thiết kế xây dựng | 2 bộ",
    "Mẫu số 01 Phụ lục II | https://dichvucong.gov.vn/mau-01.docx",
    "Nộp hồ sơ tại Bộ phận một cửa\nCơ quan cấp phép thẩm định\nNhận kết quả",
    "Trực tiếp hoặc qua bưu chính tại Bộ phận một cửa UBND thành phố; trực tuyến trên Cổng dịch vụ công",
    "Giấy phép xây dựng",
    "Luật Xây dựng 2014; Nghị định 15/2021/NĐ-CP, Điều 54",
    "https://dichvucong.baria-vungtau.gov.vn/",
]


def test_the_handbook_fields_are_stored_as_lists_and_text():
    result = import_procedures(table(GOOD), "tthc.csv", actor="test")
    assert result.ok, result.errors
    p = Procedure.objects.get(national_code="1.009994")
    assert p.documents == [
        {"name": "Đơn đề nghị cấp giấy phép xây dựng", "copies": "1 bản chính"},
        {"name": "Bản vẽ thiết kế xây dựng", "copies": "2 bộ"},
    ]
    assert p.forms == [{"name": "Mẫu số 01 Phụ lục II", "url": "https://dichvucong.gov.vn/mau-01.docx"}]
    assert p.steps == ["Nộp hồ sơ tại Bộ phận một cửa", "Cơ quan cấp phép thẩm định", "Nhận kết quả"]
    assert p.legal_documents == ["Luật Xây dựng 2014", "Nghị định 15/2021/NĐ-CP, Điều 54"]
    assert p.result_name == "Giấy phép xây dựng"
    assert p.online_url == "https://dichvucong.baria-vungtau.gov.vn/"
    assert p.search_text == "cap giay phep xay dung moi doi voi nha o rieng le 1 009994 xay dung"
    again = import_procedures(table(GOOD), "tthc.csv", actor="test")
    assert (again.unchanged, again.updated) == (1, 0)


def test_a_renamed_procedure_is_found_by_its_new_name():
    import_procedures(table(GOOD), "tthc.csv", actor="test")
    renamed = [GOOD[0], "Gia hạn giấy phép xây dựng", *GOOD[2:]]
    assert import_procedures(table(renamed), "tthc.csv", actor="test").updated == 1
    assert Procedure.objects.get().search_text.startswith("gia han giay phep xay dung")


@pytest.mark.parametrize(
    ("column", "value", "national"),
    [
        ("MauDonToKhai", "Mẫu 01 | javascript:alert(1)", "MauDonToKhai"),
        ("DiaChiTrucTuyen", "dichvucong.gov.vn", "DiaChiTrucTuyen"),
        ("ThanhPhanHoSo", " | 2 bản", "ThanhPhanHoSo"),
        ("KetQuaThucHien", "x" * 501, "KetQuaThucHien"),
    ],
)
def test_a_bad_handbook_cell_is_named_and_nothing_is_written(column, value, national):
    row = list(GOOD)
    row[HEAD.index(column)] = value
    result = import_procedures(table(row), "tthc.csv", actor="test")
    assert not result.ok
    assert [e.field for e in result.errors] == [national]
    assert not Procedure.objects.exists()
