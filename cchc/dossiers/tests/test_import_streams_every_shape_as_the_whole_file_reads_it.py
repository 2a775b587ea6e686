"""The dossier import reads its file one record at a time and checks, then writes, it chunk by chunk. On
random files in every shape the records and errors it reads are those of reading the whole file at
once (the readers as they were, kept here), and a file written in chunks leaves the same ledger as one
written at once — all or nothing, a bad record in a middle chunk named by its number and field."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cchc.core.models import AuditEvent
from cchc.dossiers import importing
from cchc.dossiers.importing import UnreadableInput, import_bytes, import_path, parse_file
from cchc.dossiers.models import Dossier
from cchc.dossiers.records import DossierRecord, RowError, map_headers, parse_record
from cchc.dossiers.tests.columnar_helpers import clear_ledger, ledger_snapshot, rich_file
from cchc.dossiers.tests.import_helpers import as_csv, as_json, as_xlsx, make_catalogue
from cchc.lib.tests import stream_helpers as h

AS_OF = dt.date(2022, 4, 15)


# --- the readers as they were: the whole file at once ----------------------------------------------------


def _whole_json(data: bytes) -> Iterator[tuple[int, dict[str, Any], bool]]:
    doc = json.loads(data.decode("utf-8-sig"))
    if isinstance(doc, dict):
        doc = doc.get("data")
    for i, obj in enumerate(doc, start=1):
        yield i, (obj if isinstance(obj, dict) else {"__not_object__": obj}), False


def _whole_ndjson(data: bytes) -> Iterator[tuple[int, dict[str, Any], bool]]:
    for i, line in enumerate(data.decode("utf-8").split("\n"), start=1):
        if line.strip():
            yield i, json.loads(line), False


def _whole_csv(data: bytes) -> Iterator[tuple[int, dict[str, Any], bool]]:
    text = data.decode("utf-8-sig")
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=max((",", ";", "\t"), key=first_line.count))
    headers = next(reader)
    mapping = map_headers(headers)
    index = [(i, mapping[h]) for i, h in enumerate(headers) if h in mapping]
    for n, row in enumerate(reader, start=2):
        if any(cell.strip() for cell in row):
            yield n, {key: (row[i] if i < len(row) else "") for i, key in index}, True


def _whole_xlsx(data: bytes) -> Iterator[tuple[int, dict[str, Any], bool]]:
    from python_calamine import CalamineWorkbook

    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(data))
        .get_sheet_by_index(0)
        .to_python(skip_empty_area=False)
    )
    headers = ["" if x is None else str(x).strip() for x in rows[0]]
    mapping = map_headers(headers)
    index = [(i, mapping[h]) for i, h in enumerate(headers) if h in mapping]
    for n, row in enumerate(rows[1:], start=2):
        if any(c not in (None, "") for c in row):
            yield n, {key: (row[i] if i < len(row) else None) for i, key in index}, True


def whole(
    rows: Iterator[tuple[int, dict[str, Any], bool]],
) -> tuple[list[DossierRecord], list[RowError], int]:
    records, errors, n = [], [], 0
    for row_no, raw, keyed in rows:
        n += 1
        if "__not_object__" in raw:
            errors.append(
                RowError(
                    row_no,
                    "(bản ghi)",
                    str(raw["__not_object__"])[:80],
                    "Mỗi hồ sơ phải là một đối tượng JSON.",
                )
            )
            continue
        rec, errs = parse_record(row_no, raw, keyed=keyed)
        if rec is not None:
            records.append(rec)
        errors.extend(errs)
    return records, errors, n


def files(seed: int) -> list[tuple[str, bytes, Iterator[tuple[int, dict[str, Any], bool]]]]:
    objs: list[Any] = rich_file(150, seed=seed) + h.random_records(150, seed)
    random.Random(seed).shuffle(objs)
    ndjson = "\n".join(json.dumps(o, ensure_ascii=False) for o in objs[:40]) + "\n\n"
    ndjson += "\n".join(json.dumps(o, ensure_ascii=False) for o in objs[40:])
    listed = [*objs[:20], "không phải hồ sơ", *objs[20:]]
    out = [
        ("hoso.json", as_json(listed)),
        ("hoso.json", json.dumps({"data": listed}, indent=1).encode()),
        ("hoso.ndjson", ndjson.encode()),
        ("hoso.csv", as_csv(objs)),
        ("hoso.csv", h.csv_text(objs, delimiter=";").encode()),
        ("hoso.xlsx", as_xlsx(objs)),
    ]
    readers = {"json": _whole_json, "ndjson": _whole_ndjson, "csv": _whole_csv, "xlsx": _whole_xlsx}
    return [(name, data, readers[name.rsplit(".", 1)[1]](data)) for name, data in out]


@pytest.mark.parametrize("seed", [3, 4])
def test_the_streamed_reading_is_the_whole_file_reading(seed):
    for name, data, reference in files(seed):
        expected = whole(reference)
        assert expected[0] and expected[1], name
        fmt, records, errors, n = parse_file(data, name)
        assert (records, errors, n) == expected, name
        assert fmt == name.rsplit(".", 1)[1]


# --- checked, then written, chunk by chunk ---------------------------------------------------------------


def ndjson(objs: list[dict[str, Any]]) -> bytes:
    return ("\n".join(json.dumps(o, ensure_ascii=False) for o in objs) + "\n").encode()


@pytest.mark.django_db
def test_a_file_written_in_chunks_leaves_the_ledger_one_chunk_leaves(world, monkeypatch, tmp_path):
    make_catalogue()
    path = tmp_path / "hoso.ndjson"
    path.write_bytes(ndjson(rich_file(120, seed=21)))
    office = world.users["office"]
    whole_file = import_path(path, actor=office, as_of=AS_OF)
    assert whole_file.ok and whole_file.result.created == 120
    at_once = ledger_snapshot()
    clear_ledger()
    monkeypatch.setattr(importing, "CHUNK", 7)
    chunked = import_path(path, actor=office, as_of=AS_OF)
    assert chunked.ok and (chunked.rows, chunked.result.created) == (120, 120)
    assert ledger_snapshot() == at_once
    # One audit row per imported file, not one per chunk.
    assert AuditEvent.objects.filter(verb="dossiers.upsert").count() == 2
    again = import_path(path, actor=office, as_of=AS_OF)
    assert (again.result.created, again.result.updated, again.result.unchanged) == (0, 0, 120)


@pytest.mark.django_db
def test_a_bad_record_in_a_middle_chunk_writes_nothing_and_is_named(world, monkeypatch, tmp_path):
    make_catalogue()
    objs = rich_file(60, seed=22)
    objs[44]["DonViXuLy"] = "KHONG-CO"
    path = tmp_path / "hoso.ndjson"
    path.write_bytes(ndjson(objs))
    monkeypatch.setattr(importing, "CHUNK", 10)
    out = import_path(path, actor=world.users["office"], as_of=AS_OF)
    assert not out.ok
    assert [(e.row, e.field, e.value) for e in out.errors] == [(45, "DonViXuLy", "KHONG-CO")]
    assert not Dossier.objects.exists()
    assert not AuditEvent.objects.filter(verb="dossiers.upsert").exists()


@pytest.mark.django_db
def test_a_code_repeated_in_another_chunk_names_its_first_row(world, monkeypatch):
    make_catalogue()
    objs = rich_file(30, seed=23)
    objs[25]["MaHoSo"] = objs[2]["MaHoSo"]
    monkeypatch.setattr(importing, "CHUNK", 10)
    out = import_bytes(as_csv(objs), "hoso.csv", actor=world.users["office"], as_of=AS_OF)
    assert [(e.row, e.field, e.reason) for e in out.errors] == [
        (27, "MaHoSo", "Mã hồ sơ trùng với dòng 4 trong cùng tệp.")
    ]
    assert not Dossier.objects.exists()


@pytest.mark.django_db
def test_a_line_broken_half_way_through_the_file_is_unreadable_and_writes_nothing(
    world, monkeypatch, tmp_path
):
    make_catalogue()
    lines = ndjson(rich_file(50, seed=24)).decode().split("\n")
    lines[37] = lines[37][: len(lines[37]) // 2]
    path = tmp_path / "hoso.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    monkeypatch.setattr(importing, "CHUNK", 10)
    with pytest.raises(UnreadableInput, match=r"dòng 38, cột \d+"):
        import_path(path, actor=world.users["office"], as_of=AS_OF)
    assert not Dossier.objects.exists()


@pytest.mark.django_db
def test_a_dry_run_in_chunks_counts_what_a_write_would(world, monkeypatch, tmp_path: Path):
    make_catalogue()
    path = tmp_path / "hoso.ndjson"
    path.write_bytes(ndjson(rich_file(40, seed=25)))
    monkeypatch.setattr(importing, "CHUNK", 6)
    out = import_path(path, actor=world.users["office"], as_of=AS_OF, dry_run=True)
    assert out.ok and out.result.dry_run and out.result.created == 40
    assert not Dossier.objects.exists()
