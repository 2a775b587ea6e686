"""Refuse compressed-file bombs before a spreadsheet library parses them (pure Python, no Django).

An XLSX is a zip. A 1.5 MB file can unpack to a 1.5 GB sheet, which took minutes and gigabytes in
the parser. ``check_workbook`` looks, in this order, at: the zip's directory (member count, declared
uncompressed sizes), each worksheet's declared dimension (rows × columns) and then every member's real
uncompressed bytes, streamed and counted, never held (Python's zip reader stops at the declared size
and fails the CRC when a member lies about it). All refusals are ``WorkbookRefused`` carrying a
``Refusal`` (cchc/lib/refusal.py): Vietnamese as ``str()``, in the page's language through
``cchc.core.refusals.say``; the check runs in a bounded time and memory whatever the file.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import IO

from cchc.lib.refusal import Refusal, Refused, gettext_noop

MAX_MEMBERS = 10_000
CHUNK = 1 << 20
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"')


class WorkbookRefused(Refused, ValueError):
    """The file is not a workbook this system will open; its ``refusal`` says why."""


class TooLarge(WorkbookRefused):
    """Refused for its unpacked size or member count (not for damage): a caller may say so its own way."""


@dataclass(frozen=True)
class Limits:
    uncompressed_bytes: int
    cells: int


def is_zip(data: bytes | IO[bytes]) -> bool:
    if isinstance(data, bytes):
        return data[:4] == b"PK\x03\x04"
    data.seek(0)
    head = data.read(4)
    data.seek(0)
    return head == b"PK\x03\x04"


def _length(data: bytes | IO[bytes]) -> int:
    if isinstance(data, bytes):
        return len(data)
    size = data.seek(0, io.SEEK_END)
    data.seek(0)
    return size


def declared_size(data: bytes | IO[bytes]) -> int:
    """Total declared uncompressed size of a zip (or the length of anything else); ``data`` is the
    bytes or an open binary file."""
    if not is_zip(data):
        return _length(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as zf:
            return sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return _length(data)


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


def _dimension_cells(head: bytes) -> int | None:
    match = _DIMENSION.search(head)
    if not match or not match.group(4):
        return None
    first_col, first_row, last_col, last_row = match.groups()
    rows = int(last_row) - int(first_row or 1) + 1
    cols = _column_number(last_col.decode()) - _column_number((first_col or b"A").decode()) + 1
    return max(rows, 1) * max(cols, 1)


def check_workbook(data: bytes | IO[bytes], limits: Limits) -> int:
    """The workbook's real uncompressed size, or ``WorkbookRefused``. ``data`` is the file's bytes or
    an open binary file (read from its start; its position is left anywhere)."""
    too_big = Refusal(
        gettext_noop(
            "Tệp bảng tính khi giải nén lớn hơn %(mb)s MB; hệ thống không mở. "
            "Hãy chia thành nhiều tệp nhỏ hơn hoặc xuất ra CSV."
        ),
        {"mb": limits.uncompressed_bytes // (1024 * 1024)},
    )
    try:
        if isinstance(data, bytes):
            zf = zipfile.ZipFile(io.BytesIO(data))
        else:
            data.seek(0)
            zf = zipfile.ZipFile(data)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise WorkbookRefused(
            Refusal(gettext_noop("Tệp không phải bảng tính Excel (.xlsx) hợp lệ hoặc đã bị hỏng."))
        ) from exc
    with zf:
        members = zf.infolist()
        if len(members) > MAX_MEMBERS:
            raise TooLarge(Refusal(gettext_noop("Tệp bảng tính có quá nhiều thành phần; hệ thống không mở.")))
        if sum(i.file_size for i in members) > limits.uncompressed_bytes:
            raise TooLarge(too_big)
        try:
            for info in members:
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    with zf.open(info) as fh:
                        cells = _dimension_cells(fh.read(4096))
                    if cells is not None and cells > limits.cells:
                        raise WorkbookRefused(
                            Refusal(
                                gettext_noop(
                                    "Trang tính có khoảng %(cells)s ô, quá giới hạn %(limit)s ô; "
                                    "hệ thống không mở. Hãy chia thành nhiều tệp nhỏ hơn."
                                ),
                                # Grouped the Vietnamese way (1.000.000), as every figure on a page.
                                {
                                    "cells": f"{cells:,}".replace(",", "."),
                                    "limit": f"{limits.cells:,}".replace(",", "."),
                                },
                            )
                        )
            total = 0
            for info in members:
                with zf.open(info) as fh:
                    while chunk := fh.read(CHUNK):
                        total += len(chunk)
                        if total > limits.uncompressed_bytes:
                            raise TooLarge(too_big)
        except WorkbookRefused:
            raise
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
            # A member that lies about its size fails its CRC; encrypted ones raise RuntimeError.
            raise WorkbookRefused(
                Refusal(gettext_noop("Tệp bảng tính đã bị hỏng hoặc có mật khẩu; hệ thống không mở."))
            ) from exc
    return total
