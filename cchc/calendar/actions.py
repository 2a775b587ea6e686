"""Every change to a working-day calendar goes through here and leaves an audit event.

``actor`` is the signed-in user, or a string naming a system process (``cchc load-workdays``). For users
the write scope of ``queries.can_manage_calendar_of`` is checked again here, so no caller can bypass
it. Errors are ``ValidationError`` with Vietnamese messages keyed by field name (forms show them next
to the field) or, for files, one message per faulty row; nothing is changed when there is an error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from cchc.calendar.audit_events import CalendarEvents
from cchc.calendar.models import Calendar, CalendarEntry, EntryKind
from cchc.calendar.queries import can_manage_calendar_of, clear_calendar_cache
from cchc.core.events import diff, record
from cchc.lib.workcal import WEEKDAY_NAMES
from cchc.lib.workdays_csv import WorkdayFileError, parse_workdays_csv
from cchc.org.models import Jurisdiction

ENTRY_FIELDS = ("date", "kind", "name", "legal_reference", "source", "note", "is_provisional")
MAX_LENGTHS = {"name": 200, "legal_reference": 300, "source": 200}


def _is_user(actor: Any) -> bool:
    return bool(getattr(actor, "is_authenticated", False))


def _check_scope(actor: Any, jurisdiction: Jurisdiction) -> None:
    if _is_user(actor) and not can_manage_calendar_of(actor, jurisdiction):
        raise PermissionDenied(gettext("Chỉ Thường trực CCHC của địa bàn được sửa lịch làm việc"))


def fmt_day(day: dt.date) -> str:
    return f"{WEEKDAY_NAMES[day.weekday()]} {day:%d/%m/%Y}"


def _shown_day(day: dt.date) -> str:
    """``fmt_day`` in the language of the page the error is shown on (the audit keeps Vietnamese)."""
    return f"{gettext(WEEKDAY_NAMES[day.weekday()])} {day:%d/%m/%Y}"


def ensure_calendar(jurisdiction: Jurisdiction, actor: Any) -> Calendar:
    """The jurisdiction's own calendar, created (empty: it inherits its ancestors') if missing."""
    _check_scope(actor, jurisdiction)
    calendar, created = Calendar.objects.get_or_create(jurisdiction=jurisdiction)
    if created:
        record(
            actor,
            CalendarEvents.CREATED,
            calendar,
            summary=f"Tạo lịch làm việc riêng của {jurisdiction.name}",
        )
    return calendar


def _clean_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Validate an entry's fields; ValidationError keyed by field, every problem at once."""
    errors: dict[str, list[str]] = {}
    cleaned = dict(values)
    for name in ("name", "legal_reference", "source", "note"):
        cleaned[name] = str(cleaned.get(name) or "").strip()
    if not isinstance(cleaned.get("date"), dt.date):
        errors.setdefault("date", []).append(gettext("Vui lòng nhập ngày (dạng ngày/tháng/năm)"))
    if cleaned.get("kind") not in EntryKind.values:
        errors.setdefault("kind", []).append(
            gettext("Loại ngày phải là: %(kinds)s")
            % {"kinds": ", ".join(gettext(str(label)) for label in EntryKind.labels)}
        )
    if not cleaned["name"]:
        errors.setdefault("name", []).append(
            gettext("Vui lòng nhập tên gọi của ngày (ví dụ: Nghỉ bù Quốc khánh)")
        )
    if not cleaned["legal_reference"]:
        errors.setdefault("legal_reference", []).append(
            gettext("Vui lòng nhập căn cứ pháp lý: số, ký hiệu và ngày của văn bản quy định ngày này")
        )
    for name, limit in MAX_LENGTHS.items():
        if len(cleaned[name]) > limit:
            errors.setdefault(name, []).append(
                gettext("Tối đa %(limit)s ký tự (hiện có %(length)s)")
                % {"limit": limit, "length": len(cleaned[name])}
            )
    cleaned["is_provisional"] = bool(cleaned.get("is_provisional", False))
    if errors:
        raise ValidationError(errors)
    return cleaned


def _snapshot(entry: CalendarEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in ENTRY_FIELDS}


def add_entry(calendar: Calendar, actor: Any, **fields: Any) -> CalendarEntry:
    _check_scope(actor, calendar.jurisdiction)
    cleaned = _clean_fields(fields)
    with transaction.atomic():
        if CalendarEntry.objects.filter(calendar=calendar, date=cleaned["date"]).exists():
            raise ValidationError(
                {
                    "date": gettext("Lịch này đã có ngày %(day)s; hãy sửa dòng đã có")
                    % {"day": _shown_day(cleaned["date"])}
                }
            )
        entry = CalendarEntry.objects.create(calendar=calendar, **{k: cleaned[k] for k in ENTRY_FIELDS})
        record(
            actor,
            CalendarEvents.ENTRY_ADDED,
            entry,
            summary=f"Thêm {entry.get_kind_display().lower()} {fmt_day(entry.date)} vào lịch "
            f"{calendar.jurisdiction.name}: {entry.name} ({entry.legal_reference})",
            data={"calendar": calendar.pk, **{k: str(v) for k, v in _snapshot(entry).items()}},
        )
    clear_calendar_cache()
    return entry


def update_entry(entry: CalendarEntry, actor: Any, **changes: Any) -> CalendarEntry:
    calendar = entry.calendar
    _check_scope(actor, calendar.jurisdiction)
    before = _snapshot(entry)
    cleaned = _clean_fields({**before, **changes})
    with transaction.atomic():
        clash = CalendarEntry.objects.filter(calendar=calendar, date=cleaned["date"]).exclude(pk=entry.pk)
        if clash.exists():
            raise ValidationError(
                {"date": gettext("Lịch này đã có ngày %(day)s") % {"day": _shown_day(cleaned["date"])}}
            )
        for name in ENTRY_FIELDS:
            setattr(entry, name, cleaned[name])
        changed = diff(before, _snapshot(entry))
        if not changed:
            return entry
        entry.save()
        record(
            actor,
            CalendarEvents.ENTRY_CHANGED,
            entry,
            summary=f"Sửa ngày {fmt_day(entry.date)} trong lịch {calendar.jurisdiction.name}: {entry.name}",
            data={"calendar": calendar.pk, "changes": changed},
        )
    clear_calendar_cache()
    return entry


def delete_entry(entry: CalendarEntry, actor: Any) -> None:
    calendar = entry.calendar
    _check_scope(actor, calendar.jurisdiction)
    with transaction.atomic():
        snapshot = {k: str(v) for k, v in _snapshot(entry).items()}
        record(
            actor,
            CalendarEvents.ENTRY_DELETED,
            entry,
            summary=f"Xoá ngày {fmt_day(entry.date)} ({entry.name}) khỏi lịch {calendar.jurisdiction.name}",
            data={"calendar": calendar.pk, **snapshot},
        )
        entry.delete()
    clear_calendar_cache()


# --- loading a schedule from a file -----------------------------------------------------------------


class WorkdaysImportError(ValidationError):
    """A schedule file that was refused; ``errors`` has one Vietnamese message per faulty row."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class LoadReport:
    created: int
    updated: int
    unchanged: int
    removed: int  # provisional rows of the file's years that the file no longer lists

    def summary(self) -> str:
        return (
            f"{self.created} ngày thêm mới, {self.updated} ngày cập nhật, {self.unchanged} ngày giữ nguyên, "
            f"{self.removed} ngày dự kiến bỏ đi"
        )


def load_workdays(calendar: Calendar, path: str | Path | IO[str], actor: Any) -> LoadReport:
    """Upsert a schedule file (the columns of vn-workdays-2022-2027.csv) into ``calendar``.

    All rows or none: every faulty row is reported and nothing changes. Idempotent: loading the same file
    twice changes nothing the second time. Each row needs a legal reference (column ``legal_reference``).
    Provisional rows of the years the file covers that the file does not list are removed, so loading
    the official schedule of a year replaces that year's estimates; confirmed rows are never removed.
    """
    _check_scope(actor, calendar.jurisdiction)
    try:
        rows = parse_workdays_csv(path)
    except WorkdayFileError as exc:
        raise WorkdaysImportError(exc.errors) from None
    errors: list[str] = []
    for row in rows:
        where = f"Dòng {row.line} ({row.date.isoformat()})"
        if not row.legal_reference:
            errors.append(f"{where}: thiếu căn cứ pháp lý (cột legal_reference)")
        if not row.name:
            errors.append(f"{where}: thiếu tên gọi (cột name)")
        for name, limit in MAX_LENGTHS.items():
            value = getattr(row, name)
            if len(value) > limit:
                errors.append(f"{where}: cột {name} dài quá {limit} ký tự")
    if errors:
        raise WorkdaysImportError(errors)

    created = updated = unchanged = 0
    with transaction.atomic():
        existing = {e.date: e for e in CalendarEntry.objects.select_for_update().filter(calendar=calendar)}
        for row in rows:
            values = {
                "kind": row.kind,
                "name": row.name,
                "legal_reference": row.legal_reference,
                "source": row.source,
                "note": row.note,
                "is_provisional": row.is_provisional,
            }
            entry = existing.get(row.date)
            if entry is None:
                CalendarEntry.objects.create(calendar=calendar, date=row.date, **values)
                created += 1
            elif any(getattr(entry, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(entry, k, v)
                entry.save()
                updated += 1
            else:
                unchanged += 1
        listed = {row.date for row in rows}
        years = sorted({row.date.year for row in rows})
        stale = [
            e for e in existing.values() if e.is_provisional and e.date.year in years and e.date not in listed
        ]
        for entry in stale:
            entry.delete()
        report = LoadReport(created, updated, unchanged, len(stale))
        if created or updated or stale:
            name = getattr(path, "name", None) or str(path)
            record(
                actor,
                CalendarEvents.WORKDAYS_LOADED,
                calendar,
                summary=f"Nạp lịch nghỉ năm {', '.join(map(str, years))} vào lịch "
                f"{calendar.jurisdiction.name} từ {Path(name).name}: {report.summary()}",
                data={
                    "file": Path(name).name,
                    "years": years,
                    "created": created,
                    "updated": updated,
                    "unchanged": unchanged,
                    "removed": [e.date.isoformat() for e in stale],
                },
            )
    clear_calendar_cache()
    return report
