"""``cchc index-766`` run on an export of the ledger (the dossiers' own national-sync records) and of its
petitions and "not satisfied" ratings, and of its procedure catalogue (online level, fees, handling
units, time limits) gives the figures the application computes from the ledger, unit by unit and for
the city, for a month, a quarter and a year — the catalogue indicators 3.1, 3.2 and 3.6 included."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from cchc.dossiers.actions.upsert import record_from_dossier
from cchc.dossiers.models import Dossier, Procedure
from cchc.dossiers.records_national import to_national
from cchc.lib.commands import index_766
from cchc.lib.index766.feedback import PETITION, RATING, Feedback
from cchc.scorecards import ledger766, periods
from cchc.scorecards.tests.ledger_helpers import load
from cchc.scorecards.tests.test_index766_catalogue_indicators_in_app import catalogue

pytestmark = pytest.mark.django_db


PETITIONS = [
    Feedback(
        "PA-1",
        PETITION,
        dt.datetime(2022, 6, 1, 8),
        "P1",
        dt.date(2022, 6, 20),
        dt.datetime(2022, 6, 10),
        True,
        False,
        "K-05",
    ),
    Feedback("PA-2", PETITION, dt.datetime(2022, 5, 2, 8), "P2", None, dt.datetime(2022, 6, 25), False, True),
    Feedback(
        "PA-3", PETITION, dt.datetime(2022, 6, 20, 8), "P1", dt.date(2022, 7, 15), None, None, False, "K-02"
    ),
    # A citizen's "not satisfied" rating of an on-time dossier, as ``rating_items`` reads it (5.4).
    Feedback("DG-1", RATING, dt.datetime(2022, 6, 9, 10), "P1", satisfied=False, dossier="K-01"),
]


def _export(tmp_path: Path) -> tuple[Path, Path]:
    records = [to_national(record_from_dossier(d)) for d in Dossier.objects.order_by("code")]
    export = tmp_path / "export.json"
    export.write_text(json.dumps({"data": records}, ensure_ascii=False), encoding="utf-8")
    procedures = tmp_path / "thu-tuc.csv"
    # Written from the table in the columns of the catalogue import, not by the application's own code.
    rows = ["MaTTHC,ThoiGianGiaiQuyet,DonViTinh,MucDoTrucTuyen,PhiLePhi,MaDonViGiaiQuyet,DangApDung"] + [
        ",".join(
            [
                p.national_code,
                str(p.limit_value),
                p.limit_unit,
                p.online_level,
                "; ".join(f"{f['TenPhiLePhi']}: {f['Gia']}" for f in p.fees),
                ";".join(sorted(u.code for u in p.handling_units.all())),
                "1" if p.is_active else "0",
            ]
        )
        for p in Procedure.objects.all()
    ]
    procedures.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return export, procedures


@pytest.mark.parametrize("key", ["2022-06", "2022-Q2", "2022"])
def test_the_command_on_an_export_equals_the_application(world, tmp_path, key, monkeypatch):
    monkeypatch.delenv("CCHC_SUPPLEMENT_SHIFT", raising=False)
    load(world)
    catalogue(world)
    export, procedures = _export(tmp_path)
    pakn = tmp_path / "pakn.json"
    pakn.write_text(json.dumps(ledger766.petitions_file(PETITIONS), ensure_ascii=False), encoding="utf-8")
    period = periods.parse(key)
    out, err = io.StringIO(), io.StringIO()
    status = index_766.main(
        [
            *(str(export), "--from", str(period.start), "--to", str(period.end)),
            *("--procedures", str(procedures), "--feedback", str(pakn)),
        ],
        out,
        err,
    )
    assert status == 0, err.getvalue()
    command = json.loads(out.getvalue())
    app = ledger766.document(Dossier.objects.all(), period.period, None, PETITIONS)
    assert command["units"] == app["units"]
    assert command["overall"] == app["overall"]
    assert {u["unit"] for u in app["units"]} == {"P1", "P2"}
    computed = {i["code"] for i in app["overall"]["indicators"] if i["points"] is not None}
    assert {"3.1", "3.2", "3.6"} <= computed
