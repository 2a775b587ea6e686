"""Checks every uploaded spreadsheet goes through before a parser sees it (settings CCHC_IMPORT_MAX_*)."""

from __future__ import annotations

from typing import IO

from django.conf import settings

from cchc.lib.zipguard import Limits, WorkbookRefused, check_workbook, declared_size, is_zip

__all__ = ["WorkbookRefused", "check_upload", "unpacked_size"]


def limits() -> Limits:
    return Limits(
        uncompressed_bytes=int(settings.CCHC_IMPORT_MAX_UNCOMPRESSED_BYTES),
        cells=int(settings.CCHC_IMPORT_MAX_CELLS),
    )


def check_upload(data: bytes | IO[bytes]) -> None:
    """``WorkbookRefused`` (Vietnamese message) for a zip-based workbook that is a bomb or broken."""
    if is_zip(data):
        check_workbook(data, limits())


def unpacked_size(data: bytes | IO[bytes]) -> int:
    """What the parser will really hold: a workbook's declared uncompressed size, or the bytes."""
    return declared_size(data)
