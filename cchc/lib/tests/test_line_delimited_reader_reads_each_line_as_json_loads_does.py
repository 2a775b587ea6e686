"""The line-delimited reader parses with orjson in large chunks; each line still reads as ``json.loads``
reads it — integers beyond 64 bits kept whole, NaN accepted — whatever the chunk size, and a broken line,
or one holding a lone UTF-16 surrogate (which ``json.loads`` would keep), is named by its line number."""

from __future__ import annotations

import json

import pytest

from cchc.lib import record_stream
from cchc.lib.record_stream import UnreadableInput, iter_records

LINES = [
    '{"MaHoSo": 123456789012345678901234567890, "x": 1}',
    '{"MaHoSo": "12345678901234567890", "n": 18446744073709551615}',
    '{"a": NaN, "b": -Infinity, "c": 1e400}',
    '{"a": "\\ud83d\\ude00 a pair", "b": "Đề nghị \\"cấp\\""}',
    '{"a": 1, "a": 2}',
    "",
    '{"a": [1.5, -0.0, 2e-400, 0.1]}\r',
    '{"big": -9223372036854775809}',
    "[1, 2]",
]


def expected(lines: list[str]) -> list[tuple[int, object]]:
    return [(n, json.loads(line)) for n, line in enumerate(lines, start=1) if line.strip()]


@pytest.mark.parametrize("chunk", [7, 64, 1 << 20])
@pytest.mark.parametrize("ending", ["\n", ""])
def test_every_line_reads_as_json_loads_reads_it(tmp_path, monkeypatch, chunk, ending):
    monkeypatch.setattr(record_stream, "NDJSON_CHUNK", chunk)
    path = tmp_path / "x.ndjson"
    path.write_bytes(b"\xef\xbb\xbf" + ("\n".join(LINES) + ending).encode("utf-8", "surrogatepass"))
    got = list(iter_records(path))
    assert repr(got) == repr(expected(LINES))
    assert type(got[0][1]["MaHoSo"]) is int


def test_a_broken_line_after_a_chunk_boundary_is_named_by_its_number(tmp_path, monkeypatch):
    monkeypatch.setattr(record_stream, "NDJSON_CHUNK", 50)
    lines = [json.dumps({"MaHoSo": f"H-{i}", "n": i}) for i in range(40)]
    lines[26] = lines[26][:-3]
    path = tmp_path / "x.ndjson"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = iter_records(path)
    with pytest.raises(UnreadableInput, match=r"dòng 27, cột \d+"):
        for n, _ in records:
            assert n <= 26


def test_a_line_longer_than_a_record_can_be_is_refused_by_its_number(tmp_path, monkeypatch):
    monkeypatch.setattr(record_stream, "NDJSON_CHUNK", 16)
    monkeypatch.setattr(record_stream, "MAX_RECORD_BYTES", 40)
    path = tmp_path / "x.ndjson"
    path.write_text('{"a": 1}\n{"a": 2}\n{"a": "' + "x" * 60 + '"}\n{"a": 3}\n', encoding="utf-8")
    got = []
    with pytest.raises(UnreadableInput, match="Dòng 3 dài quá"):
        for n, record in iter_records(path):
            got.append((n, record))
    assert got == [(1, {"a": 1}), (2, {"a": 2})]


def test_without_orjson_every_line_is_read_by_json_loads_alike(tmp_path, monkeypatch):
    # A virtual environment made before orjson was required still reads the same records.
    monkeypatch.setattr(record_stream, "_fast_loads", record_stream._no_fast_loads)
    path = tmp_path / "x.ndjson"
    path.write_bytes(("\n".join(LINES) + "\n").encode("utf-8", "surrogatepass"))
    assert repr(list(iter_records(path))) == repr(expected(LINES))
    path.write_bytes(b'{"a": 1}\n{"a": \xff}\n')
    with pytest.raises(UnreadableInput, match=r"UTF-8 \(dòng 2\)"):
        list(iter_records(path))


@pytest.mark.parametrize("orjson", [True, False])
@pytest.mark.parametrize("surrogate", [b'"\\ud800 lone"', b'"\xed\xa0\x80 lone"'])
def test_a_line_with_a_lone_surrogate_is_refused_by_its_number(tmp_path, monkeypatch, orjson, surrogate):
    if not orjson:
        monkeypatch.setattr(record_stream, "_fast_loads", record_stream._no_fast_loads)
    path = tmp_path / "x.ndjson"
    path.write_bytes(b'{"a": 1}\n{"a": 2}\n{"a": ' + surrogate + b"}\n")
    got = []
    with pytest.raises(UnreadableInput, match="Dòng 3 chứa ký tự không hợp lệ"):
        for n, record in iter_records(path):
            got.append((n, record))
    assert got == [(1, {"a": 1}), (2, {"a": 2})]
