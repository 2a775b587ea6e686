"""Reading dossiers in the national sync shape (docs/rules/national-sync.md) into
``cchc.lib.outcomes.Dossier``. Pure.

Accepted (docs/outcomes.md "Input formats"): JSON (a list of dossier objects, or ``{"data": [...]}`` as in
a DongBoHoSoMC body), line-delimited JSON (one dossier object per line), and a CSV or XLSX with one row
per dossier. Files are read one record at a time (``record_stream``), so memory does not grow with the
file. Every faulty record is reported with its number (the line, for line-delimited files), field,
value and a Vietnamese reason; a record with any error yields no dossier. Input that cannot be read at
all raises ``UnreadableInput``, naming where reading stopped.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cchc.lib import bad_text

# The fields live in natsync_fields and their value readers in natsync_values (shared with the ledger's
# row and columnar paths); re-exported here for the readers of this module.
from cchc.lib.natsync_fields import (
    APPOINTMENT,
    CHANNEL,
    CHANNELS,
    CSV_REQUIRED,
    DIGITISED,
    DIGITISED_ALIAS,
    ENDED,
    FALSE_WORDS,
    INTER_AGENCY,
    LIMIT_UNIT,
    LIMIT_VALUE,
    LIST_FIELDS,
    PAID_ONLINE,
    PAYMENT_CODES,
    RESULT_FILES,
    STATUS,
    STATUS_HISTORY,
    TRUE_WORDS,
    UNIT,
    UNIT_NAMES,
    VNEID,
    Reasons,
)
from cchc.lib.natsync_results import NO_FACTS, RECORD, ROW, ParseResult, RecordError, ServiceFacts
from cchc.lib.natsync_values import (
    BAD_CHANNEL,
    BAD_INSTANT,
    BAD_PAYMENT,
    LOCAL_OFFSET,
    InvalidValue,
    blank,
    parse_attachment,
    parse_bool,
    parse_channel,
    parse_flag,
    parse_instant,
    parse_limit_unit,
    parse_limit_value,
    parse_online_payment,
    parse_status,
    shown,
)
from cchc.lib.outcomes import (
    NOT_RECEIVED,
    TERMINAL,
    Dossier,
    LegalLimit,
    LimitUnit,
    StatusEvent,
    Step,
    Supplement,
)
from cchc.lib.record_stream import Records, UnreadableInput, iter_records

__all__ = [
    "BAD_CHANNEL",
    "BAD_INSTANT",
    "BAD_PAYMENT",
    "CHANNEL",
    "CHANNELS",
    "CSV_REQUIRED",
    "DIGITISED",
    "DIGITISED_ALIAS",
    "FALSE_WORDS",
    "INTER_AGENCY",
    "LIMIT_UNIT",
    "LIMIT_VALUE",
    "LIST_FIELDS",
    "LOCAL_OFFSET",
    "NO_FACTS",
    "PAID_ONLINE",
    "PAYMENT_CODES",
    "RECORD",
    "RESULT_FILES",
    "ROW",
    "STATUS_HISTORY",
    "TRUE_WORDS",
    "UNIT",
    "UNIT_NAMES",
    "VNEID",
    "InvalidValue",
    "ParseResult",
    "RecordError",
    "ServiceFacts",
    "UnreadableInput",
    "blank",
    "iter_records",
    "parse_attachment",
    "parse_bool",
    "parse_channel",
    "parse_flag",
    "parse_instant",
    "parse_limit_unit",
    "parse_limit_value",
    "parse_online_payment",
    "parse_status",
    "shown",
]


class _Record:
    """Collects the errors of one record while its fields are read. A field's name for messages is
    ``prefix + key`` (e.g. "QuaTrinhXuLy[2]." + "NgayBatDau"), built only when something is wrong."""

    def __init__(self, index: int, where: str, raw: Mapping[str, Any], code: str | None) -> None:
        self.index, self.where, self.raw, self.code = index, where, raw, code
        self.errors: list[RecordError] = []

    def fail(self, name: str, value: Any, reason: str) -> None:
        self.errors.append(RecordError(self.index, name, shown(value), reason, self.code, self.where))

    def text(
        self, obj: Mapping[str, Any], key: str, prefix: str = "", *, required: bool = False
    ) -> str | None:
        value = obj.get(key)
        if type(value) is str:
            value = value.strip()
            if value:
                return value
        elif isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        elif value is not None:
            self.fail(prefix + key, value, Reasons.NOT_TEXT_CLAUSE)
            return None
        if required:
            self.fail(prefix + key, value, Reasons.MISSING_CLAUSE)
        return None

    def instant(
        self,
        obj: Mapping[str, Any],
        key: str,
        prefix: str = "",
        *,
        required: bool = False,
        end_of_day: bool = False,
    ) -> datetime | None:
        value = obj.get(key)
        # Fast path for the national format: "yyyyMMddHHmmss" is ISO 8601's basic form once split by "T".
        if type(value) is str and len(value) == 14 and value.isdigit():
            try:
                return datetime.fromisoformat(value[:8] + "T" + value[8:])
            except ValueError:
                pass
        if blank(value):
            if required:
                self.fail(prefix + key, value, Reasons.MISSING_CLAUSE)
            return None
        try:
            return parse_instant(value, end_of_day=end_of_day)
        except InvalidValue as exc:
            self.fail(prefix + key, value, str(exc))
            return None

    def items(self, key: str) -> list[tuple[str, Mapping[str, Any]]]:
        """(prefix for messages, item) for each object of a list field."""
        value = self.raw.get(key)
        if value is None or value == "" or value == []:
            return []
        if not isinstance(value, list):
            if not blank(value):
                self.fail(key, value, Reasons.NOT_A_LIST_CLAUSE)
            return []
        out: list[tuple[str, Mapping[str, Any]]] = []
        for n, item in enumerate(value, start=1):
            if type(item) is dict or isinstance(item, Mapping):
                out.append((f"{key}[{n}].", item))
            else:
                self.fail(f"{key}[{n}]", item, Reasons.ITEM_NOT_AN_OBJECT_CLAUSE)
        return out


def parse_record(
    raw: Mapping[str, Any],
    index: int,
    *,
    where: str = RECORD,
    procedures: Mapping[str, LegalLimit] | None = None,
) -> tuple[Dossier | None, list[RecordError]]:
    """One dossier object (national field names) → a Dossier, or None and its errors."""
    code_value = raw.get("MaHoSo")
    code = str(code_value).strip() if isinstance(code_value, str | int) and not blank(code_value) else None
    r = _Record(index, where, raw, code)
    r.text(raw, "MaHoSo", required=True)
    procedure = r.text(raw, "MaTTHC", required=True)
    status: int | None = None
    raw_status = raw.get("TrangThaiHoSo")
    if blank(raw_status):
        r.fail(STATUS, None, Reasons.MISSING_CLAUSE)
    else:
        try:
            status = parse_status(raw_status)
        except InvalidValue as exc:
            r.fail("TrangThaiHoSo", raw_status, str(exc))
    received_required = status is not None and status not in NOT_RECEIVED
    received = r.instant(raw, "NgayTiepNhan", required=received_required)
    appointment = r.instant(raw, "NgayHenTra")
    ended = r.instant(raw, "NgayKetThucXuLy")

    supplements: list[Supplement] = []
    for prefix, item in r.items("DanhSachHoSoBoSung"):
        asked = r.instant(item, "NgayBoSung", prefix, required=True)
        done = r.instant(item, "NgayTiepNhanBoSung", prefix)
        if asked is not None and done is not None and done < asked:
            r.fail(
                f"{prefix}NgayTiepNhanBoSung",
                item.get("NgayTiepNhanBoSung"),
                Reasons.SUPPLEMENT_BEFORE_REQUEST_CLAUSE,
            )
        elif asked is not None:
            supplements.append(Supplement(asked, done))

    steps: list[Step] = []
    for prefix, item in r.items("QuaTrinhXuLy"):
        started = r.instant(item, "NgayBatDau", prefix)
        finished = r.instant(item, "ThoiDiemXuLy", prefix)
        deadline = r.instant(item, "NgayKetThucTheoQuyDinh", prefix, end_of_day=True)
        external = False
        flag = item.get(INTER_AGENCY)
        if flag is not None:
            try:
                external = parse_bool(flag)
            except InvalidValue as exc:
                r.fail(prefix + INTER_AGENCY, flag, str(exc))
        if started is not None and finished is not None and finished < started:
            r.fail(f"{prefix}ThoiDiemXuLy", item.get("ThoiDiemXuLy"), Reasons.STEP_BEFORE_START_CLAUSE)
        unit = r.text(item, "PhongBanXuLy", prefix)
        official = r.text(item, "NguoiXuLy", prefix)
        steps.append(Step(unit, official, started, finished, deadline, external))

    events: list[StatusEvent] = []
    for prefix, item in r.items(STATUS_HISTORY):
        at = r.instant(item, "ThoiDiem", prefix, required=True)
        try:
            event_status = parse_status(item.get("TrangThai"))
        except InvalidValue as exc:
            r.fail(f"{prefix}TrangThai", item.get("TrangThai"), str(exc))
            continue
        if at is not None:
            events.append(StatusEvent(event_status, at))

    limit = _limit(r, procedures, procedure)
    inter_agency = False
    flag = raw.get(INTER_AGENCY)
    if flag is not None:
        try:
            inter_agency = parse_bool(flag)
        except InvalidValue as exc:
            r.fail(INTER_AGENCY, flag, str(exc))

    if status is not None and status in TERMINAL and status not in NOT_RECEIVED:
        has_event = any(e.status in TERMINAL for e in events)
        if ended is None and not has_event and "NgayKetThucXuLy" not in {e.field for e in r.errors}:
            r.fail(ENDED, None, Reasons.end_required_clause(status))
    if received is not None:
        if appointment is not None and appointment.date() < received.date():
            r.fail(APPOINTMENT, raw.get(APPOINTMENT), Reasons.BEFORE_RECEIPT_CLAUSE)
        if ended is not None and ended < received:
            r.fail(ENDED, raw.get(ENDED), Reasons.BEFORE_RECEIPT_CLAUSE)
    if r.errors or status is None or code is None or procedure is None:
        return None, r.errors
    dossier = Dossier(
        code=code,
        procedure_code=procedure,
        status=status,
        received_at=received,
        appointment_at=appointment,
        ended_at=ended,
        supplements=tuple(supplements),
        steps=tuple(steps),
        legal_limit=limit,
        inter_agency=inter_agency,
        status_events=tuple(events),
    )
    return dossier, []


def _limit(
    r: _Record, procedures: Mapping[str, LegalLimit] | None, procedure: str | None
) -> LegalLimit | None:
    raw_value, raw_unit = r.raw.get(LIMIT_VALUE), r.raw.get(LIMIT_UNIT)
    if blank(raw_value) and blank(raw_unit):
        return procedures.get(procedure) if procedures is not None and procedure is not None else None
    if blank(raw_value) or blank(raw_unit):
        missing = LIMIT_VALUE if blank(raw_value) else LIMIT_UNIT
        r.fail(missing, None, Reasons.LIMIT_PAIR_CLAUSE)
        return None
    try:
        value = parse_limit_value(raw_value)
    except InvalidValue as exc:
        r.fail(LIMIT_VALUE, raw_value, str(exc))
        return None
    try:
        unit = parse_limit_unit(raw_unit)
    except InvalidValue as exc:
        r.fail(LIMIT_UNIT, raw_unit, str(exc))
        return None
    if unit != LimitUnit.HOURS and value != int(value):
        r.fail(LIMIT_VALUE, raw_value, Reasons.LIMIT_WHOLE_CLAUSE)
        return None
    return LegalLimit(value, unit)


def parse_facts(raw: Mapping[str, Any]) -> tuple[ServiceFacts, list[tuple[str, Any, str]]]:
    """The service facts of one record, and (field, value, reason) for each unreadable one."""
    problems: list[tuple[str, Any, str]] = []

    def read(key: str, parse: Any) -> Any:
        value = raw.get(key)
        try:
            return parse(value)
        except InvalidValue as exc:
            problems.append((key, value, str(exc)))
            return None

    digitised_key = DIGITISED if DIGITISED in raw or DIGITISED_ALIAS not in raw else DIGITISED_ALIAS
    facts = ServiceFacts(
        unit=optional_text(raw.get(UNIT)),
        channel=read(CHANNEL, parse_channel),
        digitised_inputs=read(digitised_key, parse_flag),
        electronic_result=parse_attachment(raw.get(RESULT_FILES)),
        online_payment=read(PAID_ONLINE, parse_online_payment),
        vneid_verified=read(VNEID, parse_flag),
        field_code=optional_text(raw.get("MaLinhVuc")),
        field_name=optional_text(raw.get("TenLinhVuc")),
        procedure_name=optional_text(raw.get("TenTTHC")),
    )
    return (NO_FACTS if facts == NO_FACTS else facts), problems


def optional_text(value: Any) -> str | None:
    """A text field's value, or None when absent or blank (a number is its digits)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def parse_records(
    records: Iterable[Any],
    *,
    where: str = RECORD,
    first_index: int = 1,
    procedures: Mapping[str, LegalLimit] | None = None,
) -> ParseResult:
    """Many records; a repeated MaHoSo is an error on every repetition after the first."""
    return _parse_all(((i, raw, []) for i, raw in enumerate(records, start=first_index)), where, procedures)


# (record number or CSV row, the raw record, errors found while reading it, e.g. a bad JSON cell)
RawItem = tuple[int, Any, list[RecordError]]


def _parse_all(
    items: Iterable[RawItem],
    where: str,
    procedures: Mapping[str, LegalLimit] | None,
    seen: dict[str, int] | None = None,
) -> ParseResult:
    result = ParseResult()
    seen = {} if seen is None else seen
    for index, raw, earlier in items:
        if not isinstance(raw, Mapping):
            result.errors.append(
                RecordError(index, "", shown(raw), Reasons.NOT_AN_OBJECT_CLAUSE, None, where)
            )
            continue
        dossier, errors = parse_record(raw, index, where=where, procedures=procedures)
        facts, problems = parse_facts(raw)
        errors = earlier + errors
        if problems:
            code = optional_text(raw.get("MaHoSo"))
            errors += [RecordError(index, k, shown(v), why, code, where) for k, v, why in problems]
        if dossier is not None and dossier.code in seen:
            reason = Reasons.repeated_code_clause(where, seen[dossier.code])
            errors.append(RecordError(index, "MaHoSo", dossier.code, reason, dossier.code, where))
        if dossier is not None and not errors:
            seen[dossier.code] = index
            result.dossiers.append(dossier)
            result.indexes.append(index)
            result.facts.append(facts)
        result.errors.extend(errors)
    return result


def parse_json(text: str | bytes, *, procedures: Mapping[str, LegalLimit] | None = None) -> ParseResult:
    """A JSON (or line-delimited JSON) text held in memory, read like a file."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    where, items = _raw_items(iter_records(io.BytesIO(data), name="x.json"))
    return _parse_all(items, where, procedures)


def parse_csv(text: str, *, procedures: Mapping[str, LegalLimit] | None = None) -> ParseResult:
    """One row per dossier; list fields hold a JSON array in their cell (docs/outcomes.md)."""
    where, items = _raw_items(iter_records(io.BytesIO(text.encode("utf-8")), name="x.csv"))
    return _parse_all(items, where, procedures)


def _raw_items(records: Records) -> tuple[str, Iterator[RawItem]]:
    if records.header is None:
        return records.where, ((n, raw, []) for n, raw in records)
    missing = [c for c in CSV_REQUIRED if c not in records.header]
    if missing:
        what = "CSV" if records.format == "csv" else "bảng tính"
        raise UnreadableInput(f"Tệp {what} thiếu cột bắt buộc: {', '.join(missing)} (dòng tiêu đề, dòng 1)")
    rows = records if records.format == "csv" else ((n, _as_cells(raw)) for n, raw in records)
    return records.where, _row_items(rows)


def _as_cells(raw: Mapping[str, Any]) -> dict[str, str]:
    """A spreadsheet row as the CSV cells it would have been exported to: numbers that are whole
    without ".0", dates in the national spelling, empty cells empty."""
    out: dict[str, str] = {}
    for key, value in raw.items():
        if value is None:
            out[key] = ""
        elif isinstance(value, float) and value.is_integer():
            out[key] = str(int(value))
        elif isinstance(value, datetime):
            out[key] = value.strftime("%Y%m%d%H%M%S")
        elif isinstance(value, date):
            out[key] = value.strftime("%Y%m%d")
        else:
            out[key] = str(value)
    return out


def _row_items(rows: Iterable[tuple[int, Mapping[str, str]]]) -> Iterator[RawItem]:
    for row_number, cells in rows:
        record: dict[str, Any] = {}
        errors: list[RecordError] = []
        for key, cell in cells.items():
            if key not in LIST_FIELDS:
                record[key] = cell
            elif cell.strip():
                code = (cells.get("MaHoSo") or "").strip() or None
                try:
                    items = json.loads(cell)
                except (json.JSONDecodeError, RecursionError):
                    why = Reasons.NOT_A_JSON_ARRAY_CLAUSE
                    errors.append(RecordError(row_number, key, shown(cell), why, code, ROW))
                    continue
                if (bad := bad_text.first(items)) is None:  # \\u0000 or a lone \\ud800 in the cell's JSON
                    record[key] = items
                else:
                    why = bad_text.reason(bad[1])
                    errors.append(RecordError(row_number, key + bad[0], "", why, code, ROW))
        yield row_number, record, errors


def read_text(path: str | Path) -> str:
    """A UTF-8 text file (a BOM is dropped), or ``UnreadableInput`` naming it in Vietnamese."""
    return _read_text(Path(path))


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableInput(f"Không tìm thấy tệp {path}") from None
    except IsADirectoryError:
        raise UnreadableInput(f"{path} là một thư mục, không phải tệp") from None
    except OSError as exc:
        raise UnreadableInput(f"Không đọc được tệp {path}: {exc.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableInput(f"Tệp {path} không phải văn bản UTF-8") from None


def read_file(path: str | Path, *, procedures: Mapping[str, LegalLimit] | None = None) -> ParseResult:
    """Every dossier of a file at once (JSON, line-delimited JSON, CSV or XLSX; ``record_stream``). For
    large files ``read_batches`` keeps memory bounded."""
    where, items = iter_raw(path)
    return _parse_all(items, where, procedures)


def iter_raw(path: str | Path) -> tuple[str, Iterator[RawItem]]:
    """Every record of a file in file order, read incrementally, and what a record is called in
    messages ("bản ghi" for JSON, "dòng" for line-delimited JSON, CSV and XLSX rows)."""
    return _raw_items(iter_records(path))


def read_batches(
    path: str | Path, *, procedures: Mapping[str, LegalLimit] | None = None, size: int = 50_000
) -> Iterator[ParseResult]:
    """The file's dossiers ``size`` records at a time, for engines that count as they go; memory holds
    one batch (and the codes seen so far). A MaHoSo repeated in a later batch is still an error.
    ``UnreadableInput`` may come from the first ``next()`` or from a later one, where reading stopped."""
    where, items = iter_raw(path)
    seen: dict[str, int] = {}
    while True:
        chunk = list(itertools.islice(items, size))
        if not chunk:
            return
        yield _parse_all(chunk, where, procedures, seen)


def read_procedures(path: str | Path) -> dict[str, LegalLimit]:
    """A CSV with columns MaTTHC, ThoiGianGiaiQuyet, DonViTinh: the legal limit of each procedure, used
    for dossiers without their own. All rows or nothing (the message lists every bad row)."""
    p = Path(path)
    text = _read_text(p)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in ("MaTTHC", LIMIT_VALUE, LIMIT_UNIT) if c not in header]
    if missing:
        raise UnreadableInput(f"Tệp thủ tục {p} thiếu cột: {', '.join(missing)}")
    limits: dict[str, LegalLimit] = {}
    problems: list[str] = []
    for row in reader:
        line = reader.line_num
        cells = {(k or "").strip(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
        code = cells.get("MaTTHC", "")
        if not code:
            problems.append(f"Dòng {line}: thiếu MaTTHC")
            continue
        try:
            value = parse_limit_value(cells.get(LIMIT_VALUE, ""))
            unit = parse_limit_unit(cells.get(LIMIT_UNIT, ""))
            limits[code] = LegalLimit(value, unit)
        except (InvalidValue, ValueError) as exc:
            problems.append(f"Dòng {line} (MaTTHC {code}): {exc}")
    if problems:
        raise UnreadableInput(f"Tệp thủ tục {p} có lỗi:\n" + "\n".join(problems))
    return limits
