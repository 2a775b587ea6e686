"""The national-sync reader reads files one record at a time (``record_stream``); on random files in every
accepted shape its answer — dossiers, service facts, record numbers and every error — is the answer of
reading the whole file at once (``json.loads`` / the whole text through ``csv``), batch by batch too."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from cchc.lib import natsync
from cchc.lib.natsync import ParseResult, RecordError, read_batches, read_file
from cchc.lib.tests import stream_helpers as h


def whole_json(path: Path) -> ParseResult:
    """The reader as it was: the whole text through ``json.loads``."""
    data = json.loads(path.read_bytes().decode("utf-8-sig"))
    if isinstance(data, dict):
        data = data["data"]
    return natsync._parse_all(((i, raw, []) for i, raw in enumerate(data, start=1)), natsync.RECORD, None)


def whole_ndjson(path: Path) -> ParseResult:
    lines = path.read_text(encoding="utf-8").split("\n")
    items: list[natsync.RawItem] = [
        (n, json.loads(line), []) for n, line in enumerate(lines, start=1) if line.strip()
    ]
    return natsync._parse_all(iter(items), natsync.ROW, None)


def whole_csv(path: Path) -> ParseResult:
    text = path.read_text(encoding="utf-8-sig")
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=max((",", ";", "\t"), key=first.count))
    header = [c.strip() for c in next(reader)]
    rows = [
        (n, dict(zip(header, cells, strict=False)))
        for n, cells in enumerate(reader, start=2)
        if any(c.strip() for c in cells)
    ]
    return natsync._parse_all(natsync._row_items(rows), natsync.ROW, None)


def answer(result: ParseResult) -> tuple[Any, ...]:
    return (result.dossiers, result.facts, result.indexes, result.errors)


def batched(path: Path, size: int) -> ParseResult:
    out = ParseResult()
    for part in read_batches(path, size=size):
        out.dossiers += part.dossiers
        out.facts += part.facts
        out.indexes += part.indexes
        out.errors += part.errors
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize(
    ("shape", "write", "whole"),
    [
        ("export.json", h.write_json, whole_json),
        ("export.json", h.write_data_object, whole_json),
        ("export.ndjson", h.write_ndjson, whole_ndjson),
        ("export.jsonl", h.write_ndjson, whole_ndjson),
        ("export.csv", h.write_csv, whole_csv),
    ],
)
def test_the_streamed_answer_is_the_whole_file_answer(tmp_path, seed, shape, write, whole):
    records = h.random_records(300, seed)
    path = write(tmp_path / shape, records)
    expected = answer(whole(path))
    assert expected[0] and expected[3], "the file has good and faulty records"
    assert answer(read_file(path)) == expected
    assert answer(batched(path, 7)) == expected


def test_line_delimited_json_without_its_suffix_is_told_by_its_first_line(tmp_path):
    records = h.random_records(50, 4)
    path = h.write_ndjson(tmp_path / "export.json", records)
    assert answer(read_file(path)) == answer(whole_ndjson(path))


def test_a_semicolon_csv_reads_like_a_comma_one(tmp_path):
    records = h.random_records(80, 5)
    commas = read_file(h.write_csv(tmp_path / "a.csv", records))
    semicolons = read_file(h.write_csv(tmp_path / "b.csv", records, delimiter=";"))
    assert answer(semicolons) == answer(commas)


def test_an_xlsx_sheet_reads_like_the_same_rows_in_csv(tmp_path):
    records = h.random_records(200, 6)
    in_csv = read_file(h.write_csv(tmp_path / "a.csv", records))
    in_xlsx = read_file(h.write_xlsx(tmp_path / "a.xlsx", records))
    assert in_csv.dossiers and in_csv.errors
    assert answer(in_xlsx) == answer(in_csv)


def test_a_record_that_is_not_an_object_keeps_its_number_in_a_streamed_list(tmp_path):
    records: list[Any] = h.random_records(20, 7, faulty=0)
    records.insert(10, [1, 2])
    result = read_file(h.write_json(tmp_path / "x.json", records))
    assert result.errors == [RecordError(11, "", "[1, 2]", "mỗi hồ sơ phải là một đối tượng JSON", None)]
    assert len(result.dossiers) == 20


def test_a_broken_record_in_the_middle_of_a_large_list_is_named_by_its_number(tmp_path, monkeypatch):
    # Above the size where the file is read again whole for its line and column.
    monkeypatch.setattr("cchc.lib.record_stream.EXACT_POSITION_BYTES", 1000)
    text = json.dumps(h.random_records(500, 8, faulty=0), ensure_ascii=False)
    cut = text.index('{"MaHoSo": "H-8-000321"')
    path = tmp_path / "x.json"
    path.write_text(text[:cut] + '{"MaHoSo": "H-8-000321", "MaTTHC" "1"}, ' + text[cut:], encoding="utf-8")
    with pytest.raises(natsync.UnreadableInput, match="sai cú pháp hoặc không phải UTF-8 ở bản ghi 322"):
        list(read_batches(path, size=100))


def test_a_broken_record_in_a_small_list_is_named_by_its_number_line_and_column(tmp_path):
    text = json.dumps(h.random_records(30, 9, faulty=0), ensure_ascii=False, indent=1)
    cut = text.index('"MaTTHC"', text.index("H-9-000012"))
    path = tmp_path / "x.json"
    path.write_text(text[:cut] + text[cut:].replace(":", "", 1), encoding="utf-8")
    line = text[:cut].count("\n") + 1
    with pytest.raises(natsync.UnreadableInput, match=rf"\(dòng {line}, cột \d+\): sai cú pháp ở bản ghi 13"):
        read_file(path)


def test_a_broken_line_is_named_by_its_line_number(tmp_path):
    path = h.write_ndjson(tmp_path / "x.ndjson", h.random_records(40, 10, faulty=0))
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[30] = lines[30][:-5]
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(natsync.UnreadableInput, match=r"dòng 31, cột \d+"):
        read_file(path)


def test_a_faulty_record_in_a_line_delimited_file_names_its_line_and_field(tmp_path):
    records = h.random_records(40, 11, faulty=0)
    records[25]["NgayTiepNhan"] = "2022-13-45"
    result = read_file(h.write_ndjson(tmp_path / "x.ndjson", records))
    # Line 3 is blank, so record 26 is on line 27.
    assert [(e.index, e.field, e.where) for e in result.errors] == [(27, "NgayTiepNhan", "dòng")]
    assert result.errors[0].message().startswith("Dòng 27 (MaHoSo H-11-000025): NgayTiepNhan")


def test_json_nested_deeper_than_any_dossier_is_refused_before_the_parser_holds_it(tmp_path):
    path = tmp_path / "x.json"
    path.write_bytes(b'[{"a": 1}, ' + b"[" * 5000 + b"]" * 5000 + b"]")
    with pytest.raises(natsync.UnreadableInput, match="lồng nhau quá nhiều tầng"):
        read_file(path)


def test_brackets_quotes_and_backslashes_inside_strings_do_not_count_as_nesting(tmp_path):
    # Every string of AWKWARD, in both escapings, cut into chunks of every small size.
    from cchc.lib import record_stream

    deep = [[[[{"x": h.AWKWARD}]]]] * 3
    for ensure_ascii in (True, False):
        data = json.dumps(deep, ensure_ascii=ensure_ascii).encode("utf-8")
        for size in (1, 2, 3, 5, 64):
            guard = record_stream._DepthGuard(io.BytesIO(data))
            while guard.read(size):
                pass
            assert guard._depth == 0 and not guard._in_string
    path = tmp_path / "x.json"
    path.write_text('[{"a": "' + "[" * 500 + '\\""}]', encoding="utf-8")
    assert read_file(path).errors[0].index == 1  # read (a faulty record), not refused as too deep
