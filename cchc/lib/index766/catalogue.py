"""The procedure catalogue (danh mục TTHC) as Decision 766 reads it: each procedure's online-service level,
whether it carries fees, the units that handle it and its legal time limit. Pure: no Django.

Indicators 3.1, 3.2 and 3.6 need it (docs/indices.md §11): the command reads it from ``--procedures
FILE``, the application from its ``Procedure`` table; both go through ``Catalogue``, so the same
catalogue gives the same figures.

The file is CSV (one row per procedure, heading row first), XLSX, or JSON (a list of objects or
``{"data": [...]}``) with these fields — the names of ``cchc import-procedures``:

- ``MaTTHC`` (required): the procedure's national code, once per file;
- ``MucDoTrucTuyen``: online-service level — toàn trình (4, full), một phần (3, partial), không (2, 1,
  none);
- ``PhiLePhi``: its fees — "Lệ phí: 8000; Phí: 5000", a JSON list, or empty / "không" / "miễn phí" for
  none; or ``CoPhiLePhi`` instead: 1 carries fees, 0 does not;
- ``MaDonViGiaiQuyet``: the codes of the units that handle it (``DonViXuLy``), separated by ";" or ",";
- ``DangApDung``: 0 / không — no longer in force (left out); default in force;
- ``ThoiGianGiaiQuyet`` and ``DonViTinh`` (both or neither): the legal time limit, for dossiers without
  an appointment.

A column the file does not have is unknown: without ``MucDoTrucTuyen`` indicators 3.1 and 3.2 have no
data, without ``PhiLePhi``/``CoPhiLePhi`` 3.6 has none. A cell left empty in a column the file has
means what ``cchc import-procedures`` makes of it (not online; no fees). One bad row refuses the whole
file, every problem named by its row (or record), field and value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from cchc.lib.natsync_fields import LIMIT_UNIT, LIMIT_VALUE, fold
from cchc.lib.natsync_values import InvalidValue, parse_limit_unit, parse_limit_value
from cchc.lib.outcomes import LegalLimit
from cchc.lib.record_stream import UnreadableInput, iter_records

NONE, PARTIAL, FULL = "none", "partial", "full"
ONLINE_LEVELS: Final = (NONE, PARTIAL, FULL)
# How a catalogue writes the level (folded: no diacritics, letters and digits only, lower case) — one
# table for the command and the application's catalogue import. 4 and 3 are the former "mức độ" numbering.
ONLINE_WORDS: Final = {
    "toantrinh": FULL,
    "4": FULL,
    "muc4": FULL,
    "full": FULL,
    "motphan": PARTIAL,
    "3": PARTIAL,
    "muc3": PARTIAL,
    "partial": PARTIAL,
    "": NONE,
    "khong": NONE,
    "2": NONE,
    "1": NONE,
    "none": NONE,
}
NO_FEE_WORDS: Final = frozenset({"", "khong", "mienphi", "0"})
FEE_AMOUNT: Final = "Gia"
FEE_NAME: Final = "TenPhiLePhi"
CODE, ONLINE, FEES, HAS_FEES, UNITS, ACTIVE = (
    "MaTTHC",
    "MucDoTrucTuyen",
    "PhiLePhi",
    "CoPhiLePhi",
    "MaDonViGiaiQuyet",
    "DangApDung",
)
_YES: Final = frozenset({"1", "co", "true", "x", "yes"})
_NO: Final = frozenset({"0", "khong", "false", "no"})


@dataclass(frozen=True, slots=True)
class Procedure:
    code: str
    online: str | None = None  # one of ONLINE_LEVELS; None: the catalogue does not say
    fees: bool | None = None  # carries fees; None: the catalogue does not say
    units: frozenset[str] = frozenset()

    @property
    def is_online(self) -> bool:
        return self.online in (PARTIAL, FULL)


@dataclass(frozen=True)
class Catalogue:
    """The procedures in force, and the time limits some of them give."""

    procedures: tuple[Procedure, ...] = ()
    limits: dict[str, LegalLimit] = field(default_factory=dict)

    def fee_codes(self) -> frozenset[str]:
        return frozenset(p.code for p in self.procedures if p.fees)

    def counts(
        self, unit: str | None, received_online: Collection[str], *, whole: bool = False
    ) -> dict[str, int]:
        """The catalogue counts of indicators 3.1 and 3.2 for one unit (the procedures naming it among
        their handling units) or, with ``whole``, for the whole catalogue: procedures whose level is
        known, those offered online (partial or full), and those of them with at least one dossier in
        ``received_online`` (the procedure codes of the dossiers received online in the period)."""
        mine = [p for p in self.procedures if p.online is not None and (whole or unit in p.units)]
        online = [p for p in mine if p.is_online]
        return {
            "procedures": len(mine),
            "online": len(online),
            "online_used": sum(1 for p in online if p.code in received_online),
        }


def parse_fees(text: str) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """A fee list as catalogues write it — "Lệ phí: 8000; Phí: 5000" or a JSON list — as entries
    ``{"TenPhiLePhi", "Gia"}``, with the parts that could not be read (part, Vietnamese reason). Empty,
    "không", "miễn phí" or "0" is no fee."""
    text = text.strip()
    if fold(text) in NO_FEE_WORDS:
        return [], []
    if text.startswith("["):
        try:
            parsed = json.loads(text)
            if not isinstance(parsed, list):
                raise ValueError
        except ValueError:
            return [], [(text[:80], "Phí, lệ phí dạng JSON phải là một danh sách.")]
        return parsed, []
    out: list[dict[str, Any]] = []
    problems: list[tuple[str, str]] = []
    for part in [p.strip() for p in text.split(";") if p.strip()]:
        name, sep, amount = part.rpartition(":")
        digits = re.sub(r"[^0-9]", "", amount)
        if not sep or not digits:
            problems.append((part, "Mỗi khoản ghi «tên: số tiền», các khoản cách nhau bằng dấu chấm phẩy."))
            continue
        out.append({FEE_NAME: name.strip(), FEE_AMOUNT: int(digits)})
    return out, problems


def carries_fees(entries: Iterable[Any]) -> bool:
    """Whether a procedure's fee list charges anything: an entry whose amount is 0 is no fee; an entry
    without a readable amount is taken as a fee (the catalogue lists it as one)."""
    for entry in entries:
        amount = entry.get(FEE_AMOUNT) if isinstance(entry, Mapping) else None
        try:
            if amount is None or float(str(amount).replace(",", ".")) != 0:
                return True
        except ValueError:
            return True
    return False


def read_catalogue(path: str | Path) -> Catalogue:
    """The catalogue file (module docstring). Raises ``UnreadableInput`` naming every bad row."""
    records = iter_records(path)
    where = records.where
    header = None if records.header is None else set(records.header)
    if header is not None and CODE not in header:
        raise UnreadableInput(
            f"Tệp thủ tục {Path(path).name} thiếu cột bắt buộc: {CODE} (dòng tiêu đề, dòng 1)"
        )
    procedures: list[Procedure] = []
    limits: dict[str, LegalLimit] = {}
    problems: list[str] = []
    seen: dict[str, int] = {}
    for number, raw in records:
        if not isinstance(raw, Mapping):
            problems.append(f"{where.capitalize()} {number}: không phải một đối tượng JSON")
            continue
        row = _Row(number, where, raw, problems)
        code = row.text(CODE)
        if not code:
            row.problem(CODE, "", "thiếu mã thủ tục")
            continue
        row.code = code
        if code in seen:
            row.problem(CODE, code, f"mã thủ tục lặp lại ({where} {seen[code]} đã có)")
            continue
        seen[code] = number
        if not row.active():
            continue
        limit = row.limit()
        if limit is not None:
            limits[code] = limit
        procedures.append(Procedure(code, row.online(), row.fees(), row.units()))
    if problems:
        raise UnreadableInput(
            f"Tệp danh mục thủ tục {Path(path).name} có lỗi, sửa rồi chạy lại:\n" + "\n".join(problems)
        )
    return Catalogue(tuple(procedures), limits)


class _Row:
    """One record of the catalogue file, read field by field; a bad value is added to ``problems``."""

    def __init__(self, number: int, where: str, raw: Mapping[str, Any], problems: list[str]) -> None:
        self.number, self.where, self.raw, self.problems = number, where, raw, problems
        self.code = ""

    def problem(self, name: str, value: Any, why: str) -> None:
        code = f" (MaTTHC {self.code})" if self.code else ""
        shown = str(value)[:80]
        self.problems.append(f"{self.where.capitalize()} {self.number}{code}, trường {name} «{shown}»: {why}")

    def has(self, name: str) -> bool:
        return name in self.raw

    def text(self, name: str) -> str:
        value = self.raw.get(name)
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a spreadsheet's number cell: 4.0 is "4"
        return "" if value is None else str(value).strip()

    def active(self) -> bool:
        word = fold(self.text(ACTIVE))
        if not word or word in _YES:
            return True
        if word in _NO:
            return False
        self.problem(ACTIVE, self.text(ACTIVE), "ghi 1 (đang áp dụng) hoặc 0 (không còn áp dụng)")
        return True

    def online(self) -> str | None:
        if not self.has(ONLINE):
            return None
        value = self.text(ONLINE)
        level = ONLINE_WORDS.get(fold(value))
        if level is None:
            self.problem(ONLINE, value, "mức độ trực tuyến phải là toàn trình (4), một phần (3) hoặc không")
        return level

    def fees(self) -> bool | None:
        if self.has(FEES):
            value = self.raw.get(FEES)
            if isinstance(value, list):
                return carries_fees(value)
            entries, bad = parse_fees(self.text(FEES))
            for part, why in bad:
                self.problem(FEES, part, why)
            return carries_fees(entries)
        if self.has(HAS_FEES):
            word = fold(self.text(HAS_FEES))
            if word in _YES:
                return True
            if word in _NO or not word:
                return False
            self.problem(HAS_FEES, self.text(HAS_FEES), "ghi 1 (có phí, lệ phí) hoặc 0 (không)")
        return None

    def units(self) -> frozenset[str]:
        value = self.raw.get(UNITS)
        parts = value if isinstance(value, list) else re.split(r"[;,]", "" if value is None else str(value))
        return frozenset(str(p).strip() for p in parts if str(p).strip())

    def limit(self) -> LegalLimit | None:
        number, unit = self.text(LIMIT_VALUE), self.text(LIMIT_UNIT)
        if not number and not unit:
            return None
        try:
            value = parse_limit_value(number)
        except InvalidValue as exc:
            self.problem(LIMIT_VALUE, number, str(exc))
            return None
        try:
            return LegalLimit(value, parse_limit_unit(unit))
        except InvalidValue as exc:
            self.problem(LIMIT_UNIT, unit, str(exc))
            return None
