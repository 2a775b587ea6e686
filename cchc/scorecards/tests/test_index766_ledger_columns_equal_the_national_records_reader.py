"""The Decision 766 pages read the ledger straight into the engine's columns (``ledger766.ledger_rows``).
They give what the command's reader (``natsync.parse_records``) makes of the same dossiers written as
national-sync records — column for column, facts for facts, and the same rows left out — on the varied
ledger plus the awkward cases: an instant with microseconds, an appointment or an end before receipt, a
finished dossier without its end, a supplement answered before it was asked, a supplement still open."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest

from cchc.dossiers.models import Dossier, Supplement
from cchc.dossiers.records import LOCAL_TZ
from cchc.lib.natsync import parse_records
from cchc.lib.outcomes_batch import DossierBatch
from cchc.scorecards import ledger766
from cchc.scorecards.tests.ledger_helpers import load

pytestmark = pytest.mark.django_db

COLUMNS = (
    "codes", "status", "received", "appointment", "ended", "limit_value", "limit_unit",
    "sup_owner", "sup_requested", "sup_completed",
)  # fmt: skip


def _ts(value: dt.datetime | None) -> str:
    return "" if value is None else value.astimezone(LOCAL_TZ).strftime("%Y%m%d%H%M%S")


def _national(d: Dossier) -> dict[str, Any]:
    """The dossier as the national sync record the command reads (steps left out: they name whom to
    blame, not whether a dossier was on time)."""
    record: dict[str, Any] = {
        "MaHoSo": d.code,
        "MaTTHC": d.procedure.national_code,
        "DonViXuLy": d.handling_unit.code,
        "TrangThaiHoSo": d.status,
        "KenhThucHien": d.channel,
        "NgayTiepNhan": _ts(d.received_at),
        "NgayHenTra": _ts(d.appointment_at),
        "NgayKetThucXuLy": _ts(d.end_at),
        "DanhSachHoSoBoSung": [
            {"NgayBoSung": _ts(s.requested_at), "NgayTiepNhanBoSung": _ts(s.completed_at)}
            for s in Supplement.objects.filter(dossier=d).order_by("seq")
        ],
    }
    for key, value in (
        ("HoSoCoThanhPhanSoHoa", d.digitised_inputs),
        ("DuocThanhToanTrucTuyen", d.online_payment),
        ("TaiKhoanDuocXacThucVoiVNeID", d.vneid_verified),
    ):
        if value is not None:
            record[key] = int(value)
    if d.electronic_result is not None:
        record["DinhKemKetQua"] = ["kết quả điện tử"] if d.electronic_result else []
    return record


def _received(code: str) -> dt.datetime:
    at = Dossier.objects.get(code=code).received_at
    assert at is not None
    return at


def _awkward() -> None:
    at = dt.datetime(2022, 6, 6, 8, 0, 0, 123456, tzinfo=LOCAL_TZ)
    Dossier.objects.filter(code="K-01").update(received_at=at)
    Dossier.objects.filter(code="K-02").update(appointment_at=_received("K-02") - dt.timedelta(days=2))
    Dossier.objects.filter(code="K-09").update(end_at=_received("K-09") - dt.timedelta(hours=1))
    Dossier.objects.filter(code="K-10").update(end_at=None)
    k3 = Supplement.objects.filter(dossier__code="K-03").first()
    assert k3 is not None
    Supplement.objects.filter(pk=k3.pk).update(completed_at=k3.requested_at - dt.timedelta(hours=1))
    k5 = Dossier.objects.get(code="K-05")
    Supplement.objects.create(dossier=k5, seq=1, requested_at=_received("K-05") + dt.timedelta(days=1))


def _same(reference: DossierBatch, rows: ledger766.Rows) -> None:
    for name in COLUMNS:
        a, b = getattr(reference, name), getattr(rows, name)
        if isinstance(a, list):
            assert a == b, name
        else:
            np.testing.assert_array_equal(a, b, err_msg=name)


@pytest.mark.parametrize("awkward", [False, True])
def test_the_ledger_columns_equal_what_the_commands_reader_makes_of_the_records(world, awkward):
    load(world)
    if awkward:
        _awkward()
    qs = Dossier.objects.select_related("procedure", "handling_unit").order_by("pk")
    parsed = parse_records([_national(d) for d in qs], procedures=ledger766.procedure_limits())
    (rows,) = ledger766.ledger_rows(Dossier.objects.all())
    _same(DossierBatch.from_dossiers(parsed.dossiers), rows)
    assert rows.facts == parsed.facts
    left_out = {e.code for e in parsed.errors}
    assert left_out == ({"K-02", "K-03", "K-09", "K-10"} if awkward else set())
    assert not left_out & set(rows.codes)


def test_instants_read_raw_become_local_wall_time_to_the_second_whatever_the_engine_gives():
    # 2022-06-06 01:00:00.9 UTC is 08:00:00 in Vietnam (UTC+7), the fraction dropped as the national
    # format drops it; SQLite's converter gives naive UTC, PostgreSQL aware datetimes, text is parsed.
    naive = dt.datetime(2022, 6, 6, 1, 0, 0, 900000)
    aware = naive.replace(tzinfo=dt.UTC)
    expected = np.array(["2022-06-06T08:00:00", "NaT"], dtype="datetime64[us]")
    for given in ([naive, None], [aware, None], ["2022-06-06 01:00:00.900000", None]):
        np.testing.assert_array_equal(ledger766._local_us(given), expected)
    assert ledger766._local_us([]).shape == (0,)
