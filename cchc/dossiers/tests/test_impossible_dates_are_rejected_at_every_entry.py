"""Year 1, year 9999 and a deadline 30 years ahead are rejected rows with a Vietnamese reason — through
the push API, CSV, XLSX and JSON imports and the columnar path — and nothing is written."""

from __future__ import annotations

import pytest

from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import Dossier
from cchc.dossiers.tests.api_helpers import Api, token_for
from cchc.dossiers.tests.import_helpers import as_csv, as_json, as_xlsx, make_catalogue, national

pytestmark = [pytest.mark.django_db, pytest.mark.urls("cchc.dossiers.tests.api_urls")]

BAD = [
    ("NgayTiepNhan", "00010101000000"),
    ("NgayTiepNhan", "99991231000000"),
    ("NgayHenTra", "20520310170000"),
]


def test_the_push_api_rejects_instants_outside_the_window(world):
    make_catalogue()
    api = Api(token_for(world))
    for field, value in BAD:
        response = api.sync(national("HS-CU-1", **{field: value}))
        assert response.status_code == 422, response.content
        [error] = response.json()["errors"]
        assert error["field"] == field and "ngoài khoảng hợp lý" in error["reason"]
    assert not Dossier.objects.exists()


def test_a_step_deadline_out_of_the_window_is_rejected_by_the_api(world):
    make_catalogue()
    obj = national("HS-CU-2")
    obj["QuaTrinhXuLy"][0]["NgayKetThucTheoQuyDinh"] = "00010101000000"
    response = Api(token_for(world)).sync(obj)
    assert response.status_code == 422
    assert "ngoài khoảng hợp lý" in response.json()["errors"][0]["reason"]
    assert not Dossier.objects.exists()


@pytest.mark.parametrize(
    ("encode", "name"), [(as_csv, "hoso.csv"), (as_xlsx, "hoso.xlsx"), (as_json, "hoso.json")]
)
def test_every_import_format_names_the_row_and_writes_nothing(world, settings, encode, name):
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1  # CSV tries the columnar path first
    make_catalogue()
    objs = [national("HS-A"), national("HS-B", NgayTiepNhan="00010101000000"), national("HS-C")]
    out = import_bytes(encode(objs), name, actor=world.users["office"])
    assert not out.ok
    [error] = out.errors
    assert error.field == "NgayTiepNhan" and "ngoài khoảng hợp lý" in error.reason
    assert not Dossier.objects.exists()
