"""Import dossier files (CSV, XLSX, JSON, line-delimited JSON) through ``actions.upsert_dossiers``; shared
by ``cchc import-dossiers``, the web upload page and the background task.

Formats (docs/dossier-import.md), read one record at a time by ``lib.record_stream``:
- JSON in the national sync shape: a list of dossier objects, or ``{"data": [...]}``;
- line-delimited JSON (``.ndjson``/``.jsonl``): one dossier object per line;
- CSV or XLSX with one dossier per row, headed by the national field names (MaHoSo, MaTTHC…) or by the
  native Vietnamese headings (Mã hồ sơ, Mã TTHC…; see ``natsync_fields.FIELDS``); the lists
  DanhSachHoSoBoSung and QuaTrinhXuLy go in their column as JSON text.

The file is all-or-nothing, in bounded memory: a first pass reads every record and checks it, including
the checks that need the database, ``CHUNK`` records at a time, keeping only the errors and each code's
first row (a code may appear once per file); a single rejected row means nothing is written. Only then
a second pass reads the file again and writes it, ``CHUNK`` records at a time, inside one transaction
(a chunk that fails after all, e.g. a unit deleted in between, rolls every chunk back). Row numbers are
what a person sees: in CSV/XLSX the header is row 1, so the first dossier is row 2; in JSON the first
object is record 1; in line-delimited JSON the number is the line.
"""

from __future__ import annotations

import io
import itertools
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cchc.core.jobs import JobTimeLimit
from cchc.core.uploads import limits as upload_limits
from cchc.dossiers.actions import UpsertResult, record_upsert, upsert_dossiers
from cchc.dossiers.actions.upsert_checks import resolve_scope
from cchc.dossiers.models import ImportBatch, ImportStatus
from cchc.dossiers.records import DossierRecord, RowError, parse_record
from cchc.dossiers.signals import ledger_changed
from cchc.lib import record_stream
from cchc.lib.natsync_fields import FIELDS, map_headers
from cchc.org.models import Jurisdiction

logger = logging.getLogger(__name__)
REQUIRED_KEYS = tuple(f.key for f in FIELDS if f.required)
FORMATS = ("csv", "xlsx", "json", "ndjson")
MAX_REPORTED_ERRORS = 1000
# Records checked or written at a time: memory holds one chunk, whatever the file's size.
CHUNK = 20_000
DUPLICATE = "Mã hồ sơ trùng với dòng"  # actions.upsert_checks.validate says it the same way
ProgressFn = Callable[[str, int, int], Any]
Opener = Callable[[], IO[bytes]]


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
    return record_stream.detect_format(name, head)


# --- reading: (row number, mapping, keyed) triples ---------------------------------------------------------


def _check_headers(headers: list[str]) -> dict[str, str]:
    mapping = map_headers(headers)
    missing = [f for f in FIELDS if f.required and f.key not in mapping.values()]
    if missing:
        names = ", ".join(f"{f.national} ({f.label})" for f in missing)
        raise UnreadableInput(f"Tệp thiếu cột bắt buộc: {names}. Dòng đầu tiên phải là dòng tiêu đề.")
    return mapping


def _open_records(fh: IO[bytes], name: str) -> tuple[str, Iterator[tuple[int, dict[str, Any], bool]]]:
    """(format, the file's records as ``(row, mapping, keyed)``); ``keyed`` rows already use internal
    keys. ``UnreadableInput`` now or from the iterator, where reading stopped."""
    try:
        records = record_stream.iter_records(fh, name=name, limits=upload_limits())
    except record_stream.UnreadableInput as exc:
        raise UnreadableInput(str(exc)) from None
    if records.header is None:
        return records.format, _objects(records)
    mapping = _check_headers(records.header)
    blank: Any = "" if records.format == "csv" else None
    pairs = [(h, key) for h, key in mapping.items()]
    return records.format, _rows(records, pairs, blank)


def _objects(records: record_stream.Records) -> Iterator[tuple[int, dict[str, Any], bool]]:
    try:
        for i, obj in records:
            yield i, (obj if isinstance(obj, dict) else {"__not_object__": obj}), False
    except record_stream.UnreadableInput as exc:
        raise UnreadableInput(str(exc)) from None


def _rows(
    records: record_stream.Records, pairs: list[tuple[str, str]], blank: Any
) -> Iterator[tuple[int, dict[str, Any], bool]]:
    try:
        for n, row in records:
            yield n, {key: row.get(h, blank) for h, key in pairs}, True
    except record_stream.UnreadableInput as exc:
        raise UnreadableInput(str(exc)) from None


class _Reading:
    """One pass over a file: ``records()`` gives its valid records in order; each faulty one adds its
    errors to ``errors``; ``rows`` counts every record read so far."""

    def __init__(self, fh: IO[bytes], name: str, progress: ProgressFn | None = None) -> None:
        self.format, self._rows = _open_records(fh, name)
        self.errors: list[RowError] = []
        self.rows = 0
        self._progress = progress

    def records(self) -> Iterator[DossierRecord]:
        last = time.monotonic()
        progress = self._progress
        for row_no, raw, keyed in self._rows:
            self.rows += 1
            if "__not_object__" in raw:
                self.errors.append(
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
                yield rec
            else:
                self.errors.extend(errs)
            if progress is not None and self.rows % 5000 == 0 and time.monotonic() - last > 0.5:
                last = time.monotonic()
                progress("parse", self.rows, 0)


def parse_file(
    data: bytes, name: str = "", progress: ProgressFn | None = None
) -> tuple[str, list[DossierRecord], list[RowError], int]:
    """(format, records, row errors, rows seen) of a file held in memory; raises UnreadableInput."""
    reading = _Reading(io.BytesIO(data), name, progress)
    recs = list(reading.records())
    if reading.rows == 0:
        raise UnreadableInput("Tệp không có hồ sơ nào.")
    return reading.format, recs, reading.errors, reading.rows


def _columnar_candidate(data: bytes, name: str) -> bool:
    """Worth trying the fast path: a CSV of at least CCHC_IMPORT_COLUMNAR_MIN_ROWS lines (0 turns the
    fast path off; small files gain nothing from it). One larger than CCHC_IMPORT_COLUMNAR_MAX_BYTES is
    read as columns slice by slice (``columnar_slices``)."""
    least = int(getattr(settings, "CCHC_IMPORT_COLUMNAR_MIN_ROWS", 2000))
    if least <= 0 or detect_format(name, data[:4096]) != "csv":
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
    """Parse and import one file held in memory (``import_file`` does the work)."""
    return import_file(
        lambda: io.BytesIO(data),
        name,
        actor=actor,
        dry_run=dry_run,
        jurisdiction=jurisdiction,
        as_of=as_of,
        batch=batch,
        source=source,
        progress=progress,
        head=data,
    )


def import_path(path: str | Path, name: str = "", **options: Any) -> ImportOutcome:
    """Parse and import a file on disk, read twice from the disk and never held whole — except a CSV
    of at most one columnar slice, which the columnar path holds as columns anyway (a larger one is
    read slice by slice)."""
    p = Path(path)
    name = name or p.name
    try:
        size = p.stat().st_size
        with p.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise UnreadableInput(f"Không đọc được tệp {p}: {exc.strerror or exc}") from None
    if size <= _columnar_max_bytes() and detect_format(name, head) == "csv":
        return import_bytes(p.read_bytes(), name, **options)
    if detect_format(name, head) == "csv":
        with p.open("rb") as fh:
            head = fh.read(4 * 1024 * 1024)  # enough to count lines (``_columnar_candidate``)
        return import_file(lambda: p.open("rb"), name, head=head, head_is_whole=False, **options)
    return import_file(lambda: p.open("rb"), name, **options)


def _columnar_max_bytes() -> int:
    return int(settings.CCHC_IMPORT_COLUMNAR_MAX_BYTES)


def import_file(
    open_file: Opener,
    name: str,
    *,
    actor: Any,
    dry_run: bool = False,
    jurisdiction: Jurisdiction | None = None,
    as_of: Any = None,
    batch: ImportBatch | None = None,
    source: str = "",
    progress: ProgressFn | None = None,
    head: bytes | None = None,
    head_is_whole: bool = True,
) -> ImportOutcome:
    """Parse and import one file, opened (twice at most) by ``open_file``. Raises UnreadableInput;
    rejected rows come back in the outcome.

    A CSV of new dossiers in the plain national shape (``head``: the file in memory, or its first
    bytes when not ``head_is_whole``) goes through ``columnar`` (the same result, column by column;
    slice by slice when larger than CCHC_IMPORT_COLUMNAR_MAX_BYTES); any other file, or one the fast
    path does not prove, through the rows, checked and then written chunk by chunk."""
    write: dict[str, Any] = {
        "actor": actor,
        "source": source or f"tệp {name}",
        "batch": batch,
        "as_of": as_of,
        "dry_run": dry_run,
        "jurisdiction": jurisdiction,
        "progress": progress,
    }
    if head is not None and _columnar_candidate(head, name):
        from cchc.dossiers.columnar import import_columns
        from cchc.dossiers.columnar_parse import NotColumnar, parse_csv_rows
        from cchc.dossiers.columnar_slices import import_slices

        size = _columnar_max_bytes()
        try:
            if head_is_whole and len(head) <= size:
                parsed = parse_csv_rows(head)
                rows, result = len(parsed), import_columns(parsed, **write)
                del parsed
            else:
                rows, result = import_slices(open_file, size, **write)
        except NotColumnar as exc:
            logger.info("import of %s takes the row path: %s", name, exc)
        else:
            return ImportOutcome("csv", rows, result, "columnar")
    with open_file() as fh:
        outcome = _check(fh, name, write)
    if outcome.errors or dry_run:
        return outcome
    with open_file() as fh:
        outcome.result = _write(fh, name, write, outcome.rows)
    return outcome


def _chunks(records: Iterator[DossierRecord]) -> Iterator[list[DossierRecord]]:
    while chunk := list(itertools.islice(records, CHUNK)):
        yield chunk


def _check(fh: IO[bytes], name: str, write: dict[str, Any]) -> ImportOutcome:
    """The first pass: every record parsed and checked (database checks included, chunk by chunk);
    the counts a write would give (a dry run's answer), or every error."""
    reading = _Reading(fh, name, write["progress"])
    errors = reading.errors
    first_row: dict[str, int] = {}
    total = UpsertResult(dry_run=True)
    checks = {k: write[k] for k in ("actor", "source", "as_of", "jurisdiction")}
    dry_run = write["dry_run"]
    for chunk in _chunks(reading.records()):
        for r in chunk:
            prev = first_row.setdefault(r.code, r.row)
            if prev != r.row:
                errors.append(RowError(r.row, "MaHoSo", r.code, f"{DUPLICATE} {prev} trong cùng tệp."))
        # The database checks only, unless this is a dry run that has found nothing wrong so far (its
        # counts are the answer); a repeated code is this pass's to report, across chunks too.
        found = upsert_dossiers(chunk, **checks, dry_run=True, validate_only=bool(errors) or not dry_run)
        errors.extend(e for e in found.errors if not e.reason.startswith(DUPLICATE))
        if not errors:
            total.created += found.created
            total.updated += found.updated
            total.unchanged += found.unchanged
    if reading.rows == 0:
        raise UnreadableInput("Tệp không có hồ sơ nào.")
    outcome = ImportOutcome(reading.format, reading.rows)
    if errors:
        outcome.result = UpsertResult(errors=sorted(errors, key=lambda e: (e.row, e.field)))
    else:
        total.dry_run = write["dry_run"]
        outcome.result = total
    return outcome


class _ChunkRefused(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors


def _write(fh: IO[bytes], name: str, write: dict[str, Any], rows: int) -> UpsertResult:
    """The second pass: the checked file written chunk by chunk in one transaction, one audit row."""
    reading = _Reading(fh, name)
    errors = reading.errors
    progress = write["progress"]
    total = UpsertResult()
    first: list[str] = []
    options = {k: write[k] for k in ("actor", "source", "batch", "as_of", "jurisdiction")}
    done = 0
    try:
        with transaction.atomic():
            for chunk in _chunks(reading.records()):
                if progress:
                    progress("write", done, rows)
                result = upsert_dossiers(chunk, **options, audit=False)
                if result.errors or errors:
                    raise _ChunkRefused(result.errors or errors)
                done += len(chunk)
                first.extend(r.code for r in chunk[: 2 - len(first)])
                total.created += result.created
                total.updated += result.updated
                total.unchanged += result.unchanged
                total.codes_created += result.codes_created
                total.codes_updated += result.codes_updated
            if errors:  # the file changed between the passes
                raise _ChunkRefused(errors)
            if total.created or total.updated:
                scope = resolve_scope(write["actor"], write["jurisdiction"])
                record_upsert(scope, write["source"], write["batch"], total, first, done)
                created, updated = total.created, total.updated
                transaction.on_commit(
                    lambda: ledger_changed.send(upsert_dossiers, created=created, updated=updated)
                )
    except _ChunkRefused as exc:
        return UpsertResult(errors=sorted(exc.errors, key=lambda e: (e.row, e.field)))
    if progress:
        progress("facts", done, rows)
    return total


# --- ImportBatch: the web page's progress and history --------------------------------------------------


def run_batch(
    batch: ImportBatch,
    data: bytes | None = None,
    *,
    actor: Any = None,
    jurisdiction: Jurisdiction | None = None,
) -> ImportBatch:
    """Import the batch's file, keeping its progress fields current (read by the htmx-polled page)."""
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
        elif stage == "write" and done:
            fields["processed_rows"] = done
            fields["total_rows"] = total
        else:
            fields["processed_rows"] = total
            fields["total_rows"] = total
        ImportBatch.objects.filter(pk=batch.pk).update(**fields)

    who = actor if actor is not None else batch.submitted_by
    try:
        options: dict[str, Any] = {
            "actor": who,
            "dry_run": batch.dry_run,
            "jurisdiction": jurisdiction,
            "batch": batch,
            "source": f"tệp {batch.file_name}",
            "progress": progress,
        }
        if data is not None:
            outcome = import_bytes(data, batch.file_name, **options)
        else:
            # The worker's file stays on disk: read twice, chunk by chunk, never whole.
            outcome = import_path(batch.file.path, batch.file_name, **options)
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
