"""Property: for any set of dossiers and any period, every unit's numerators and denominators of the
dossier indicators add up to the city's (the ledger computation groups by handling unit and counts
each dossier once). 3.1 and 3.2 count procedures of the catalogue, not dossiers — a procedure handled
by several units counts for each — so they are left out."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import Dossier, Procedure
from cchc.dossiers.tests.import_helpers import as_json, make_catalogue, national
from cchc.lib.dossier_period import Period
from cchc.scorecards import ledger766
from cchc.scorecards.tests.ledger_helpers import AS_OF

pytestmark = pytest.mark.django_db

DAY0 = dt.date(2022, 6, 1)
_batches = itertools.count()
PROCEDURE_INDICATORS = ("3.1", "3.2")


def _dossier(
    i: str, unit: str, received: int, length: int, late_by: int | None, channel: int, flag: int | None
):
    received_day = DAY0 + dt.timedelta(days=received)
    appointment = received_day + dt.timedelta(days=length)
    extra: dict = {"DonViXuLy": unit, "DonViTiepNhan": unit, "KenhThucHien": channel, "QuaTrinhXuLy": []}
    if flag is not None:
        extra["HoSoCoThanhPhanSoHoa"] = flag
        extra["DuocThanhToanTrucTuyen"] = flag  # 3.6: the catalogue's 1.004227 carries a fee
    obj = national(
        i,
        NgayTiepNhan=f"{received_day:%Y%m%d}080000",
        NgayHenTra=f"{appointment:%Y%m%d}170000",
        **extra,
    )
    if late_by is None:
        obj.update(TrangThaiHoSo=4, NgayKetThucXuLy="", NgayTra="")
    else:
        end = max(received_day, appointment + dt.timedelta(days=late_by))
        obj.update(NgayKetThucXuLy=f"{end:%Y%m%d}090000", NgayTra=f"{end:%Y%m%d}100000")
    return obj


dossiers = st.lists(
    st.tuples(
        st.sampled_from(["P1", "P2"]),
        st.integers(0, 80),
        st.integers(1, 20),
        st.one_of(st.none(), st.integers(-5, 5)),
        st.sampled_from([1, 2, 3]),
        st.one_of(st.none(), st.sampled_from([0, 1])),
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=dossiers, start=st.integers(0, 60), days=st.integers(0, 45))
def test_unit_numerators_and_denominators_sum_to_the_city(world, rows, start, days):
    if not Procedure.objects.exists():
        make_catalogue()
        Procedure.objects.filter(national_code="1.004227").update(
            fees=[{"TenPhiLePhi": "Lệ phí", "Gia": 8000}]
        )
    batch = next(_batches)
    objs = [_dossier(f"H{batch}-{i:03d}", *row) for i, row in enumerate(rows)]
    result = import_bytes(as_json(objs), "hoso.json", actor=world.users["office"], as_of=AS_OF)
    assert result.ok, result.errors[:3]
    qs = Dossier.objects.filter(code__startswith=f"H{batch}-")
    first = DAY0 + dt.timedelta(days=start)
    doc = ledger766.document(qs, Period(first, first + dt.timedelta(days=days)), None)
    overall = {i["code"]: i for i in doc["overall"]["indicators"]}
    for code, city in overall.items():
        if code in PROCEDURE_INDICATORS:
            continue
        numerators = [
            u_i["numerator"] for u in doc["units"] for u_i in u["indicators"] if u_i["code"] == code
        ]
        denominators = [
            u_i["denominator"] for u in doc["units"] for u_i in u["indicators"] if u_i["code"] == code
        ]
        assert sum(n or 0 for n in numerators) == (city["numerator"] or 0), code
        assert sum(d or 0 for d in denominators) == (city["denominator"] or 0), code
