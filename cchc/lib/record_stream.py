"""Reading a file of records one record at a time, whatever its size. Pure (no Django).

The one door every reader of one-door exports goes through (``natsync``, the dossier import): a file —
a path, or an open binary file — becomes an iterator of ``(number, record)`` pairs in file order, with
memory bounded by the largest record, never by the file. Accepted shapes:

- JSON: a list of records, or an object whose ``data`` key holds that list (the body of the national
  portal's DongBoHoSoMC); streamed with ijson (its C backend, yajl2_c). Records are numbered from 1.
- Line-delimited JSON (``.ndjson``, ``.jsonl``, or JSON whose first line is a whole record): one record
  per line, numbered by the line (blank lines are skipped but counted).
- CSV (``,``, ``;`` or tab, by the first line): one record per row, keyed by the heading row; the
  heading is row 1, so the first record is row 2; rows whose every cell is blank are skipped but
  counted.
- XLSX: the first sheet, numbered like CSV; the workbook first passes ``zipguard`` (compressed-file
  bombs) and its rows are handed out one by one.

A record that is not a JSON object is handed out as it is (the caller names it as faulty). Anything that
stops the file from being read at all — syntax, encoding, a missing heading — raises
``UnreadableInput`` with a Vietnamese message naming the record (or line, or row) where reading stopped;
records before it have already been handed out, so a caller that must be all-or-nothing reads the whole
file before acting on it.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, Final, cast

import numpy as np

from cchc.lib import bad_text
from cchc.lib.json_half_pairs import HalfPairGuard
from cchc.lib.zipguard import Limits, WorkbookRefused, check_workbook


def _no_fast_loads(line: bytes) -> Any:
    """Without orjson every line goes to ``_exact_line`` (``json.loads`` and its checks)."""
    raise ValueError


_fast_loads: Callable[[bytes], Any]
try:
    from orjson import loads as _fast_loads
except ImportError:  # a virtual environment made before orjson was required
    _fast_loads = _no_fast_loads

RECORD: Final = "bản ghi"
ROW: Final = "dòng"
FORMATS: Final = ("json", "ndjson", "csv", "xlsx")
NDJSON_SUFFIXES: Final = (".ndjson", ".jsonl")
CSV_SUFFIXES: Final = (".csv", ".tsv")
XLSX_SUFFIXES: Final = (".xlsx", ".xlsm")
# One record larger than this is not a dossier: refused rather than held (a line without an end).
MAX_RECORD_BYTES: Final = 16 * 1024 * 1024
# The national shape nests five deep ({"data": [{"QuaTrinhXuLy": [{…}]}]}). The streaming parser keeps
# a path per level, so a hostile file nested a hundred thousand deep would cost memory quadratic in its
# depth: refused before the parser sees it.
MAX_DEPTH: Final = 64
CHUNK: Final = 1 << 20
# When a JSON file this small is broken, it is read once more whole to name the line and column too.
EXACT_POSITION_BYTES: Final = 64 * 1024 * 1024
_BOM: Final = b"\xef\xbb\xbf"


class UnreadableInput(Exception):
    """The file as a whole cannot be read; the message is Vietnamese and meant for the user."""


def env_limits(environ: Any = os.environ) -> Limits:
    """The workbook limits from the same variables as ``cchc/settings.py`` (same defaults)."""
    return Limits(
        uncompressed_bytes=int(environ.get("CCHC_IMPORT_MAX_UNCOMPRESSED_BYTES") or 256 * 1024 * 1024),
        cells=int(environ.get("CCHC_IMPORT_MAX_CELLS") or 10_000_000),
    )


class Records(Iterator[tuple[int, Any]]):
    """``(number, record)`` pairs of one file. ``format`` is one of ``FORMATS``; ``where`` is what a
    number counts in messages ("bản ghi" for JSON, "dòng" for lines and rows); ``header`` is the
    heading row of a CSV or XLSX (stripped), else None."""

    def __init__(
        self, fmt: str, where: str, items: Iterator[tuple[int, Any]], header: list[str] | None
    ) -> None:
        self.format, self.where, self.header = fmt, where, header
        self._items = items

    def __iter__(self) -> Records:
        return self

    def __next__(self) -> tuple[int, Any]:
        return next(self._items)


def detect_format(name: str, head: bytes) -> str:
    """By the name's suffix, else by the first bytes (a zip is a workbook; ``[`` or ``{`` is JSON, line-
    delimited when its first line is a whole object without a ``data`` list)."""
    suffix = Path(name).suffix.lower()
    if suffix in NDJSON_SUFFIXES:
        return "ndjson"
    if suffix in XLSX_SUFFIXES:
        return "xlsx"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    stripped = head.removeprefix(_BOM).lstrip(b" \t\r\n")
    if stripped[:1] == b"[":
        return "json"
    if stripped[:1] == b"{":
        return "ndjson" if _first_line_is_a_record(stripped) else "json"
    return "json" if suffix == ".json" else "csv"


def is_line_delimited(path: str | Path) -> bool:
    """Whether ``record_stream`` reads the file as line-delimited JSON (False when it does not open:
    the exact reader then says why)."""
    try:
        with Path(path).open("rb") as fh:
            head = fh.read(CHUNK)
    except OSError:
        return False
    return detect_format(str(path), head) == "ndjson"


def _first_line_is_a_record(head: bytes) -> bool:
    line, newline, rest = head.partition(b"\n")
    if not newline or not rest.strip():
        return False  # a single line: one JSON document either way
    try:
        first = json.loads(line)
    except (ValueError, RecursionError):
        return False
    return isinstance(first, dict) and not isinstance(first.get("data"), list)


def iter_records(
    source: str | Path | IO[bytes], *, name: str = "", fmt: str | None = None, limits: Limits | None = None
) -> Records:
    """The records of a file (a path or an open, seekable binary file; ``name`` gives an open file's
    suffix). ``limits`` bound a workbook's unpacked size (default: ``env_limits()``). Raises
    ``UnreadableInput`` at once for a file that does not open or has no usable heading, or later, from
    ``next()``, where the reading stops."""
    if isinstance(source, str | Path):
        path = Path(source)
        fh = _open(path)
        name = name or path.name
    else:
        fh = source
    head = fh.read(CHUNK)
    fh.seek(fh.tell() - len(head))
    kind = fmt or detect_format(name, head)
    if kind == "ndjson":
        return Records(kind, ROW, _ndjson(fh), None)
    if kind == "xlsx":
        header, rows = _xlsx(fh, limits)
        return Records(kind, ROW, rows, header)
    if kind == "csv":
        header, rows = _csv(fh)
        return Records(kind, ROW, rows, header)
    return Records("json", RECORD, _json(fh, head), None)


def _open(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise UnreadableInput(f"Không tìm thấy tệp {path}") from None
    except IsADirectoryError:
        raise UnreadableInput(f"{path} là một thư mục, không phải tệp") from None
    except OSError as exc:
        raise UnreadableInput(f"Không đọc được tệp {path}: {exc.strerror}") from None


# --- JSON ------------------------------------------------------------------------------------------------


def _json(fh: IO[bytes], head: bytes) -> Iterator[tuple[int, Any]]:
    start = fh.tell()
    if head.startswith(_BOM):
        fh.seek(start + len(_BOM))
        head = head[len(_BOM) :]
    first = head.lstrip(b" \t\r\n")[:1]
    if first not in (b"[", b"{"):
        if not first:
            raise UnreadableInput("Tệp trống")
        try:
            json.loads(head.decode("utf-8"))
        except (ValueError, RecursionError):
            pass
        else:
            raise UnreadableInput(
                'Tệp JSON phải là một danh sách hồ sơ hoặc một đối tượng có khóa "data" là danh sách'
            )
        yield from _broken(fh, start, 1)
        return
    import ijson  # here, not at the top: every ``cchc`` command imports this module at start-up

    prefix = "item" if first == b"[" else "data.item"
    n = 0
    halves = HalfPairGuard(fh, CHUNK)
    guarded = _DepthGuard(cast(IO[bytes], halves))
    try:
        for n, record in enumerate(ijson.items(guarded, prefix, use_float=True, buf_size=CHUNK), start=1):
            yield n, record
    except (ijson.JSONError, UnicodeDecodeError):  # the latter: a string ijson cannot decode
        if halves.nul:
            raise UnreadableInput(bad_text.nul(f"Bản ghi {n + 1}")) from None
        if halves.found:
            raise _half_pair(f"Bản ghi {n + 1}") from None
        yield from _broken(fh, start, n + 1)
        return
    except _TooDeep:
        raise UnreadableInput(
            f"Tệp JSON lồng nhau quá nhiều tầng (ở {RECORD} {n + 1}); hệ thống không đọc."
        ) from None
    if n == 0 and prefix == "data.item" and not _has_data_list(fh, start):
        raise UnreadableInput(
            'Tệp JSON phải là một danh sách hồ sơ hoặc một đối tượng có khóa "data" là danh sách'
        )


def _has_data_list(fh: IO[bytes], start: int) -> bool:
    import ijson

    fh.seek(start)
    for prefix, event, _ in ijson.parse(_DepthGuard(fh), buf_size=CHUNK):
        if prefix == "data" and event == "start_array":
            return True
    return False


def _broken(fh: IO[bytes], start: int, number: int) -> Iterator[tuple[int, Any]]:
    """Raise the message for a file the parser stopped in, at record ``number``; a small file is read
    once more whole so the message names the line and column too. (A generator, so it can be
    ``yield from``-ed where the stopping happened.)"""
    where = f"{RECORD} {number}"
    fh.seek(0, io.SEEK_END)
    size = fh.tell() - start
    if size <= EXACT_POSITION_BYTES:
        fh.seek(start)
        data = fh.read()
        try:
            json.loads(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise UnreadableInput(f"Tệp không phải văn bản UTF-8 (hỏng ở {where})") from None
        except json.JSONDecodeError as exc:
            raise UnreadableInput(
                f"Tệp JSON không hợp lệ (dòng {exc.lineno}, cột {exc.colno}): sai cú pháp ở {where}"
            ) from None
        except RecursionError:
            raise UnreadableInput(
                f"Tệp JSON lồng nhau quá nhiều tầng (ở {where}); hệ thống không đọc."
            ) from None
    raise UnreadableInput(f"Tệp JSON không hợp lệ: sai cú pháp hoặc không phải UTF-8 ở {where}")
    yield  # pragma: no cover


class _TooDeep(Exception):
    pass


_QUOTE, _BACKSLASH, _OPEN, _CLOSE = 1, 2, 3, 4
_CLASSES: Final = bytes(
    {0x22: _QUOTE, 0x5C: _BACKSLASH, 0x5B: _OPEN, 0x7B: _OPEN, 0x5D: _CLOSE, 0x7D: _CLOSE}.get(b, 0)
    for b in range(256)
)


class _DepthGuard(io.RawIOBase):
    """A reader that tracks the JSON nesting depth of what passes through it (strings and escapes
    understood), vectorised per chunk, and stops at ``MAX_DEPTH``."""

    def __init__(self, fh: IO[bytes]) -> None:
        self._fh = fh
        self._depth = 0
        self._in_string = False
        self._escaping = False  # the chunk before ended in an odd run of backslashes inside a string

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = self._fh.read(CHUNK if size is None or size < 0 else size)
        if chunk:
            self._scan(chunk)
        return chunk

    def readinto(self, buffer: Any) -> int:  # pragma: no cover - ijson calls read()
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def _scan(self, chunk: bytes) -> None:
        # One C pass classifies every byte (0: nothing to see); numpy then works on the few others.
        a = np.frombuffer(chunk.translate(_CLASSES), dtype=np.uint8)
        pos = np.flatnonzero(a)
        c = a[pos]
        if self._escaping or chunk.find(b"\\") >= 0:
            quote = (c == _QUOTE) & ~self._escaped(pos, c, len(chunk))
        else:  # no backslash, so no escaped quote (most chunks of most files)
            quote = c == _QUOTE
        if quote.size == 0:
            return
        # Inside a string when an odd number of quotes stands before (counting the chunk before's).
        parity = np.bitwise_xor.accumulate(quote.view(np.uint8))
        inside = (parity ^ quote.view(np.uint8) ^ np.uint8(self._in_string)).astype(bool)
        self._in_string = bool(parity[-1] ^ np.uint8(self._in_string))
        brackets = c[(c >= _OPEN) & ~inside]
        if brackets.size == 0:
            return
        depth = self._depth + np.cumsum(np.where(brackets == _OPEN, 1, -1))
        if int(depth.max()) > MAX_DEPTH:
            raise _TooDeep
        self._depth = int(depth[-1])

    def _escaped(self, pos: Any, c: Any, size: int) -> Any:
        """Which of the classified characters are escaped: those right after an odd run of backslashes
        (backslashes are only valid inside strings, so runs are counted on these characters alone)."""
        if self._escaping:  # the run of backslashes the chunk before ended with, as one at -1
            pos = np.concatenate(([-1], pos))
            c = np.concatenate(([_BACKSLASH], c)).astype(np.uint8)
        backslash = c == _BACKSLASH
        idx = np.arange(pos.size)
        chain = np.zeros(pos.size, dtype=bool)
        chain[1:] = backslash[:-1] & (pos[1:] == pos[:-1] + 1)
        run = idx - np.maximum.accumulate(np.where(chain, 0, idx))
        escaped = run % 2 == 1
        self._escaping = bool(backslash[-1] and pos[-1] == size - 1 and (run[-1] + 1) % 2 == 1)
        return escaped[1:] if pos[0] == -1 else escaped


def _half_pair(where: str) -> UnreadableInput:
    return UnreadableInput(bad_text.half_pair(where))


# --- line-delimited JSON ---------------------------------------------------------------------------------


def _ndjson(fh: IO[bytes]) -> Iterator[tuple[int, Any]]:
    """Lines read in large chunks (not one ``readline`` each) and parsed by orjson, which reads a line
    about a third faster than ``json.loads``; a line orjson refuses is read by ``json.loads`` itself, so
    what it accepts (NaN) is accepted as before and a broken line is named as before; a line holding a lone
    surrogate, which ``json.loads`` accepts, or a NUL, raw or escaped (orjson reads ``\\u0000``), is
    refused by its number and field (``_exact_line``).
    orjson reads an integer beyond 64 bits as a float where ``json.loads`` keeps it whole: a line with a
    run of 19 digits (in a number or a string) is read by ``json.loads`` too."""
    line_no = 0
    tail = b""
    while True:
        chunk = fh.read(NDJSON_CHUNK)
        data = tail + chunk if tail else chunk
        lines = data.split(b"\n")
        tail = b"" if not chunk else lines.pop()
        if lines and max(map(len, lines)) > MAX_RECORD_BYTES:
            long = next(i for i, line in enumerate(lines) if len(line) > MAX_RECORD_BYTES)
            yield from _ndjson_lines(lines[:long], line_no, data)
            raise _too_long(line_no + long + 1)
        yield from _ndjson_lines(lines, line_no, data)
        line_no += len(lines)
        if not chunk:
            return
        if len(tail) > MAX_RECORD_BYTES:
            raise _too_long(line_no + 1)


NDJSON_CHUNK: Final = 8 * CHUNK
# Digits to "0", everything else to a space: a run of 19 digits is then found by a substring search (a
# regular expression takes seconds on the many 14-digit instants of a large file).
_DIGITS: Final = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))
_NINETEEN: Final = b"0" * 19


def _long_number(data: bytes) -> bool:
    return _NINETEEN in data.translate(_DIGITS)


def _too_long(line_no: int) -> UnreadableInput:
    return UnreadableInput(
        f"Dòng {line_no} dài quá {MAX_RECORD_BYTES // (1024 * 1024)} MB; mỗi dòng phải là một hồ sơ."
    )


def _ndjson_lines(lines: list[bytes], before: int, data: bytes) -> Iterator[tuple[int, Any]]:
    loads = _fast_loads
    careful = _long_number(data)
    nuls = bad_text.NUL_ESCAPE in data  # one search per chunk; most files hold none
    for line_no, line in enumerate(lines, start=before + 1):
        if line_no == 1 and line.startswith(_BOM):
            line = line[len(_BOM) :]
        if not line.strip():
            continue
        if (careful and _long_number(line)) or (nuls and bad_text.NUL_ESCAPE in line):
            yield line_no, _exact_line(line, line_no)
            continue
        try:
            record = loads(line)
        except (ValueError, RecursionError):  # orjson's JSONDecodeError is a ValueError
            record = _exact_line(line, line_no)
        yield line_no, record


def _exact_line(line: bytes, line_no: int) -> Any:
    raw_nul = b"\x00" in line
    try:
        # A raw NUL inside a string is read (strict=False) so the message can name its field.
        record = json.loads(line, strict=not raw_nul)
    except UnicodeDecodeError:
        raise UnreadableInput(f"Tệp không phải văn bản UTF-8 (dòng {line_no})") from None
    except json.JSONDecodeError as exc:
        if raw_nul:
            raise UnreadableInput(bad_text.nul(f"Dòng {line_no}")) from None
        raise UnreadableInput(
            f"Tệp JSON theo dòng không hợp lệ (dòng {line_no}, cột {exc.colno}): sai cú pháp; "
            "mỗi dòng phải là một đối tượng JSON"
        ) from None
    except RecursionError:
        raise UnreadableInput(
            f"Tệp JSON lồng nhau quá nhiều tầng (dòng {line_no}); hệ thống không đọc."
        ) from None
    # json.loads keeps a lone UTF-16 surrogate (an escape such as \\ud800, or its bytes read with
    # "surrogatepass") and a NUL; no database, CSV or page can hold them, so the line is refused here, by
    # its number and field, instead of failing later while writing.
    fault = bad_text.fault(f"Dòng {line_no}", record)
    if fault:
        raise UnreadableInput(fault)
    return record


# --- CSV -------------------------------------------------------------------------------------------------


def _csv(fh: IO[bytes]) -> tuple[list[str], Iterator[tuple[int, Any]]]:
    text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
    try:
        first_line = text.readline()
    except UnicodeDecodeError:
        raise UnreadableInput("Tệp không phải văn bản UTF-8 (dòng 1)") from None
    if not first_line.strip() and not text.read(1):
        raise UnreadableInput("Tệp trống")
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(_chain(first_line, text), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise UnreadableInput("Tệp trống") from None
    except csv.Error:
        raise UnreadableInput("Tệp CSV không đọc được: dòng tiêu đề sai cấu trúc") from None
    except _Nul:
        raise _nul(1) from None

    def rows() -> Iterator[tuple[int, Any]]:
        row_number = 1
        try:
            for cells in reader:
                row_number += 1
                if not any(c.strip() for c in cells):
                    continue
                yield row_number, dict(zip(header, cells, strict=False))
        except csv.Error:
            raise UnreadableInput(
                f"Tệp CSV không đọc được ở dòng {row_number + 1}: dấu ngoặc kép không đóng hoặc ô quá dài"
            ) from None
        except UnicodeDecodeError:
            raise UnreadableInput(f"Tệp không phải văn bản UTF-8 (sau dòng {row_number})") from None
        except _Nul:
            raise _nul(row_number + 1) from None

    return header, rows()


class _Nul(Exception):
    pass


def _nul(line_no: int) -> UnreadableInput:
    return UnreadableInput(bad_text.nul(f"Dòng {line_no}"))


def _chain(first: str, rest: IO[str]) -> Iterator[str]:
    """The lines, each refused if it holds a NUL: PostgreSQL cannot store one in a text, and the import
    used to fail while writing, with a database error instead of the row's number."""
    for line in itertools.chain((first,), rest):
        if "\x00" in line:
            raise _Nul
        yield line


# --- XLSX ------------------------------------------------------------------------------------------------


def _xlsx(fh: IO[bytes], limits: Limits | None = None) -> tuple[list[str], Iterator[tuple[int, Any]]]:
    start = fh.tell()
    if fh.read(4) == b"PK\x03\x04":  # anything else is not a zip: the spreadsheet reader says so
        try:
            check_workbook(fh, limits or env_limits())
        except WorkbookRefused as exc:
            raise UnreadableInput(str(exc)) from None
    fh.seek(start)
    try:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_filelike(fh)
        rows = book.get_sheet_by_index(0).iter_rows()
        first = next(rows, None)
    except Exception:  # the library's messages are English: the person gets ours
        raise UnreadableInput(
            "Tệp Excel không đọc được: tệp hỏng, có mật khẩu hoặc không phải bảng tính .xlsx."
        ) from None
    if first is None:
        raise UnreadableInput("Bảng tính rỗng.")
    header = ["" if h is None else str(h).strip() for h in first]
    if (fault := bad_text.in_rows([header])) is not None:
        raise UnreadableInput(fault)

    def records() -> Iterator[tuple[int, Any]]:
        for n, row in enumerate(rows, start=2):
            if not any(c not in (None, "") for c in row):
                continue
            # A cell may hold a NUL (written _x0000_ in the sheet's XML).
            if (fault := bad_text.in_rows((row,), header, n)) is not None:
                raise UnreadableInput(fault)
            yield n, {h: (row[i] if i < len(row) else None) for i, h in enumerate(header)}

    return header, records()
