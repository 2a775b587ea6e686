"""A day at the desk (a step added by one of the dossier's officials or a new one, a supplement, a new
summary) moves the per-official facts by differences only: the steps written again keep their ids, so no
row loses its earliest step and no (unit, day) group is recomputed from the ledger (``refresh`` is given
nothing), on both import paths; the rows still equal a rebuild."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from cchc.dossiers import official_facts
from cchc.dossiers.importing import import_bytes
from cchc.dossiers.tests.columnar_helpers import rich_file
from cchc.dossiers.tests.fact_helpers import ts
from cchc.dossiers.tests.import_helpers import as_csv, make_catalogue
from cchc.dossiers.tests.official_facts_reference import stored_rows

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2022, 4, 15)


@pytest.mark.parametrize("path", ["rows", "columnar"])
def test_a_day_at_the_desk_recomputes_no_group(world, settings, monkeypatch, path):
    make_catalogue()
    base = rich_file(160, seed=13)
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    assert import_bytes(as_csv(base), "hoso.csv", actor=world.users["office"], as_of=AS_OF).ok
    before = stored_rows()
    changed = copy.deepcopy(base)
    for i, o in enumerate(changed):
        steps = o["QuaTrinhXuLy"]
        if i % 3 == 0 and steps:
            who = steps[0]["NguoiXuLy"] if i % 2 else "Người mới"
            steps.append({**steps[-1], "NguoiXuLy": who})
        elif i % 3 == 1 and o["NgayTiepNhan"]:
            at = dt.datetime.strptime(o["NgayTiepNhan"], "%Y%m%d%H%M%S") + dt.timedelta(days=1)
            o["DanhSachHoSoBoSung"].append({"NgayBoSung": ts(at), "NgayTiepNhanBoSung": ts(at)})
        else:
            o["TrichYeuHoSo"] = "Đề nghị giải quyết (bổ sung thông tin)"
    recomputed: list[set[official_facts.Group]] = []
    refresh = official_facts.refresh
    monkeypatch.setattr(official_facts, "refresh", lambda g: recomputed.append(set(g)) or refresh(g))
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 0 if path == "rows" else 1
    out = import_bytes(as_csv(changed), "thaydoi.csv", actor=world.users["office"], as_of=AS_OF)
    assert out.ok and out.path == path and out.result.updated > 100, out.errors[:3]

    assert recomputed and not any(recomputed)
    moved = stored_rows()
    assert moved != before
    official_facts.rebuild()
    assert moved == stored_rows()
