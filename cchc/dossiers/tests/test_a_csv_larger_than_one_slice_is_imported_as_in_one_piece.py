"""A CSV larger than ``CCHC_IMPORT_COLUMNAR_MAX_BYTES`` takes the columnar path slice by slice
(``columnar_slices``, memory bounded by the slice) with the result of the one-piece import: the same
ledger (per-official facts and one audit row included), the unchanged re-import, the row path's own
errors with their row numbers across slices, nothing written on a refusal; a code repeated in two
slices goes to the row path, which names it. Slices never cut a record, even one whose quoted cell
spans lines. Run on both engines by CI (DATABASE_URL)."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from cchc.core.models import AuditEvent
from cchc.dossiers.columnar_slices import slices
from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import OfficialDailyFact
from cchc.dossiers.tests.columnar_helpers import clear_ledger, ledger_snapshot, rich_file
from cchc.dossiers.tests.import_helpers import as_csv, make_catalogue, national

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2022, 4, 15)
SLICE = 6000  # bytes: a file of 120 rich rows makes several slices


def official_facts():
    return sorted(
        OfficialDailyFact.objects.values_list(
            "day", "handling_unit_id", "receiving_unit_id", "official_id", "name_key", "finished", "late"
        ),
        key=repr,
    )


def test_a_file_of_several_slices_stores_what_one_piece_stores(world, settings):
    make_catalogue()
    data = as_csv(rich_file(120, seed=3))
    assert len(data) > 4 * SLICE
    office = world.users["office"]
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1

    whole = import_bytes(data, "hoso.csv", actor=office, as_of=AS_OF)
    assert whole.ok and whole.path == "columnar", whole.errors[:3]
    expected, expected_facts = ledger_snapshot(), official_facts()
    clear_ledger()
    OfficialDailyFact.objects.all().delete()
    audits = AuditEvent.objects.filter(verb="dossiers.upsert").count()

    settings.CCHC_IMPORT_COLUMNAR_MAX_BYTES = SLICE
    sliced = import_bytes(data, "hoso.csv", actor=office, as_of=AS_OF)
    assert sliced.ok and sliced.path == "columnar", sliced.errors[:3]
    assert (sliced.rows, sliced.result.created) == (whole.rows, 120)
    assert ledger_snapshot() == expected
    assert expected_facts and official_facts() == expected_facts
    assert AuditEvent.objects.filter(verb="dossiers.upsert").count() == audits + 1

    again = import_bytes(data, "hoso.csv", actor=office, as_of=AS_OF)
    assert again.path == "columnar"
    assert (again.result.created, again.result.updated, again.result.unchanged) == (0, 0, 120)
    assert ledger_snapshot() == expected


def test_bad_rows_in_several_slices_are_the_row_paths_errors_and_nothing_is_written(world, settings):
    make_catalogue()
    objs = rich_file(120, seed=4)
    objs[7]["NgayTiepNhan"] = "20221345080000"
    objs[100]["MaTTHC"] = "9.999999"
    data = as_csv(objs)
    office = world.users["office"]
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 0
    rows = import_bytes(data, "hoso.csv", actor=office, as_of=AS_OF)
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    settings.CCHC_IMPORT_COLUMNAR_MAX_BYTES = SLICE
    sliced = import_bytes(data, "hoso.csv", actor=office, as_of=AS_OF)
    assert sliced.path == "columnar"
    assert [(e.row, e.field) for e in rows.errors] == [(9, "NgayTiepNhan"), (102, "MaTTHC")]
    assert [e.as_dict() for e in sliced.errors] == [e.as_dict() for e in rows.errors]
    assert ledger_snapshot()["dossiers"] == {}


def test_a_code_repeated_in_two_slices_is_named_by_the_row_path(world, settings):
    make_catalogue()
    objs = rich_file(120, seed=5)
    objs[110]["MaHoSo"] = objs[2]["MaHoSo"]
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    settings.CCHC_IMPORT_COLUMNAR_MAX_BYTES = SLICE
    out = import_bytes(as_csv(objs), "hoso.csv", actor=world.users["office"], as_of=AS_OF)
    assert out.path == "rows"
    assert [(e.row, e.field) for e in out.errors] == [(112, "MaHoSo")]
    assert ledger_snapshot()["dossiers"] == {}


def test_slices_cut_only_between_records_and_repeat_the_heading():
    rows = [national(f"Q-{i}", TrichYeuHoSo=f"dòng một\ndòng hai {i}") for i in range(40)]
    data = as_csv(rows)
    assert "dòng một\ndòng hai 7".encode() in data  # a quoted cell spans lines
    heading = data.split(b"\n", 1)[0] + b"\n"
    parts = list(slices(io.BytesIO(data), 3000))
    assert len(parts) > 5 and any(p.count(b"Q-") > 1 for p in parts)
    assert all(p.startswith(heading) for p in parts)
    assert all(p.count(b'"') % 2 == 0 for p in parts)
    assert heading + b"".join(p[len(heading) :] for p in parts) == data


def test_each_slices_row_digests_are_made_once_and_kept_for_the_write(world, settings, monkeypatch):
    """The second pass writes the digests the first one made (a blake2b per row is a tenth of the
    sliced import's Python work), so each slice is digested once; the stored digests still answer the
    unchanged re-import."""
    from cchc.dossiers import columnar_same

    make_catalogue()
    data = as_csv(rich_file(120, seed=6))
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    settings.CCHC_IMPORT_COLUMNAR_MAX_BYTES = SLICE
    made = []
    real = columnar_same.row_hashes
    monkeypatch.setattr(
        columnar_same, "row_hashes", lambda cells, key: made.append(cells.height) or real(cells, key)
    )
    out = import_bytes(data, "hoso.csv", actor=world.users["office"], as_of=AS_OF)
    assert out.ok and out.path == "columnar" and out.result.created == 120
    assert len(made) == len(list(slices(io.BytesIO(data), SLICE))) and sum(made) == 120
    again = import_bytes(data, "hoso.csv", actor=world.users["office"], as_of=AS_OF)
    assert again.result.unchanged == 120
