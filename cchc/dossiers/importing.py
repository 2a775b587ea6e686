"""Import dossier files (CSV, XLSX, JSON) through ``actions.upsert_dossiers``; shared by
``cchc import-dossiers``, the web upload page and the background task.

Formats (docs/dossier-import.md):
- JSON in the national sync shape: a list of dossier objects, or ``{"data": [...]}``;
- CSV or XLSX with one dossier per row, headed by the national field names (MaHoSo, MaTTHC…) or by the
  native Vietnamese headings (Mã hồ sơ, Mã TTHC…; see ``records.FIELDS``); the lists
  DanhSachHoSoBoSung and QuaTrinhXuLy go in their column as JSON text.

The file is all-or-nothing: every row is parsed and checked first, and a single rejected row means
nothing is written. Row numbers are what a person sees: in CSV/XLSX the header is row 1, so the first
dossier is row 2; in JSON the first object is record 1.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from cchc.core.jobs import JobTimeLimit
from cchc.core.uploads import WorkbookRefused, check_upload
from cchc.dossiers.actions import UpsertResult, upsert_dossiers
from cchc.dossiers.models import ImportBatch, ImportStatus
from cchc.dossiers.records import FIELDS, DossierRecord, RowError, map_headers, parse_record
from cchc.org.models import Jurisdiction

logger = logging.getLogger(__name__)
REQUIRED_KEYS = tuple(f.key for f in FIELDS if f.required)
FORMATS = ("csv", "xlsx", "json")
MAX_REPORTED_ERRORS = 1000
ProgressFn = Callable[[str, int, int], Any]


class UnreadableInput(Exception):
    """The file cannot be read as a dossier file at all (CLI exit status 2)."""


@dataclass
class ImportOutcome:
    format: str
    rows: int = 0
    result: UpsertResult = field(default_factory=UpsertResult)
    path: str = "rows"  # or "columnar": which of the two import paths did the work

    @property
    def errors(self) -> list[RowError]:
        return self.result.errors

    @property
    def ok(self) -> bool:
        return self.result.ok


def background_threshold() -> int:
    """Files larger than this (bytes) go to the background worker (setting CCHC_IMPORT_BACKGROUND_BYTES)."""
    return int(getattr(settings, "CCHC_IMPORT_BACKGROUND_BYTES", 5 * 1024 * 1024))


def detect_format(name: str, head: bytes) -> str:
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix in ("xlsx", "xlsm", "xls", "ods"):
        return "xlsx"
    if suffix in ("csv", "txt", "tsv"):
        return "csv"
    if suffix == "json":
        return "json"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"[", b"{"):
        return "json"
    return "csv"


# --- readers: (row number, mapping) pairs ----------------------------------------------------------------


def _rows_json(data: bytes) -> Iterator[tuple[int, dict[str, Any], bool]]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise UnreadableInput("Tệp JSON phải mã hóa UTF-8.") from exc
    except json.JSONDecodeError as exc:
        raise UnreadableInput(f"Tệp JSON sai cú pháp ở dòng {exc.lineno}, cột {exc.colno}.") from exc
    except RecursionError as exc:
        raise UnreadableInput("Tệp JSON lồng nhau quá nhiều tầng; hệ thống không đọc.") from exc
    except ValueError as exc:
        raise UnreadableInput("Tệp JSON không đọc được.") from exc
    if isinstance(doc, dict):
        doc = doc.get("data")
    if not isinstance(doc, list):
        raise UnreadableInput('Tệp JSON phải là một danh sách hồ sơ hoặc {"data": [...]}.')
    for i, obj in enumerate(doc, start=1):
        if not isinstance(obj, dict):
            yield i, {"__not_object__": obj}, False
        else:
            yield i, obj, False


def _check_headers(headers: list[str]) -> dict[str, str]:
    mapping = map_headers(headers)
    missing = [f for f in FIELDS if f.required and f.key not in mapping.values()]
    if missing:
        names = ", ".join(f"{f.national} ({f.label})" for f in missing)
        raise UnreadableInput(f"Tệp thiếu cột bắt buộc: {names}. Dòng đầu tiên phải là dòng tiêu đề.")
    return mapping


def _rows_csv(data: bytes) -> Iterator[tuple[int, dict[str, Any], bool]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableInput("Tệp CSV phải mã hóa UTF-8.") from exc
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader)
    except StopIteration as exc:
        raise UnreadableInput("Tệp rỗng.") from exc
    except csv.Error as exc:
        raise UnreadableInput("Tệp CSV sai cấu trúc ở dòng tiêu đề.") from exc
    mapping = _check_headers(headers)
    index = [(i, mapping[h]) for i, h in enumerate(headers) if h in mapping]
    try:
        for n, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            yield n, {key: (row[i] if i < len(row) else "") for i, key in index}, True
    except csv.Error as exc:
        raise UnreadableInput(f"Tệp CSV sai cấu trúc ở dòng {reader.line_num}.") from exc


def _rows_xlsx(data: bytes) -> Iterator[tuple[int, dict[str, Any], bool]]:
    try:
        check_upload(data)
    except WorkbookRefused as exc:
        raise UnreadableInput(str(exc)) from exc
    try:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as exc:  # the library's messages are English: the person gets ours
        raise UnreadableInput(
            "Tệp Excel không đọc được: tệp hỏng, có mật khẩu hoặc không phải bảng tính .xlsx."
        ) from exc
    if not rows:
        raise UnreadableInput("Bảng tính rỗng.")
    headers = ["" if h is None else str(h).strip() for h in rows[0]]
    mapping = _check_headers(headers)
    index = [(i, mapping[h]) for i, h in enumerate(headers) if h in mapping]
    for n, row in enumerate(rows[1:], start=2):
        if not any(c not in (None, "") for c in row):
            continue
        yield n, {key: (row[i] if i < len(row) else None) for i, key in index}, True


READERS = {"json": _rows_json, "csv": _rows_csv, "xlsx": _rows_xlsx}


def parse_file(
    data: bytes, name: str = "", progress: ProgressFn | None = None
) -> tuple[str, list[DossierRecord], list[RowError], int]:
    """(format, records, row errors, rows seen); raises UnreadableInput."""
    fmt = detect_format(name, data[:64])
    records: list[DossierRecord] = []
    errors: list[RowError] = []
    n = 0
    last = time.monotonic()
    for row_no, raw, keyed in READERS[fmt](data):
        n += 1
        if "__not_object__" in raw:
            errors.append(
                RowError(
                    row_no,
                    "(bản ghi)",
                    str(raw["__not_object__"])[:80],
                    "Mỗi hồ sơ phải là một đối tượng JSON.",
                )
            )
            continue
        rec, errs = parse_record(row_no, raw, keyed=keyed)
        if rec is not None:
            records.append(rec)
        else:
            errors.extend(errs)
        if progress is not None and n % 5000 == 0 and time.monotonic() - last > 0.5:
            last = time.monotonic()
            progress("parse", n, 0)
    if n == 0:
        raise UnreadableInput("Tệp không có hồ sơ nào.")
    return fmt, records, errors, n


def _columnar_candidate(data: bytes, name: str) -> bool:
    """Worth trying the fast path: a CSV of at least CCHC_IMPORT_COLUMNAR_MIN_ROWS lines (0 turns the
    fast path off; small files gain nothing from it)."""
    least = int(getattr(settings, "CCHC_IMPORT_COLUMNAR_MIN_ROWS", 2000))
    if least <= 0 or detect_format(name, data[:64]) != "csv":
        return False
    return data.count(b"\n", 0, min(len(data), 4 * 1024 * 1024)) >= least


def import_bytes(
    data: bytes,
    name: str,
    *,
    actor: Any,
    dry_run: bool = False,
    jurisdiction: Jurisdiction | None = None,
    as_of: Any = None,
    batch: ImportBatch | None = None,
    source: str = "",
    progress: ProgressFn | None = None,
) -> ImportOutcome:
    """Parse and import one file. Raises UnreadableInput; rejected rows come back in the outcome.

    A large CSV of new dossiers in the plain national shape goes through ``columnar`` (the same
    result, column by column); any other file, or one the fast path does not prove, through the rows."""
    write: dict[str, Any] = {
        "actor": actor,
        "source": source or f"tệp {name}",
        "batch": batch,
        "as_of": as_of,
        "dry_run": dry_run,
        "jurisdiction": jurisdiction,
        "progress": progress,
    }
    if _columnar_candidate(data, name):
        from cchc.dossiers.columnar import import_columns
        from cchc.dossiers.columnar_parse import NotColumnar, parse_csv

        try:
            parsed = parse_csv(data)
            result = import_columns(parsed, **write)
        except NotColumnar as exc:
            logger.info("import of %s takes the row path: %s", name, exc)
        else:
            return ImportOutcome("csv", len(parsed), result, "columnar")
    fmt, records, errors, n = parse_file(data, name, progress)
    outcome = ImportOutcome(fmt, n)
    if errors:
        # Database checks still run, so the report lists unknown codes of the good rows as well.
        check = upsert_dossiers(
            records, actor=actor, source=source or name, dry_run=True, jurisdiction=jurisdiction, as_of=as_of
        )
        outcome.result = UpsertResult(errors=sorted([*errors, *check.errors], key=lambda e: (e.row, e.field)))
        return outcome
    outcome.result = upsert_dossiers(records, **write)
    return outcome


# --- ImportBatch: the web page's progress and history --------------------------------------------------


def run_batch(
    batch: ImportBatch,
    data: bytes | None = None,
    *,
    actor: Any = None,
    jurisdiction: Jurisdiction | None = None,
) -> ImportBatch:
    """Import the batch's file, keeping its progress fields current (read by the htmx-polled page)."""
    if data is None:
        with batch.file.open("rb") as fh:
            data = fh.read()
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.RUNNING)
    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] < 0.5 and stage == "parse":
            return
        last[0] = now
        fields: dict[str, Any] = {"message": STAGE_LABELS.get(stage, stage)}
        if stage == "parse":
            fields["processed_rows"] = done
        else:
            fields["processed_rows"] = total
            fields["total_rows"] = total
        ImportBatch.objects.filter(pk=batch.pk).update(**fields)

    who = actor if actor is not None else batch.submitted_by
    try:
        outcome = import_bytes(
            data,
            batch.file_name,
            actor=who,
            dry_run=batch.dry_run,
            jurisdiction=jurisdiction,
            batch=batch,
            source=f"tệp {batch.file_name}",
            progress=progress,
        )
    except UnreadableInput as exc:
        batch.status = ImportStatus.FAILED
        batch.message = str(exc)
    except JobTimeLimit as exc:
        batch.status = ImportStatus.FAILED
        batch.message = str(exc)
    except Exception:  # whatever went wrong, the batch must not stay "running" for ever
        logger.exception("import batch %s failed", batch.pk)
        batch.status = ImportStatus.FAILED
        batch.message = (
            "Không nhập được tệp do lỗi hệ thống; không có hồ sơ nào được ghi. Vui lòng báo quản trị."
        )
    else:
        r = outcome.result
        batch.format = outcome.format
        batch.total_rows = outcome.rows
        batch.processed_rows = outcome.rows
        batch.created_count, batch.updated_count = r.created, r.updated
        batch.rejected_count = len({e.row for e in r.errors})
        batch.errors = [e.as_dict() for e in r.errors[:MAX_REPORTED_ERRORS]]
        batch.status = ImportStatus.REJECTED if r.errors else ImportStatus.DONE
        batch.message = r.summary()
    batch.finished_at = timezone.now()
    if batch.file:
        # The upload holds applicants' personal data; once imported (or rejected) the ledger is the
        # record, so the raw file is not kept on disk.
        batch.file.delete(save=False)
    batch.save()
    return batch


SYSTEM_FAILURE = "Không nhập được tệp do lỗi hệ thống; không có hồ sơ nào được ghi. Vui lòng báo quản trị."
STAGE_LABELS = {
    "parse": "Đang đọc và kiểm tra từng dòng…",
    "judge": "Đang tính kết quả giải quyết (trước hạn, đúng hạn, trễ hạn)…",
    "write": "Đang ghi hồ sơ…",
    "children": "Đang ghi quá trình xử lý và sự kiện…",
    "facts": "Đang cập nhật số liệu thống kê…",
}
