"""A CSV of new dossiers larger than one slice is parsed once: the writing pass reads back the columns
the checking pass kept on disk (``columnar_slices._spool``) instead of parsing every slice again, and
stores what the one-piece import stores (dossiers, causes, steps, supplements, events, daily, unit
and per-official facts); the kept columns leave no file behind, after a write or a refusal; when the
digests' key changed between the passes (a catalogue edited meanwhile), nothing is written from the
kept columns and the row path imports the file. Run on both engines by CI (DATABASE_URL)."""

from __future__ import annotations

import datetime as dt
import io
import tempfile

import pytest

from cchc.dossiers import columnar_slices
from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import OfficialDailyFact
from cchc.dossiers.tests.columnar_helpers import clear_ledger, ledger_snapshot, rich_file
from cchc.dossiers.tests.import_helpers import as_csv, make_catalogue

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2022, 4, 15)
SLICE = 6000  # bytes: 120 rich rows make several slices


def official_facts() -> list:
    return sorted(
        OfficialDailyFact.objects.values_list(
            "day", "handling_unit_id", "receiving_unit_id", "official_id", "name_key", "finished", "late"
        ),
        key=repr,
    )


@pytest.fixture
def spool(tmp_path, monkeypatch):
    """The temporary folders of the import, in a folder of the test's own."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_each_slice_is_parsed_once_and_the_ledger_is_the_one_piece_ledger(
    world, settings, spool, monkeypatch
):
    make_catalogue()
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    data = as_csv(rich_file(120, seed=21))
    office = world.users["office"]
    whole = import_bytes(data, "hoso.csv", actor=office, as_of=AS_OF)
    assert whole.ok and whole.path == "columnar", whole.errors[:3]
    expected, expected_facts = ledger_snapshot(), official_facts()
    clear_ledger()
    OfficialDailyFact.objects.all().delete()

    parsed = []
    parse = columnar_slices.parse_csv_rows

    def counted(data: bytes, first_row: int = 2):
        parsed.append(first_row)
        return parse(data, first_row)

    monkeypatch.setattr(columnar_slices, "parse_csv_rows", counted)
    settings.CCHC_IMPORT_COLUMNAR_MAX_BYTES = SLICE
    sliced = import_bytes(data, "hoso.csv", actor=office, as_of=AS_OF)
    assert sliced.ok and sliced.path == "columnar" and sliced.result.created == 120, sliced.errors[:3]
    pieces = len(list(columnar_slices.slices(io.BytesIO(data), SLICE)))
    assert pieces > 3 and len(parsed) == pieces == len(set(parsed))
    assert ledger_snapshot() == expected
    assert expected_facts and official_facts() == expected_facts
    assert list(spool.iterdir()) == []


def test_a_refused_file_leaves_no_kept_columns_behind(world, settings, spool):
    make_catalogue()
    objs = rich_file(120, seed=22)
    objs[110]["NgayTiepNhan"] = "20221345080000"  # in the last slice: the earlier ones were kept
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    settings.CCHC_IMPORT_COLUMNAR_MAX_BYTES = SLICE
    out = import_bytes(as_csv(objs), "hoso.csv", actor=world.users["office"], as_of=AS_OF)
    assert out.path == "columnar" and [(e.row, e.field) for e in out.errors] == [(112, "NgayTiepNhan")]
    assert ledger_snapshot()["dossiers"] == {}
    assert list(spool.iterdir()) == []


def test_digests_keyed_otherwise_in_the_writing_pass_send_the_file_to_the_row_path(
    world, settings, spool, monkeypatch
):
    make_catalogue()
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    data = as_csv(rich_file(120, seed=23))
    office = world.users["office"]
    whole = import_bytes(data, "hoso.csv", actor=office, as_of=AS_OF)
    expected = ledger_snapshot()
    clear_ledger()
    OfficialDailyFact.objects.all().delete()

    digests = columnar_slices.digests

    def other_key(p, scope, known=None):
        lk, hashes = digests(p, scope, None)  # made again, as when the key no longer matches
        return lk, hashes

    monkeypatch.setattr(columnar_slices, "digests", other_key)
    settings.CCHC_IMPORT_COLUMNAR_MAX_BYTES = SLICE
    out = import_bytes(data, "hoso.csv", actor=office, as_of=AS_OF)
    assert whole.path == "columnar" and out.ok and out.path != "columnar" and out.result.created == 120
    assert ledger_snapshot()["dossiers"].keys() == expected["dossiers"].keys()
    assert list(spool.iterdir()) == []
