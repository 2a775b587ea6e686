"""A stored dossier whose steps or supplements change has its steps written again (both import paths);
the k-th step of the new list keeps the id of the k-th stored step, new steps come after with new ids
(``kept_step_ids``), so an appended step does not renumber the ones before it."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import DossierStep
from cchc.dossiers.tests.columnar_helpers import rich_file
from cchc.dossiers.tests.fact_helpers import ts
from cchc.dossiers.tests.import_helpers import as_csv, make_catalogue

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2022, 4, 15)


def _ids() -> dict[tuple[str, int], int]:
    return {
        (code, seq): pk for pk, code, seq in DossierStep.objects.values_list("pk", "dossier__code", "seq")
    }


@pytest.mark.parametrize("path", ["rows", "columnar"])
def test_appended_steps_leave_the_stored_steps_their_ids(world, settings, path):
    make_catalogue()
    base = rich_file(120, seed=11)
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    assert import_bytes(as_csv(base), "hoso.csv", actor=world.users["office"], as_of=AS_OF).ok
    before = _ids()
    changed = copy.deepcopy(base)
    grown = 0
    for i, o in enumerate(changed):
        if o["QuaTrinhXuLy"] and i % 2 == 0:
            last = o["QuaTrinhXuLy"][-1]
            o["QuaTrinhXuLy"].append({**last, "NguoiXuLy": "Người mới", "ThoiDiemXuLy": last["ThoiDiemXuLy"]})
            grown += 1
        elif o["NgayTiepNhan"] and i % 2 == 1:
            at = dt.datetime.strptime(o["NgayTiepNhan"], "%Y%m%d%H%M%S") + dt.timedelta(days=1)
            o["DanhSachHoSoBoSung"].append({"NgayBoSung": ts(at), "NgayTiepNhanBoSung": ts(at)})
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 0 if path == "rows" else 1
    out = import_bytes(as_csv(changed), "thaydoi.csv", actor=world.users["office"], as_of=AS_OF)
    assert out.ok and out.path == path and out.result.updated > grown > 0, out.errors[:3]

    after = _ids()
    assert {k: after[k] for k in before} == before
    new = [pk for k, pk in after.items() if k not in before]
    assert len(new) == grown and min(new) > max(before.values())
