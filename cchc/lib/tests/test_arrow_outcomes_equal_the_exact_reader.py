"""``natsync_arrow.arrow_batches`` (line-delimited files parsed into columns by Arrow, the exact reader
for any block it cannot vouch for) gives what the exact reader gives — the same batch for the outcome
engine, the same errors naming the line and field, the same message for a file that cannot be read — on
random files, on each unusual value the columns hand to the exact reader, and on lines Arrow reads
differently from Python (a key written twice, numbers as texts, bytes that are not UTF-8, deep nesting …)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from cchc.lib import natsync_arrow as na
from cchc.lib import natsync_columns as nc
from cchc.lib.natsync_columns import concat, exact_batches
from cchc.lib.outcomes import LegalLimit, LimitUnit
from cchc.lib.record_stream import UnreadableInput
from cchc.lib.tests import stream_helpers as h
from cchc.lib.tests.test_outcome_columns_equal_the_exact_reader import UNUSUAL

FIELDS = [f for f in nc.DossierBatch.__dataclass_fields__]
PROCEDURES = {"1.004227": LegalLimit(5, LimitUnit.WORKING_DAYS)}


def columns_of(batches: list[Any]) -> dict[str, Any]:
    plain = []
    for b in batches:
        if isinstance(b, na.ColumnarBatch):
            b.with_lists()
            b.codes = b.texts["codes"].to_pylist()
        plain.append(b)
    batch = concat(plain)
    out = {}
    for name in FIELDS:
        value = getattr(batch, name)
        if isinstance(value, np.ndarray):
            value = value.view(np.int64) if value.dtype.kind == "M" else value
        out[name] = [None if isinstance(x, float) and x != x else x for x in value]
    return out


def read(path: Path, reader: Any, **kw: Any) -> tuple[Any, ...]:
    batches, errors = [], []
    try:
        for batch, faults in reader(path, procedures=PROCEDURES, **kw):
            batches.append(batch)
            errors += faults
    except UnreadableInput as exc:
        return ("unreadable", str(exc))
    return columns_of(batches), errors


def both(path: Path) -> tuple[Any, Any]:
    return read(path, na.arrow_batches), read(path, exact_batches, size=7)


@pytest.fixture
def counted(monkeypatch):
    """Blocks of a few lines, and a count of the blocks Arrow's columns read (so a test shows they were
    used, and that the rest went to the exact reader)."""
    monkeypatch.setattr(na, "CHUNK", 900)
    monkeypatch.setattr(nc, "BLOCK", 4)
    seen = {"arrow": 0}
    real = na._columns

    def columns(*args: Any) -> Any:
        out = real(*args)
        seen["arrow"] += 1
        return out

    monkeypatch.setattr(na, "_columns", columns)
    return seen


def national(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records with their codes as texts, as the national portal writes them (numbers as numbers
    go to the exact reader: Arrow's schema has texts there)."""
    out = copy.deepcopy(records)
    for r in out:
        for key in ("TrangThaiHoSo", "KenhThucHien", "HoSoCoThanhPhanSoHoa"):
            if type(r.get(key)) is int:
                r[key] = str(r[key])
    return out


def write_lines(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def encoded(records: list[dict[str, Any]]) -> list[bytes]:
    return [json.dumps(r, ensure_ascii=False).encode("utf-8") for r in records]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("texts", [True, False], ids=["national-texts", "numbers-as-numbers"])
def test_the_arrow_answer_is_the_exact_answer_on_random_files(tmp_path, counted, seed, texts):
    records = h.random_records(200, seed, faulty=0.03)
    path = h.write_ndjson(tmp_path / "export.ndjson", national(records) if texts else records)
    arrow, exact = both(path)
    assert exact[1], "the file has faulty records"
    if texts:
        assert counted["arrow"] > 20, "most blocks were read by Arrow"
    assert arrow == exact


@pytest.mark.parametrize(("field", "value"), UNUSUAL, ids=[f"{f}={v!r}" for f, v in UNUSUAL])
def test_an_unusual_value_is_read_as_the_exact_reader_reads_it(tmp_path, counted, field, value):
    records = national(h.random_records(30, 12, faulty=0))
    for r in records:
        r["TrangThaiHoSo"] = "10"
        r.setdefault("NgayKetThucXuLy", "20220801080000")
    records[17] = copy.deepcopy(records[17])
    records[17][field] = value
    path = h.write_ndjson(tmp_path / "x.ndjson", records)
    arrow, exact = both(path)
    assert counted["arrow"] >= 4, "the other blocks were read by Arrow"
    assert arrow == exact
    # Record 18 is on line 19 (line 3 is blank).
    assert all((e.index, e.where) == (19, "dòng") for e in arrow[1])


# The fields every record needs besides its code, as the national portal writes them.
NEEDED = b'"MaTTHC": "1.004227", "TrangThaiHoSo": "2", "NgayTiepNhan": "20220301080000"'


def rec(code: bytes, extra: bytes = b"", needed: bytes = NEEDED) -> bytes:
    """A line with MaHoSo ``code`` (raw bytes, quotes included), the needed fields and ``extra``."""
    return b'{"MaHoSo": ' + code + b", " + needed + (b", " + extra if extra else b"") + b"}"


def _deep(depth: int) -> bytes:
    return rec(b'"H-deep"', b'"x": ' + b"[" * depth + b"]" * depth)


# Line 19 replaced by these bytes (the record that was there is gone; its neighbours are read as before).
LINES: list[tuple[str, bytes]] = [
    ("a key written twice", rec(b'"H-dup"', b'"MaHoSo": "H-dup2"')),
    ("a step key written twice", rec(b'"H-s"', b'"QuaTrinhXuLy": [{"NguoiXuLy": "a", "NguoiXuLy": "b"}]')),
    ("an ignored key written twice", rec(b'"H-i"', b'"x": 1, "x": 2')),
    ("a key spelt with an escape", rec(b'"H-e"', b'"Ngay\\u004BetThucXuLy": "20220305080000"')),
    ("a number as a code", rec(b"12345")),
    (
        "a number as a date",
        rec(b'"H-n"', needed=b'"MaTTHC": "1", "TrangThaiHoSo": "2", "NgayTiepNhan": 20220301080000'),
    ),
    ("a flag as a number", rec(b'"H-f"', b'"LienThong": 1')),
    ("no code", b"{" + NEEDED + b"}"),
    ("no status", rec(b'"H-m"', needed=b'"MaTTHC": "1.004227", "NgayTiepNhan": "20220301080000"')),
    ("an empty object", b"{}"),
    ("an escaped NUL in the code", rec(b'"H\\u0000x"')),
    ("an escaped NUL in a step", rec(b'"H-z"', b'"QuaTrinhXuLy": [{"NguoiXuLy": "\\u0000"}]')),
    ("a raw NUL byte", rec(b'"H\x00x"')),
    ("a raw tab in a text", rec(b'"H\tx"')),
    ("bytes that are not UTF-8 in a read field", rec(b'"H-\xff"')),
    ("bytes that are not UTF-8 in an ignored field", rec(b'"H-u"', b'"x": "\xc3("')),
    ("an encoded surrogate", rec(b'"H-\xed\xa0\x80"')),
    ("a lone surrogate escape", rec(b'"H-\\ud800"')),
    ("a surrogate pair escape", rec(b'"H-\\ud83d\\ude00"')),
    ("a byte-order mark inside", b"\xef\xbb\xbf" + rec(b'"H-b"')),
    ("two objects on a line", rec(b'"H-a"') + b'{"MaHoSo": "H-b"}'),
    ("two whole records on a line", rec(b'"H-a"') + b" " + rec(b'"H-b"')),
    ("a lone carriage return between two objects", rec(b'"H-a"') + b"\r" + rec(b'"H-b"')),
    ("a line that is a list", b"[1, 2]"),
    ("a line that is a text", b'"H-t"'),
    ("broken syntax", b'{"MaHoSo": "H-x",}'),
    ("NaN in an ignored field", rec(b'"H-nan"', b'"x": NaN')),
    ("a number beyond 64 bits in an ignored field", rec(b'"H-big"', b'"x": 123456789012345678901234567890')),
    ("nesting 70 deep in an ignored field", _deep(70)),
    ("nesting 5,000 deep in an ignored field", _deep(5000)),
    ("nesting 70 deep inside a text", rec(b'"H-q"', b'"x": "' + b"[" * 70 + b'"')),
    ("an empty status history", rec(b'"H-h"', b'"LichSuTrangThai": []')),
    ("a code needing CSV quotes", rec(b'"H,\\"q\\"\\n"')),
    ("a code with spaces of every kind", rec(b'"\\u3000\\u00a0\\u001c H-w \\u2029\\u0085"')),
    ("a code of spaces", rec(b'"\\u2003"')),
    ("the code of line 2 again", rec(b'"H-12-000001"')),
    ("a blank line of spaces", b"   "),
]


@pytest.mark.parametrize(("what", "line"), LINES, ids=[w for w, _ in LINES])
def test_a_line_arrow_reads_differently_goes_to_the_exact_reader(tmp_path, counted, what, line):
    records = national(h.random_records(30, 12, faulty=0))
    lines = encoded(records)
    lines[18] = line
    path = write_lines(tmp_path / "x.ndjson", lines)
    arrow, exact = both(path)
    assert arrow == exact
    if arrow[0] != "unreadable":
        assert counted["arrow"] >= 4, "the other blocks were read by Arrow"


@pytest.mark.parametrize("blank", [b"", b"  ", b"\r"])
def test_a_repeated_code_names_its_first_line_after_a_blank_line(tmp_path, monkeypatch, counted, blank):
    monkeypatch.setattr(na, "CHUNK", 4000)  # lines 10 to 13 in one block, line 36 in another
    records = national(h.random_records(40, 12, faulty=0))
    lines = encoded(records)
    lines[9] = blank
    lines[35] = lines[35].replace(records[35]["MaHoSo"].encode(), records[11]["MaHoSo"].encode())
    path = write_lines(tmp_path / "x.ndjson", lines)
    arrow, exact = both(path)
    assert arrow == exact
    assert [e.message() for e in arrow[1]][-1].endswith("trùng mã hồ sơ với dòng 12")


def test_a_byte_order_mark_at_the_start_is_dropped_as_the_exact_reader_drops_it(tmp_path, counted):
    records = national(h.random_records(30, 12, faulty=0))
    path = write_lines(tmp_path / "x.ndjson", encoded(records))
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    arrow, exact = both(path)
    assert arrow == exact and not exact[1]
    assert counted["arrow"] >= 8


def test_a_line_longer_than_the_limit_is_refused_as_the_exact_reader_refuses_it(
    tmp_path, monkeypatch, counted
):
    monkeypatch.setattr(na, "MAX_RECORD_BYTES", 2000)
    monkeypatch.setattr("cchc.lib.record_stream.MAX_RECORD_BYTES", 2000)
    records = national(h.random_records(30, 12, faulty=0))
    records[20]["TrichYeuHoSo"] = "x" * 5000
    path = write_lines(tmp_path / "x.ndjson", encoded(records))
    arrow, exact = both(path)
    assert arrow == exact
    assert arrow[0] == "unreadable" and "Dòng 21" in arrow[1]


def test_what_str_strip_removes_is_every_whitespace_python_knows():
    import sys

    python = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
    assert python == na.WHITESPACE
