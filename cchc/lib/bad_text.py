"""Characters no stored text can hold, in a value read from a file — the one home of the rule and of its
Vietnamese sentences. Pure (no Django).

- NUL (code 0, raw or escaped as ``\\u0000``): PostgreSQL refuses it in a text, so an import used to stop
  while writing with a database error (SQLite kept it silently);
- a lone UTF-16 surrogate (``\\ud800`` without its pair): it has no UTF-8 form, so the database, a CSV or
  a page fails on it later, far from the row that brought it.

The readers (``record_stream``, ``json_half_pairs`` in front of the JSON parser, ``natsync`` for lists
written in a cell, the other importers) find them where they are cheapest to find and say where: the
record or row, and the field when it is known.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Final

from cchc.lib.refusal import Refusal, gettext_noop

_BAD: Final = re.compile("[\x00\ud800-\udfff]")
# Whether a text holds one (a quick test before ``fault`` names where).
holds_one: Final = _BAD.search
# The escape of a NUL in JSON, searched in a line's bytes before the line is parsed.
NUL_ESCAPE: Final = b"\\u0000"


def nul(where: str, field: str | None = None) -> str:
    """The sentence for a NUL in ``where`` ("Dòng 3", "Bản ghi 2"), in ``field`` when known."""
    return f"{where} chứa ký tự NUL (mã 0){_at(field)}, không lưu được vào cơ sở dữ liệu; hãy xuất lại tệp."


def half_pair(where: str, field: str | None = None) -> str:
    """The sentence for a lone surrogate in ``where``, in ``field`` when known."""
    return (
        f"{where} chứa ký tự không hợp lệ (nửa cặp thay thế UTF-16, như \\ud800){_at(field)}; "
        "hãy xuất lại tệp bằng UTF-8 chuẩn."
    )


def _at(field: str | None) -> str:
    return f" ở trường {field}" if field else ""


def fault(where: str, value: Any, field: str | None = None) -> str | None:
    """The sentence for the first bad character in ``value`` (a text, or the dicts and lists a JSON
    parser makes, searched in order; the field named is the innermost key, as ``QuaTrinhXuLy[1].NguoiXuLy``),
    else None. A key is searched as well as its value."""
    hit = first(value, field or "")
    if hit is None:
        return None
    path, is_nul = hit
    return nul(where, path or None) if is_nul else half_pair(where, path or None)


def first(value: Any, field: str = "") -> tuple[str, bool] | None:
    """(where in ``value`` the first bad character is, whether it is a NUL), else None."""
    for path, text in _texts(value, field):
        found = _BAD.search(text)
        if found:
            return path, found.group() == "\x00"
    return None


def reason(is_nul: bool) -> str:
    """The sentence of a row error (the row and field are said before it)."""
    if is_nul:
        return "Có ký tự NUL (mã 0), không lưu được vào cơ sở dữ liệu; hãy xuất lại tệp."
    return "Có ký tự không hợp lệ (nửa cặp thay thế UTF-16, như \\ud800); hãy xuất lại tệp bằng UTF-8 chuẩn."


def _texts(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            named = _BAD.sub("\ufffd", str(key))  # the message itself must be printable
            inner = f"{path}.{named}" if path else named
            if isinstance(key, str):
                yield inner, key
            yield from _texts(item, inner)
    elif isinstance(value, list):
        for i, item in enumerate(value, start=1):
            yield from _texts(item, f"{path}[{i}]")


def in_rows(rows: Iterable[Sequence[Any]], header: Sequence[str] | None = None, first: int = 1) -> str | None:
    """The sentence for the first bad character in a table's text cells (``first``: the number a person
    sees for the first row), naming the row and the column's heading (else its letter), else None."""
    found = refusal_in_rows(rows, header, first)
    return None if found is None else str(found)


# A table's refusals, for the pages that say them in their language (cchc/lib/refusal.py): the same
# sentences as ``nul`` and ``half_pair`` give for "Dòng 3" or "Dòng 3, cột B".
_IN_ROW: Final = {
    (True, True): gettext_noop(
        "Dòng %(row)s chứa ký tự NUL (mã 0) ở trường %(field)s, không lưu được vào cơ sở dữ liệu; "
        "hãy xuất lại tệp."
    ),
    (True, False): gettext_noop(
        "Dòng %(row)s, cột %(column)s chứa ký tự NUL (mã 0), không lưu được vào cơ sở dữ liệu; "
        "hãy xuất lại tệp."
    ),
    (False, True): gettext_noop(
        "Dòng %(row)s chứa ký tự không hợp lệ (nửa cặp thay thế UTF-16, như \\ud800) ở trường %(field)s; "
        "hãy xuất lại tệp bằng UTF-8 chuẩn."
    ),
    (False, False): gettext_noop(
        "Dòng %(row)s, cột %(column)s chứa ký tự không hợp lệ (nửa cặp thay thế UTF-16, như \\ud800); "
        "hãy xuất lại tệp bằng UTF-8 chuẩn."
    ),
}


def refusal_in_rows(
    rows: Iterable[Sequence[Any]], header: Sequence[str] | None = None, first: int = 1
) -> Refusal | None:
    """``in_rows`` as a ``Refusal`` a page translates (row, and the column's heading or letter)."""
    for n, row in enumerate(rows, start=first):
        for i, cell in enumerate(row):
            if type(cell) is str and (found := _BAD.search(cell)):
                is_nul = found.group() == "\x00"
                heading = header[i] if header is not None and i < len(header) else ""
                if heading and not _BAD.search(heading):
                    return Refusal(_IN_ROW[is_nul, True], {"row": n, "field": heading})
                return Refusal(_IN_ROW[is_nul, False], {"row": n, "column": _letter(i)})
    return None


def _letter(i: int) -> str:
    """A column's letter as a spreadsheet shows it (0 → A, 26 → AA)."""
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out
