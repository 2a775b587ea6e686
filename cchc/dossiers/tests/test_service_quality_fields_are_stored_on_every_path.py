"""The national fields Decision 766 reads are stored on the dossier ledger by every write path — the row
import, the columnar import and the push API — unknown stays NULL, and a changed flag is an update."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import Dossier
from cchc.dossiers.tests.api_helpers import Api, token_for
from cchc.dossiers.tests.import_helpers import as_csv, as_json, make_catalogue, national

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2022, 4, 15)
FIELDS = ("digitised_inputs", "electronic_result", "online_payment", "vneid_verified")
CASES = [
    ({}, (None, None, None, None)),
    (
        {"HoSoCoThanhPhanSoHoa": 1, "DinhKemKetQua": "https://x/kq.pdf", "DuocThanhToanTrucTuyen": 2},
        (True, True, 2, None),
    ),
    (
        {"HoSoCoThanhPhanSoHoa": 0, "DinhKemKetQua": "", "TaiKhoanDuocXacThucVoiVNeID": 1},
        (False, False, None, True),
    ),
    (
        {"DinhKemKetQua": [], "DuocThanhToanTrucTuyen": 0, "TaiKhoanDuocXacThucVoiVNeID": 0},
        (None, False, 0, False),
    ),
]


def _stored() -> list[tuple]:
    return [
        tuple(row)
        for row in Dossier.objects.filter(code__startswith="S-").order_by("code").values_list(*FIELDS)
    ]


def _objects() -> list[dict]:
    return [national(f"S-{i}", **extra) for i, (extra, _) in enumerate(CASES)]


def test_the_row_import_stores_each_field_and_keeps_unknown_unknown(world):
    make_catalogue()
    result = import_bytes(as_json(_objects()), "hoso.json", actor=world.users["office"], as_of=AS_OF)
    assert result.ok, result.errors[:3]
    assert _stored() == [want for _, want in CASES]


def test_the_columnar_import_stores_what_the_row_import_stores(world, settings):
    make_catalogue()
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    objs = [
        national(f"S-{i}", **{k: "" if v == [] else str(v) for k, v in extra.items()})
        for i, (extra, _) in enumerate(CASES)
    ]
    result = import_bytes(as_csv(objs), "hoso.csv", actor=world.users["office"], as_of=AS_OF)
    assert result.ok and result.path == "columnar", result.errors[:3]
    # A table has every column for every row: an empty DinhKemKetQua cell says "no file".
    assert _stored() == [(d, bool(e), p, v) for _, (d, e, p, v) in CASES]


@pytest.mark.urls("cchc.dossiers.tests.api_urls")
def test_the_push_api_stores_the_fields_and_shows_them_back(world):
    make_catalogue()
    api = Api(token_for(world, "city"))
    r = api.sync(*_objects())
    assert r.status_code == 200, r.json()
    assert _stored() == [want for _, want in CASES]
    shown = api.lookup("S-1").json()
    assert (shown["HoSoCoThanhPhanSoHoa"], shown["CoKetQuaDienTu"], shown["DuocThanhToanTrucTuyen"]) == (
        1,
        True,
        2,
    )


@pytest.mark.urls("cchc.dossiers.tests.api_urls")
def test_a_changed_flag_is_an_update_and_a_bad_one_is_refused_naming_the_field(world):
    make_catalogue()
    api = Api(token_for(world, "city"))
    assert api.sync(national("S-9", HoSoCoThanhPhanSoHoa=0)).status_code == 200
    r = api.sync(national("S-9", HoSoCoThanhPhanSoHoa=1), updating=True)
    assert r.json()["updated"] == 1
    assert Dossier.objects.get(code="S-9").digitised_inputs is True
    bad = api.sync(national("S-9", HoSoCoThanhPhanSoHoa=3), updating=True)
    assert bad.status_code in (400, 422)
    assert "HoSoCoThanhPhanSoHoa" in bad.content.decode()
    assert Dossier.objects.get(code="S-9").digitised_inputs is True
