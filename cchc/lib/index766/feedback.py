"""Petitions (phản ánh, kiến nghị) and dossier ratings for the satisfaction indicators 5.2–5.4 of
Decision 766, read from a file. Pure: no Django.

The file (``--feedback FILE``) is JSON — a list of objects or ``{"data": [...]}`` — or a CSV with one
row per object and these columns (docs/indices.md, "Petitions file"):

| Field | Required | Meaning |
|---|---|---|
| ``MaPAKN`` | yes | the petition's (or rating's) code, unique in the file |
| ``NgayTiepNhan`` | yes | when it was received (for a rating: when it was given) |
| ``Loai`` | no | ``PAKN`` (default): a petition; ``DANH_GIA``: a citizen's rating of a dossier |
| ``DonViXuLy`` | no | the unit handling it |
| ``HanXuLy`` | no | its due date; default: NgayTiepNhan + the handling limit in working days |
| ``NgayXuLy`` | no | when it was handled (answered, refused or transferred); empty while open |
| ``HaiLong`` | no | the citizen's verdict on the answer (1 satisfied, 0 not satisfied) |
| ``PhanAnhLai`` | no | 1 if the citizen raised it again about the result |
| ``MaHoSo`` | for ``DANH_GIA`` | the dossier it is about |

Instants use the spellings of the national sync format (``yyyyMMddHHmmss``, ISO 8601, ``dd/MM/yyyy``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final

from cchc.lib import bad_text
from cchc.lib.dossier_period import Label, Period
from cchc.lib.natsync import (
    RecordError,
    UnreadableInput,
    optional_text,
    parse_flag,
    parse_instant,
    read_text,
)
from cchc.lib.workcal import WorkCalendar

PETITION: Final = "PAKN"
RATING: Final = "DANH_GIA"
KINDS: Final = (PETITION, RATING)
# Decision 766 formula sheet (practice): a petition is processed within 15 working days of receipt.
DEFAULT_LIMIT_DAYS: Final = 15
FEEDBACK_KEYS: Final = ("in_period", "on_time", "received", "unsatisfied_late_or_raised_again")


@dataclass(frozen=True, slots=True)
class Feedback:
    code: str
    kind: str
    received_at: datetime
    unit: str | None = None
    due: date | None = None  # None: the default limit applies
    handled_at: datetime | None = None
    satisfied: bool | None = None
    raised_again: bool = False
    dossier: str | None = None


@dataclass
class FeedbackFile:
    items: list[Feedback] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)


def read_feedback(path: str | Path) -> FeedbackFile:
    """All records or the faulty ones listed (each with its number, field and a Vietnamese reason);
    ``UnreadableInput`` when the file cannot be read at all."""
    p = Path(path)
    text = read_text(p)
    out = FeedbackFile()
    seen: dict[str, int] = {}
    for index, raw, where in _items(p, text):
        # A NUL or lone surrogate (\\u0000, \\ud800 in JSON; a NUL byte in a CSV) would reach the output.
        if (bad := bad_text.first(raw)) is not None:
            why = bad_text.reason(bad[1])
            out.errors.append(RecordError(index, bad[0] or "?", "", why, None, where, "MaPAKN"))
            continue
        item, errors = _parse(index, raw, where)
        if item is not None and item.code in seen:
            reason = f"trùng mã với {where} {seen[item.code]}"
            errors.append(RecordError(index, "MaPAKN", item.code, reason, item.code, where, "MaPAKN"))
        if item is not None and not errors:
            seen[item.code] = index
            out.items.append(item)
        out.errors.extend(errors)
    return out


def _items(p: Path, text: str) -> Iterator[tuple[int, Any, str]]:
    if p.suffix.lower() == ".json" or (p.suffix.lower() != ".csv" and text.lstrip()[:1] in ("[", "{")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise UnreadableInput(
                f"Tệp phản ánh {p.name} không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno})"
            ) from None
        except RecursionError:
            raise UnreadableInput(f"Tệp phản ánh {p.name}: JSON lồng nhau quá sâu") from None
        if isinstance(data, dict) and isinstance(data.get("data"), list):
            data = data["data"]
        if not isinstance(data, list):
            raise UnreadableInput(f'Tệp phản ánh {p.name} phải là một danh sách hoặc {{"data": [...]}}')
        for i, raw in enumerate(data, start=1):
            yield i, raw, "bản ghi"
        return
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip() for h in reader.fieldnames or []]
        missing = [c for c in ("MaPAKN", "NgayTiepNhan") if c not in header]
        if missing:
            raise UnreadableInput(f"Tệp phản ánh {p.name} thiếu cột: {', '.join(missing)} (dòng 1)")
        for row in reader:
            cells = {(k or "").strip(): v for k, v in row.items() if isinstance(v, str)}
            if any(v.strip() for v in cells.values()):
                yield reader.line_num, cells, "dòng"
    except csv.Error:  # the csv module's own words are English
        where = f"Tệp phản ánh {p.name} không đọc được ở dòng {reader.line_num}"
        raise UnreadableInput(f"{where}: dấu ngoặc kép không đóng hoặc ô quá dài") from None


def _parse(index: int, raw: Any, where: str) -> tuple[Feedback | None, list[RecordError]]:
    if not isinstance(raw, Mapping):
        reason = "mỗi mục phải là một đối tượng JSON"
        return None, [RecordError(index, "", str(raw)[:80], reason, None, where)]
    code = optional_text(raw.get("MaPAKN"))
    errors: list[RecordError] = []

    def fail(key: str, reason: str) -> None:
        value = raw.get(key)
        shown = "" if value is None else str(value)[:80]
        errors.append(RecordError(index, key, shown, reason, code, where, "MaPAKN"))

    if code is None:
        fail("MaPAKN", "thiếu giá trị bắt buộc")
    kind = (optional_text(raw.get("Loai")) or PETITION).upper()
    if kind not in KINDS:
        fail("Loai", f"phải là {PETITION} (phản ánh, kiến nghị) hoặc {RATING} (đánh giá hồ sơ)")

    def instant(key: str, *, required: bool = False) -> datetime | None:
        value = raw.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                fail(key, "thiếu giá trị bắt buộc")
            return None
        try:
            return parse_instant(value)
        except ValueError as exc:
            fail(key, str(exc))
            return None

    def flag(key: str) -> bool | None:
        try:
            return parse_flag(raw.get(key))
        except ValueError as exc:
            fail(key, str(exc))
            return None

    received = instant("NgayTiepNhan", required=True)
    due = instant("HanXuLy")
    handled = instant("NgayXuLy")
    satisfied = flag("HaiLong")
    raised_again = flag("PhanAnhLai")
    dossier = optional_text(raw.get("MaHoSo"))
    if kind == RATING and dossier is None:
        fail("MaHoSo", "bắt buộc với đánh giá hồ sơ (Loai = DANH_GIA)")
    if received is not None and handled is not None and handled < received:
        fail("NgayXuLy", "trước ngày tiếp nhận")
    if received is not None and due is not None and due.date() < received.date():
        fail("HanXuLy", "trước ngày tiếp nhận")
    if errors or code is None or received is None:
        return None, errors
    return (
        Feedback(
            code=code,
            kind=kind,
            received_at=received,
            unit=optional_text(raw.get("DonViXuLy")),
            due=None if due is None else due.date(),
            handled_at=handled,
            satisfied=satisfied,
            raised_again=bool(raised_again),
            dossier=dossier,
        ),
        [],
    )


# --- counting ------------------------------------------------------------------------------------


def count_feedback(
    items: list[Feedback], period: Period, calendar: WorkCalendar, *, limit_days: int = DEFAULT_LIMIT_DAYS
) -> dict[Label, dict[str, int]]:
    """Per unit, the counts of indicators 5.2 and 5.3 (``FEEDBACK_KEYS``); ratings are not petitions
    and are left out.

    - ``in_period``: petitions received by the period's end and still open at it or handled in it;
    - ``on_time``: of those, handled in the period by their due date, or open and not yet due at the
      period's end (5.2: handled on time ÷ handled or being handled);
    - ``received``: petitions received in the period;
    - ``unsatisfied_late_or_raised_again``: of those, answered "not satisfied", raised again about the
      result, or late (5.3: (total − these) ÷ total).
    """
    out: dict[Label, dict[str, int]] = {}
    for item in items:
        if item.kind != PETITION or item.received_at.date() > period.end:
            continue
        counts = out.setdefault(item.unit, dict.fromkeys(FEEDBACK_KEYS, 0))
        due = item.due or calendar.add_working_days(item.received_at, limit_days)
        handled = item.handled_at.date() if item.handled_at is not None else None
        if handled is not None and handled > period.end:
            handled = None  # not yet handled at the end of the period
        on_time = due >= (handled if handled is not None else period.end)
        if handled is None or handled >= period.start:
            counts["in_period"] += 1
            counts["on_time"] += on_time
        if item.received_at.date() >= period.start:
            counts["received"] += 1
            bad = item.satisfied is False or item.raised_again or not on_time
            counts["unsatisfied_late_or_raised_again"] += bad
    return out


def dossiers_with_feedback(items: list[Feedback], period: Period) -> frozenset[str]:
    """Dossier codes named, by the period's end, by a petition or a "not satisfied" rating (5.4)."""
    return frozenset(
        item.dossier
        for item in items
        if item.dossier is not None
        and item.received_at.date() <= period.end
        and (item.kind == PETITION or item.satisfied is False)
    )
