"""The table of special days (CSV, as vn-workdays-2022-2027.csv): holidays, swapped days and make-up
Saturdays read into ``WorkdayRow``s with a Vietnamese message naming the bad line, and a
``WorkCalendar`` built from them. Pure Python, like ``workcal``."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any, Final

from cchc.lib.workcal import KIND_MAKE_UP_WORKING_DAY, KINDS, OfficeHours, WorkCalendar, as_day, parse_day

# The default office hours (frozen, so one shared instance is safe as a default argument).
STANDARD_HOURS: Final = OfficeHours()


@dataclass(frozen=True)
class WorkdayRow:
    """One row of a working-day table: ``date,kind,name,source`` plus optional columns."""

    date: date
    kind: str
    name: str = ""
    source: str = ""
    legal_reference: str = ""
    note: str = ""
    line: int = 0

    @property
    def is_provisional(self) -> bool:
        """Rows the research could only infer (no official schedule yet), e.g. 2027
        (docs/rules/working-days.md)."""
        return self.source.strip().upper().startswith("INFERRED")


class WorkdayFileError(ValueError):
    """A working-day table with errors; ``errors`` has one Vietnamese message per faulty row."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


REQUIRED_COLUMNS: Final = ("date", "kind")
OPTIONAL_COLUMNS: Final = ("name", "source", "legal_reference", "note")


def parse_workdays_csv(source: str | Path | IO[str]) -> list[WorkdayRow]:
    """Parse a working-day table; all rows or none (raises WorkdayFileError listing every bad row).

    ``source`` is a path, an open text file, or the CSV text itself (a str containing a newline).
    """
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source):
        try:
            text = Path(source).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise WorkdayFileError([f"Không tìm thấy tệp {source}"]) from None
        except UnicodeDecodeError:
            raise WorkdayFileError([f"Tệp {source} không phải văn bản UTF-8"]) from None
    elif isinstance(source, str):
        text = source.removeprefix("\ufeff")
    else:
        text = source.read().removeprefix("\ufeff")
    return _parse_rows(csv.DictReader(io.StringIO(text)))


def _parse_rows(reader: csv.DictReader[str]) -> list[WorkdayRow]:
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise WorkdayFileError([f"Thiếu cột bắt buộc: {', '.join(missing)} (dòng tiêu đề phải có date,kind)"])
    errors: list[str] = []
    rows: list[WorkdayRow] = []
    seen: dict[date, int] = {}
    for record in reader:
        line = reader.line_num
        values = {(k or "").strip(): (v or "").strip() for k, v in record.items() if isinstance(v, str)}
        if not any(values.values()):
            continue
        try:
            day = parse_day(values.get("date", ""))
        except ValueError as exc:
            errors.append(f"Dòng {line}: {exc}")
            continue
        kind = values.get("kind", "")
        if kind not in KINDS:
            errors.append(f"Dòng {line} ({day.isoformat()}): {_bad_kind(kind)}")
            continue
        if day in seen:
            errors.append(f"Dòng {line}: ngày {day.isoformat()} bị lặp (đã có ở dòng {seen[day]})")
            continue
        seen[day] = line
        rows.append(
            WorkdayRow(
                day,
                kind,
                name=values.get("name", ""),
                source=values.get("source", ""),
                legal_reference=values.get("legal_reference", ""),
                note=values.get("note", ""),
                line=line,
            )
        )
    if errors:
        raise WorkdayFileError(errors)
    if not rows:
        raise WorkdayFileError(["Tệp không có dòng dữ liệu nào"])
    return rows


def _bad_kind(kind: str) -> str:
    return f"loại ngày '{kind}' không hợp lệ; dùng một trong {', '.join(KINDS)}"


def _split_rows(rows: Iterable[WorkdayRow | tuple[Any, ...]]) -> Iterator[tuple[date, str]]:
    for index, row in enumerate(rows, start=1):
        if isinstance(row, WorkdayRow):
            yield row.date, row.kind
            continue
        day, kind = row[0], row[1]
        if kind not in KINDS:
            raise ValueError(f"Dòng {index}: {_bad_kind(str(kind))}")
        yield as_day(day), str(kind)


def calendar_from_rows(
    rows: Iterable[WorkdayRow | tuple[Any, ...]],
    hours: OfficeHours = STANDARD_HOURS,
    weekly_rest: Iterable[int] = (5, 6),
) -> WorkCalendar:
    """A calendar from (date, kind) pairs (or WorkdayRow) with the CSV's kinds.

    ``holiday`` and ``day-off-in-lieu`` are days off (also when they fall on a weekend, where they change
    nothing); ``make-up-working-day`` is a working day even on a Saturday.
    """
    days_off: list[date] = []
    extra: list[date] = []
    for day, kind in _split_rows(rows):
        (extra if kind == KIND_MAKE_UP_WORKING_DAY else days_off).append(day)
    return WorkCalendar(days_off=days_off, extra_workdays=extra, weekly_rest=weekly_rest, hours=hours)


def calendar_from_csv(
    source: str | Path | IO[str],
    hours: OfficeHours = STANDARD_HOURS,
    weekly_rest: Iterable[int] = (5, 6),
) -> WorkCalendar:
    return calendar_from_rows(parse_workdays_csv(source), hours=hours, weekly_rest=weekly_rest)
