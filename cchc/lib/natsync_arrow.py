"""The national-sync reader for the outcome engine on line-delimited files, without a Python object per
value (``arrow_batches``). Pure.

``natsync_columns`` turns records into columns, but every value of every record is still a Python
object made by the JSON parser, and at a million dossiers that alone is several times DuckDB's whole
time (docs/benchmarks.md, "Where the floor is"). Here a block of whole lines (about ``CHUNK`` bytes) is
parsed by Arrow's JSON reader into typed columns with an explicit schema — strings, the two lists of
objects, the inter-agency flag — and checked column by column with Arrow's compute functions and numpy:
the same checks ``natsync_columns.block_columns`` makes. Arrow's reader refuses what the schema does not
allow (a number where a text is expected, a key written twice, a list where a text is, a line that is
not an object, a lone surrogate …); the rest is checked here (whole-line count, UTF-8 of the whole
block, nesting depth, byte-order marks, NUL). A block Arrow refuses or a check cannot vouch for is read by
the exact reader instead, line by line (``record_stream`` then ``natsync_columns``/``parse_record``),
so the answer is always the exact reader's: the same dossiers, and for a faulty record the same error
naming its line and field. The equality is tested on random files
(``test_arrow_outcomes_equal_the_exact_reader``).

Texts that only the output needs (the codes, the steps' units and officials) stay Arrow arrays in a
``ColumnarBatch``; ``dossier-outcomes`` writes its CSV from them in bulk (``csv_text``).
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pj

from cchc.lib.bad_text import NUL_ESCAPE
from cchc.lib.natsync import RawItem, RecordError, _parse_all
from cchc.lib.natsync_columns import (
    _FACTS,
    _NAT,
    _RARE,
    _STEP,
    _SUPPLEMENT,
    BLOCK,
    Unusual,
    _check,
    block_columns,
    check_steps,
    check_supplements,
    check_timeline,
    concat,
    digit_instants,
)
from cchc.lib.natsync_fields import (
    APPOINTMENT,
    CODE,
    ENDED,
    INTER_AGENCY,
    PROCEDURE,
    RECEIVED,
    STATUS,
    STATUS_HISTORY,
    STEPS,
    SUPPLEMENTS,
)
from cchc.lib.outcomes import CAUSE_ORDER, OUTCOME_ORDER, UNIT_CODE, LegalLimit
from cchc.lib.outcomes_batch import BatchOutcome, DossierBatch
from cchc.lib.record_stream import (
    _BOM,
    MAX_RECORD_BYTES,
    ROW,
    _DepthGuard,
    _ndjson_lines,
    _open,
    _too_long,
    _TooDeep,
)

# Bytes of whole lines parsed at once (about 18,000 national records): one Arrow call and one batch.
CHUNK: Final = 16 * 1024 * 1024
# What ``str.strip()`` removes (``str.isspace``; none lies beyond U+3000), for ``utf8_trim``.
WHITESPACE: Final = "".join(c for c in map(chr, range(0x3001)) if c.isspace())
_S: Final = pa.string()
_STEP_TYPE: Final = pa.struct([(k, pa.bool_() if k == INTER_AGENCY else _S) for k in _STEP])
_SUPPLEMENT_TYPE: Final = pa.struct([(k, _S) for k in _SUPPLEMENT])
# Every field the checks read. A type fixes what the exact reader could also accept in another
# spelling (a number as a code, "true" as a flag …): Arrow refuses those, and the exact reader reads them.
SCHEMA: Final = pa.schema(
    [(k, _S) for k in (CODE, PROCEDURE, STATUS, RECEIVED, APPOINTMENT, ENDED)]
    + [(INTER_AGENCY, pa.bool_())]
    + [(SUPPLEMENTS, pa.list_(_SUPPLEMENT_TYPE)), (STEPS, pa.list_(_STEP_TYPE))]
    + [(k, pa.list_(pa.null()) if k == STATUS_HISTORY else _S) for k in _RARE]
    + [(f[0], _S) for f in _FACTS]
)
_PARSE: Final = pj.ParseOptions(explicit_schema=SCHEMA, unexpected_field_behavior="ignore")
_STATUSES: Final = pa.array([str(s) for s in range(1, 11)])
# The accepted spellings of each service fact, as texts (numbers and booleans never reach these columns).
_FACT_TEXTS: Final = [
    (key, pa.array(sorted(v for v in allowed if type(v) is str))) for key, allowed, _ in _FACTS
]
_US: Final = "datetime64[us]"


@dataclass
class ColumnarBatch(DossierBatch):
    """A batch whose texts stay Arrow arrays: ``texts["codes"]``, ``["unit"]``, ``["official"]`` (None
    for a blank). ``codes`` is the Python list (the repeated-code check needs it); ``step_unit`` and
    ``step_official`` are empty until ``with_lists()`` — ``judge_many`` never reads them."""

    texts: Any = None

    def with_lists(self) -> ColumnarBatch:
        self.step_unit = self.texts["unit"].to_pylist()
        self.step_official = self.texts["official"].to_pylist()
        return self


def arrow_batches(
    path: str | Path, *, procedures: Mapping[str, LegalLimit] | None = None
) -> Iterator[tuple[DossierBatch, list[RecordError]]]:
    """``natsync_columns.outcome_batches`` for a line-delimited file (same dossiers, same errors, same
    ``UnreadableInput``), a block of lines at a time."""
    limits = _Limits(procedures)
    counter = _Counter()
    seen: dict[str, int] = {}
    line_no = 0
    tail = b""
    with _open(Path(path)) as fh:
        while True:
            chunk = fh.read(CHUNK)
            data = tail + chunk if tail else chunk
            cut = data.rfind(b"\n") + 1 if chunk else len(data)
            if cut:
                # The block is data[:cut], read in place (a copy of 16 MB per block costs more than the rest).
                block = _Block(data, cut, line_no, *counter.counts(data, cut))
                yield from _body(block, limits, seen)
                line_no += block.lines
            tail = data[cut:]
            if not chunk:
                return
            if len(tail) > MAX_RECORD_BYTES:
                raise _too_long(line_no + 1)


class _Counter:
    """Newlines and opening brackets of a block, counted by numpy in two buffers kept from block to block
    (fresh 16 MB temporaries would cost a page fault every 4 KB)."""

    def __init__(self) -> None:
        self.bytes = np.empty(0, dtype=np.uint8)
        self.flags = np.empty(0, dtype=np.bool_)

    def counts(self, data: bytes, cut: int) -> tuple[int, int]:
        if self.bytes.size < cut:
            self.bytes, self.flags = np.empty(cut, dtype=np.uint8), np.empty(cut, dtype=np.bool_)
        a = np.frombuffer(data, dtype=np.uint8, count=cut)
        scratch, flags = self.bytes[:cut], self.flags[:cut]
        newlines = int(np.count_nonzero(np.equal(a, 10, out=flags)))
        # "[" is 0x5B and "{" 0x7B: the same once bit 0x20 is set (no other byte is).
        brackets = int(np.count_nonzero(np.equal(np.bitwise_or(a, 0x20, out=scratch), 0x7B, out=flags)))
        return newlines + (data[cut - 1] != 10), brackets


class _Block(NamedTuple):
    data: bytes  # the block is data[:cut]
    cut: int
    before: int  # lines before it
    lines: int
    brackets: int


def _body(
    block: _Block, limits: _Limits, seen: dict[str, int]
) -> Iterator[tuple[DossierBatch, list[RecordError]]]:
    try:
        yield _columns(block, limits, seen), []
    except Unusual:
        yield from _exact(block.data[: block.cut], block.before, limits.procedures, seen)


def _exact(
    body: bytes, before: int, procedures: Mapping[str, LegalLimit] | None, seen: dict[str, int]
) -> Iterator[tuple[DossierBatch, list[RecordError]]]:
    """The lines as ``record_stream`` and ``natsync_columns.outcome_batches`` read them."""
    lines = body.split(b"\n")
    if body.endswith(b"\n"):
        lines.pop()
    long = None
    if len(body) > MAX_RECORD_BYTES and max(map(len, lines)) > MAX_RECORD_BYTES:
        long = next(i for i, line in enumerate(lines) if len(line) > MAX_RECORD_BYTES)
        lines = lines[:long]
    items: Iterator[RawItem] = ((n, raw, []) for n, raw in _ndjson_lines(lines, before, body))
    parts: list[DossierBatch] = []
    errors: list[RecordError] = []
    while block := list(itertools.islice(items, BLOCK)):
        try:
            parts.append(block_columns(block, procedures, seen))
        except (Unusual, TypeError):
            exact = _parse_all(block, ROW, procedures, seen)
            parts.append(DossierBatch.from_dossiers(exact.dossiers))
            errors.extend(exact.errors)
    if long is not None:
        raise _too_long(before + long + 1)
    if parts:
        yield concat(parts), errors


class _Limits:
    """The procedures file's limits as two arrays, looked up by ``index_in`` for a whole column."""

    def __init__(self, procedures: Mapping[str, LegalLimit] | None) -> None:
        self.procedures = procedures
        items = list((procedures or {}).items())
        self.codes = pa.array([k for k, _ in items], type=_S)
        self.value = np.array([v.value for _, v in items] + [np.nan], dtype=np.float64)
        self.unit = np.array([UNIT_CODE[v.unit] for _, v in items] + [0], dtype=np.int8)

    def of(self, procedure: Any) -> tuple[np.ndarray, np.ndarray]:
        n = len(procedure)
        if not self.procedures:
            return np.full(n, np.nan), np.zeros(n, dtype=np.int8)
        at = pc.index_in(procedure, value_set=self.codes).fill_null(-1).to_numpy()
        return self.value[at], self.unit[at]


def _columns(block: _Block, limits: _Limits, seen: dict[str, int]) -> ColumnarBatch:
    """The block's records as a batch, when every one is a record the exact reader would accept and read
    as these columns do; else ``Unusual`` (``seen`` untouched)."""
    data, cut, before = block.data, block.cut, block.before
    start = len(_BOM) if before == 0 and data.startswith(_BOM) else 0  # the exact reader drops it on line 1
    # A mark further on is a fault there. Its first byte alone is found by memchr, ten times faster.
    _check(data.find(_BOM[:1], start, cut) < 0 or data.find(_BOM, start, cut) < 0)
    # Arrow reads a NUL (raw or \\u0000) into a text; the exact reader refuses it by its line and field.
    _check(data.find(b"\x00", start, cut) < 0 and data.find(NUL_ESCAPE, start, cut) < 0)
    body = pa.py_buffer(memoryview(data)[start:cut])
    try:
        table = pj.read_json(
            pa.BufferReader(body),
            read_options=pj.ReadOptions(block_size=body.size + 1, use_threads=False),
            parse_options=_PARSE,
        )
    except pa.ArrowException:  # whatever Arrow refuses, the exact reader reads (or names)
        raise Unusual from None
    n = table.num_rows
    # A blank line, or two objects on one line, would move the line numbers: the exact reader numbers them.
    _check(n == block.lines and n > 0)
    _utf8(body)  # Arrow reads the fields it ignores without checking their bytes; Python would refuse them
    cols = {name: table.column(name).combine_chunks() for name in table.column_names}
    sups, sup_counts = _list(cols[SUPPLEMENTS])
    steps, step_counts = _list(cols[STEPS])
    _shallow(body, block.brackets, n, cols, len(sups), len(steps))

    for key in _RARE:
        c = cols[key]
        length = pc.list_value_length(c) if key == STATUS_HISTORY else pc.binary_length(c)
        _check(pc.max(length).as_py() in (None, 0))
    for key, allowed in _FACT_TEXTS:
        _check(pc.all(pc.is_in(cols[key].fill_null(""), value_set=allowed)).as_py() is not False)

    codes = _text(cols[CODE], required=True)
    procedure = _text(cols[PROCEDURE], required=True)
    at = pc.index_in(cols[STATUS], value_set=_STATUSES)
    _check(at.null_count == 0)
    status = (at.to_numpy() + 1).astype(np.int8)
    received = _instants(cols[RECEIVED])
    appointment = _instants(cols[APPOINTMENT])
    ended = _instants(cols[ENDED])
    check_timeline(status, received, appointment, ended)

    requested = _instants(sups.field("NgayBoSung"))
    completed = _instants(sups.field("NgayTiepNhanBoSung"))
    check_supplements(requested, completed)
    started = _instants(steps.field("NgayBatDau"))
    finished = _instants(steps.field("ThoiDiemXuLy"))
    deadline = _instants(steps.field("NgayKetThucTheoQuyDinh"))
    check_steps(started, finished)
    external = steps.field(INTER_AGENCY).fill_null(False).to_numpy(zero_copy_only=False)
    units = _text(steps.field("PhongBanXuLy"), required=False)
    officials = _text(steps.field("NguoiXuLy"), required=False)
    limit_value, limit_unit = limits.of(procedure)

    # A repeated code makes a record faulty: the exact reader names it. Checked last, so ``seen`` only
    # grows by a block the columns read.
    _check(pc.count_distinct(codes).as_py() == n)
    code_list: list[str] = codes.to_pylist()
    _check(seen.keys().isdisjoint(code_list))
    seen.update(zip(code_list, range(before + 1, before + n + 1), strict=True))
    return ColumnarBatch(
        codes=code_list,
        status=status,
        received=received.view(_US),
        appointment=appointment.view(_US),
        ended=ended.view(_US),
        limit_value=limit_value,
        limit_unit=limit_unit,
        sup_owner=np.repeat(np.arange(n, dtype=np.int64), sup_counts),
        sup_requested=requested.view(_US),
        sup_completed=completed.view(_US),
        step_owner=np.repeat(np.arange(n, dtype=np.int64), step_counts),
        step_started=started.view(_US),
        step_finished=finished.view(_US),
        step_deadline=deadline.view(_US),
        step_external=np.asarray(external, dtype=np.bool_),
        step_unit=[],
        step_official=[],
        texts={"codes": codes, "unit": units, "official": officials},
    )


def _utf8(body: Any) -> None:
    whole = pa.Array.from_buffers(
        pa.string(), 1, [None, pa.py_buffer(np.array([0, body.size], dtype=np.int32)), body]
    )
    try:
        whole.validate(full=True)
    except pa.ArrowInvalid:
        raise Unusual from None


def _shallow(body: Any, brackets: int, n: int, cols: dict[str, Any], sups: int, steps: int) -> None:
    """Arrow reads a field it ignores however deep it nests; the exact reader gives up (Python's
    recursion limit). When the block has no bracket beyond the records', their lists and the objects in
    them, nothing nests deeper than three; else the nesting is measured (``record_stream``'s guard)."""
    known = n + sups + steps + sum(len(cols[k]) - cols[k].null_count for k in (SUPPLEMENTS, STEPS))
    known += len(cols[STATUS_HISTORY]) - cols[STATUS_HISTORY].null_count
    if brackets == known:
        return
    try:
        _DepthGuard(io.BytesIO(body.to_pybytes())).read(body.size)
    except _TooDeep:
        raise Unusual from None


def _list(column: Any) -> tuple[Any, np.ndarray]:
    """The objects of a list column, flat (a null object is unusual), and how many each record has."""
    flat = pc.list_flatten(column)
    _check(flat.null_count == 0)
    return flat, pc.list_value_length(column).fill_null(0).to_numpy(zero_copy_only=False)


def _text(column: Any, *, required: bool) -> Any:
    """``_Record.text`` for a column of texts: stripped as ``str.strip`` does, blank as None."""
    trimmed = pc.utf8_trim(column, characters=WHITESPACE)
    blank = pc.equal(pc.binary_length(trimmed), 0)
    if required:
        _check(trimmed.null_count == 0 and not pc.any(blank).as_py())
        return trimmed
    if pc.any(blank).as_py():
        trimmed = pc.if_else(blank, pa.scalar(None, _S), trimmed)
    return trimmed


def _instants(column: Any) -> np.ndarray:
    """``natsync_columns.instants`` of an Arrow column of texts, read from its bytes: blanks (null or
    "") are NaT; every other value must be fourteen bytes, and those lie end to end in the column's
    data, so they are read as one array."""
    n = len(column)
    out = np.full(n, _NAT, dtype=np.int64)
    if not n:
        return out
    lengths = pc.binary_length(column).fill_null(0).to_numpy()
    present = lengths != 0
    k = int(np.count_nonzero(present))
    if not k:
        return out
    _check(bool((lengths[present] == 14).all()))
    _, offsets, data = column.buffers()
    bounds = np.frombuffer(offsets, dtype=np.int32, count=n + 1, offset=column.offset * 4)
    _check(int(bounds[-1] - bounds[0]) == 14 * k)  # nothing hidden behind a null
    values = digit_instants(
        np.frombuffer(data, dtype=np.uint8, count=14 * k, offset=int(bounds[0])).reshape(k, 14)
    )
    _check(not bool((values == _NAT).any()))  # "00000000000000" written out: the exact reader names it
    out[present] = values
    return out


_OUTCOMES: Final = pa.array([o.value for o in OUTCOME_ORDER])
_CAUSES: Final = pa.array(["", *(c.value for c in CAUSE_ORDER)])
_NEEDS_QUOTES: Final = '[,"\\r\\n]'


def csv_text(result: BatchOutcome) -> str | None:
    """The CSV rows ``dossier-outcomes`` writes for a ``ColumnarBatch``'s verdicts (MaHoSo, outcome,
    cause_kind, cause_unit, cause_official; one row per cause, one for a dossier without), built by
    Arrow at once; None when a text would need quoting (then the csv module writes them)."""
    b = result.batch
    if not isinstance(b, ColumnarBatch):
        return None
    n = len(result)
    texts = b.texts
    counts = np.bincount(result.cause_owner, minlength=n)
    rows = np.maximum(counts, 1)
    owner = np.repeat(np.arange(n, dtype=np.int64), rows)
    nth = np.arange(owner.size) - (np.cumsum(rows) - rows)[owner]
    cause = np.where(counts[owner] > 0, (np.cumsum(counts) - counts)[owner] + nth, -1)
    has = cause >= 0
    kind = np.zeros(owner.size, dtype=np.int64)
    kind[has] = result.cause_kind[cause[has]].astype(np.int64) + 1
    step = np.full(owner.size, -1, dtype=np.int64)
    step[has] = result.cause_step[cause[has]]
    named = step >= 0
    official_shown = named.copy()
    official_shown[named] = ~b.step_external[step[named]]
    code = pc.take(texts["codes"], owner)
    unit = pc.take(texts["unit"], pa.array(np.where(named, step, 0), mask=~named)).fill_null("")
    official = pc.take(texts["official"], pa.array(np.where(official_shown, step, 0), mask=~official_shown))
    official = official.fill_null("")
    for column in (code, unit, official):
        if pc.any(pc.match_substring_regex(column, _NEEDS_QUOTES)).as_py():
            return None
    lines = pc.binary_join_element_wise(
        code,
        pc.take(_OUTCOMES, result.outcome.astype(np.int64)[owner]),
        pc.take(_CAUSES, kind),
        unit,
        pc.binary_join_element_wise(official, "", "\n"),
        ",",
    )
    _, offsets, data = lines.buffers()
    bounds = np.frombuffer(offsets, dtype=np.int32, count=len(lines) + 1, offset=lines.offset * 4)
    return memoryview(data)[int(bounds[0]) : int(bounds[-1])].tobytes().decode("utf-8")


__all__ = ["CHUNK", "SCHEMA", "WHITESPACE", "ColumnarBatch", "arrow_batches", "csv_text"]
