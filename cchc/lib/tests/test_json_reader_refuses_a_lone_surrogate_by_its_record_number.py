"""A JSON file (a list, or ``{"data": [...]}``) holding a lone UTF-16 surrogate — the escape ``\\ud800`` or
``\\udc00``, or a surrogate's three bytes — is refused by the number of the record that holds it, as the
line-delimited reader refuses the line. ijson's C backend used to read the escape of a lone high half as
"?" (the value changed without a word) and to fail with a bare ``UnicodeDecodeError`` on the others. A
pair of escapes still reads as one character; an escaped backslash before "ud800" is text."""

from __future__ import annotations

import io
import json
import re

import pytest

from cchc.lib import record_stream
from cchc.lib.json_half_pairs import HalfPairGuard
from cchc.lib.record_stream import UnreadableInput, iter_records

SAYS = "Bản ghi 2 chứa ký tự không hợp lệ (nửa cặp thay thế UTF-16"

LONE = {
    "high half in a value": rb'"AB\ud800C"',
    "low half in a value": rb'"AB\udc00C"',
    "upper-case escape": rb'"AB\uD9FFC"',
    "high half at the end of a string": rb'"AB\udbff"',
    "two high halves, then a low one": rb'"AB\ud83d\ud83d\ude00"',
    "low half before the high one": rb'"AB\ude00\ud83d"',
    "the bytes of a surrogate": b'"AB\xed\xa0\x80C"',
    "three backslashes: one escaped, then the escape": rb'"AB\\\ud800C"',
}


def records(data: bytes) -> list[tuple[int, object]]:
    return list(iter_records(io.BytesIO(data), name="hoso.json"))


def shapes(value: bytes) -> list[bytes]:
    """The bad value in record 2 of both shapes, as a value, as a key and in a nested step."""
    return [
        b'{"data": [{"MaHoSo": "1"}, {"MaHoSo": ' + value + b'}, {"MaHoSo": "3"}]}',
        b'[{"MaHoSo": "1"}, {"MaHoSo": ' + value + b"}]",
        b'{"data": [{"MaHoSo": "1"}, {' + value + b': "x"}]}',
        b'{"data": [{"MaHoSo": "1"}, {"QuaTrinhXuLy": [{"NguoiXuLy": ' + value + b"}]}]}",
    ]


@pytest.mark.parametrize("case", LONE)
def test_a_lone_surrogate_is_refused_by_the_record_that_holds_it(case):
    for data in shapes(LONE[case]):
        read: list[tuple[int, object]] = []
        with pytest.raises(UnreadableInput) as exc:
            for pair in iter_records(io.BytesIO(data), name="hoso.json"):
                read.append(pair)
        assert str(exc.value).startswith(SAYS), (case, data, str(exc.value))
        assert read == [(1, {"MaHoSo": "1"})]


def test_a_pair_of_escapes_reads_as_one_character():
    data = b'{"data": [{"MaHoSo": "1"}, {"MaHoSo": "AB\\ud83d\\ude00C", "\\uD83D\\uDE00": 1}]}'
    assert records(data)[1] == (2, {"MaHoSo": "AB😀C", "😀": 1})


@pytest.mark.parametrize("text", [rb'"AB\\ud800C"', rb'"\\\\\\ud800"', rb'"AB?C"', rb'"\u00e0\ud7ff\ue000"'])
def test_text_that_only_looks_like_a_surrogate_reads_as_json_loads_reads_it(text):
    data = b'[{"a": ' + text + b"}]"
    assert records(data) == [(1, json.loads(data)[0])]


def test_a_lone_surrogate_past_the_first_piece_is_named_by_its_number():
    good = json.dumps({"MaHoSo": "x" * 1000, "TenTTHC": "\U0001f600" * 50}, ensure_ascii=True)
    body = ",".join([good] * 3000)  # several pieces of CHUNK bytes, with pairs across their edges
    data = ('{"data": [' + body + ', {"MaHoSo": "\\ud800"}]}').encode()
    assert len(data) > 2 * record_stream.CHUNK
    with pytest.raises(UnreadableInput, match=r"^Bản ghi 3001 chứa ký tự không hợp lệ"):
        records(data)
    assert len(records(('{"data": [' + body + "]}").encode())) == 3000


def test_the_guard_finds_the_same_halves_whatever_the_size_of_the_pieces():
    # Pieces of every small size put an escape, a pair or a run of backslashes across their edges.
    value = rb'"a\\\\ud800\ud83d\ude00\\\ud83d\ude00b\\\\\\"'
    good = b'[{"k": ' + value + rb', "\\ud800x": "\\\\udc00"}]'
    bad = good.replace(b"b\\\\", b"\\udc00\\\\", 1)
    assert json.loads(good)[0]["\\ud800x"] == "\\\\udc00"
    assert re.search(rb"b\\\\", good) and re.search(rb"\\udc00\\\\", bad)
    for size in (1, 2, 3, 5, 7, 11, 12, 13, 64):
        for data, lone in ((good, False), (bad, True)):
            guard = HalfPairGuard(io.BytesIO(data), record_stream.CHUNK)
            out = b""
            while piece := guard.read(size):
                assert len(piece) <= max(size, 1)
                out += piece
            assert guard.found is lone, (size, data)
            assert out == data if not lone else out != data and len(out) == len(data)


def test_an_escaped_nul_is_refused_by_its_record_but_an_escaped_backslash_before_u0000_is_text():
    # PostgreSQL cannot keep a NUL in a text: the import used to stop while writing, with a database error.
    bad = b'{"data": [{"MaHoSo": "1"}, {"MaHoSo": "A\\u0000B"}]}'
    with pytest.raises(UnreadableInput, match=r"^Bản ghi 2 chứa ký tự NUL"):
        records(bad)
    text = b'[{"a": "A\\\\u0000B \\u00e0"}]'
    assert records(text) == [(1, {"a": "A\\u0000B à"})]
