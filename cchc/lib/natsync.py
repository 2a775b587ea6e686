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
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any, Final

from cchc.lib.outcomes import (
    NOT_RECEIVED,
    STATUSES,
    TERMINAL,
    Dossier,
    LegalLimit,
    LimitUnit,
    StatusEvent,
    Step,
    Supplement,
)
from cchc.lib.record_stream import Records, UnreadableInput, iter_records

__all__ = ["UnreadableInput", "iter_records"]

# Việt Nam has kept UTC+7 without daylight saving since 1975: instants with an offset are converted
# to this wall clock without needing a time-zone database.
LOCAL_OFFSET: Final = timezone(timedelta(hours=7))

RECORD: Final = "bản ghi"
ROW: Final = "dòng"

# Optional fields beyond the national shape (docs/outcomes.md).
LIMIT_VALUE: Final = "ThoiGianGiaiQuyet"
LIMIT_UNIT: Final = "DonViTinh"
INTER_AGENCY: Final = "LienThong"
STATUS_HISTORY: Final = "LichSuTrangThai"
LIST_FIELDS: Final = ("DanhSachHoSoBoSung", "QuaTrinhXuLy", STATUS_HISTORY)
CSV_REQUIRED: Final = ("MaHoSo", "MaTTHC", "TrangThaiHoSo")

# National fields the service-quality indicators read (Decision 766/QĐ-TTg; docs/indices.md). Every one is
# optional: absent means unknown, never "no".
UNIT: Final = "DonViXuLy"
CHANNEL: Final = "KenhThucHien"  # 1 in person, 2 online, 3 public postal service
DIGITISED: Final = "HoSoCoThanhPhanSoHoa"  # inputs digitised, 1/0
# The spelling without the final "a" is seen in specifications; read both, the national one first.
DIGITISED_ALIAS: Final = "HoSoCoThanhPhanSoHo"
RESULT_FILES: Final = "DinhKemKetQua"  # electronic result file(s): anything non-empty is an electronic result
PAID_ONLINE: Final = "DuocThanhToanTrucTuyen"  # 0 no; 1 on the national portal; 2 on the province's gateway
VNEID: Final = "TaiKhoanDuocXacThucVoiVNeID"  # the applicant's account is verified with VNeID, 1/0
CHANNELS: Final = (1, 2, 3)
PAYMENT_CODES: Final = (0, 1, 2)
BAD_CHANNEL: Final = "kênh thực hiện phải là 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (bưu chính công ích)"
BAD_PAYMENT: Final = "phải là 0 (không), 1 (Cổng DVC quốc gia) hoặc 2 (cổng thanh toán của tỉnh)"

# docs/rules/dossier-deadlines.md [PRACTICE]: DonViTinh "Giờ, Ngày, Ngày làm việc, tháng".
UNIT_NAMES: Final = {
    "giờ": LimitUnit.HOURS,
    "giờ làm việc": LimitUnit.HOURS,
    "ngày": LimitUnit.DAYS,
    "ngày làm việc": LimitUnit.WORKING_DAYS,
    "tháng": LimitUnit.MONTHS,
    **{unit.value: unit for unit in LimitUnit},
}
TRUE_WORDS: Final = frozenset({"1", "true", "có", "x", "yes"})
FALSE_WORDS: Final = frozenset({"0", "false", "không", "no", ""})

_fromisoformat = datetime.fromisoformat
_fromisoformat = datetime.fromisoformat
BAD_INSTANT: Final = "không phải thời điểm hợp lệ (dùng yyyyMMddHHmmss hoặc ISO 8601)"


@dataclass(frozen=True, slots=True)
class RecordError:
    index: int  # JSON: the record's number from 1; CSV: the spreadsheet row (the header is row 1)
    field: str  # e.g. "NgayHenTra", "QuaTrinhXuLy[2].NgayKetThucTheoQuyDinh"
    value: str
    reason: str
    code: str | None = None  # MaHoSo, when the record has one
    where: str = RECORD
    code_field: str = "MaHoSo"  # what the code is (a petitions file names its records by MaPAKN)

    def message(self) -> str:
        who = f" ({self.code_field} {self.code})" if self.code else ""
        shown = f" = «{self.value}»" if self.value else ""
        return f"{self.where.capitalize()} {self.index}{who}: {self.field}{shown}: {self.reason}"

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.index, "field": self.field, "value": self.value, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class ServiceFacts:
    """What a dossier record says beyond its timeline: the handling unit and the national fields the
    service-quality indicators read. ``None`` everywhere means the record does not say."""

    unit: str | None = None  # DonViXuLy
    channel: int | None = None  # KenhThucHien
    digitised_inputs: bool | None = None  # HoSoCoThanhPhanSoHoa
    electronic_result: bool | None = None  # DinhKemKetQua non-empty
    online_payment: int | None = None  # DuocThanhToanTrucTuyen: 0, 1 or 2
    vneid_verified: bool | None = None  # TaiKhoanDuocXacThucVoiVNeID
    field_code: str | None = None  # MaLinhVuc
    field_name: str | None = None  # TenLinhVuc
    procedure_name: str | None = None  # TenTTHC

    @property
    def paid_online(self) -> bool | None:
        return None if self.online_payment is None else self.online_payment > 0


NO_FACTS: Final = ServiceFacts()


@dataclass
class ParseResult:
    dossiers: list[Dossier] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)
    # The record number (JSON) or row (CSV) each dossier came from, in the same order.
    indexes: list[int] = field(default_factory=list)
    # The service facts of each dossier, in the same order.
    facts: list[ServiceFacts] = field(default_factory=list)


class _Invalid(ValueError):
    pass


def parse_instant(value: Any, *, end_of_day: bool = False) -> datetime:
    """The one reader of an instant in a dossier file, for the commands and the ledger alike (the ledger's
    ``records.parse_instant`` adds only "empty is None"). Reads ``yyyyMMddHHmmss`` (the sync format, first
    and fastest), ``yyyyMMddHHmm``, ``yyyyMMdd``, ISO 8601 (an offset is converted to local time),
    ``dd/MM/yyyy [HH[:mm[:ss]]]`` as Vietnamese spreadsheets write it, and the datetime or date a spreadsheet
    cell holds. A date without a time is 00:00, or 23:59:59 with ``end_of_day`` (a step deadline given as a
    day lasts the whole day, BLDS 2015 Art. 148). Anything else raises a ValueError with a Vietnamese
    reason."""
    if type(value) is str and len(value) == 14 and value.isdigit():
        try:
            return _fromisoformat(f"{value[:8]}T{value[8:]}")
        except ValueError:
            raise _Invalid(BAD_INSTANT) from None
    if isinstance(value, datetime):
        return _local(value)
    if isinstance(value, date):
        return _day_instant(value, end_of_day)
    text = str(value).strip()
    try:
        if text.isdigit():
            n = len(text)
            if n == 14:
                return _fromisoformat(f"{text[:8]}T{text[8:]}")
            y, mo, d = int(text[0:4]), int(text[4:6]), int(text[6:8])
            if n == 12:
                return datetime(y, mo, d, int(text[8:10]), int(text[10:12]))
            if n == 8:
                return _day_instant(date(y, mo, d), end_of_day)
            raise ValueError(text)
        if "/" in text:
            day_part, _, clock = text.replace("T", " ", 1).partition(" ")
            d_, mo_, y_ = day_part.split("/")
            if len(y_) != 4:
                raise ValueError(text)
            day = date(int(y_), int(mo_), int(d_))
            if not clock.strip():
                return _day_instant(day, end_of_day)
            bits = [int(x) for x in clock.strip().split(":")]
            if len(bits) > 3:
                raise ValueError(text)
            hh, mm, ss = (*bits, 0, 0)[:3]
            return datetime.combine(day, time(hh, mm, ss))
        if len(text) == 10 and text[4] == "-":
            return _day_instant(date.fromisoformat(text), end_of_day)
        return _local(_fromisoformat(text))
    except ValueError:
        raise _Invalid(BAD_INSTANT) from None


def _local(value: datetime) -> datetime:
    """A naive local wall-clock time (an aware instant is converted; a naive one is taken as local)."""
    return value.astimezone(LOCAL_OFFSET).replace(tzinfo=None) if value.tzinfo is not None else value


def _day_instant(day: date, end_of_day: bool) -> datetime:
    return datetime.combine(day, time(23, 59, 59) if end_of_day else time.min)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _shown(value: Any) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "…"


def parse_limit_unit(value: Any) -> LimitUnit:
    unit = UNIT_NAMES.get(str(value).strip().lower())
    if unit is None:
        raise _Invalid("đơn vị thời hạn phải là Giờ, Ngày, Ngày làm việc hoặc Tháng")
    return unit


def parse_limit_value(value: Any) -> float:
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        raise _Invalid("thời hạn giải quyết phải là một số") from None
    if not number > 0 or number == float("inf"):
        raise _Invalid("thời hạn giải quyết phải lớn hơn 0")
    return number


def _parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    text = str(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise _Invalid("phải là có/không (true/false, 1/0)")


def _parse_status(value: Any) -> int:
    if type(value) is int and 1 <= value <= 10:
        return value
    text = str(value).strip()
    if not text.isdigit() or int(text) not in STATUSES:
        raise _Invalid("trạng thái phải là số nguyên từ 1 đến 10 (danh mục của Cổng DVC quốc gia)")
    return int(text)


def parse_flag(value: Any) -> bool | None:
    """A 1/0 national flag: None when absent or empty (unknown), ValueError (Vietnamese) otherwise."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if not text:
        return None
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise _Invalid("phải là 1 (có) hoặc 0 (không)")


def parse_channel(value: Any) -> int | None:
    """KenhThucHien: None when absent or empty; 1, 2 or 3; ValueError (Vietnamese) otherwise."""
    return _code(value, CHANNELS, BAD_CHANNEL)


def parse_online_payment(value: Any) -> int | None:
    """DuocThanhToanTrucTuyen: 0 not paid online, 1 on the national portal, 2 on the province's gateway."""
    return _code(value, PAYMENT_CODES, BAD_PAYMENT)


def _code(value: Any, allowed: tuple[int, ...], reason: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise _Invalid(reason)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if not text.isdigit() or int(text) not in allowed:
        raise _Invalid(reason)
    return int(text)


def parse_attachment(value: Any) -> bool | None:
    """DinhKemKetQua: None when absent (null); False when empty (``""``, ``[]``, ``{}``) or a plain
    "no" (``0``, ``false``, ``không``, as a spreadsheet flag column would say it); True for any file
    reference, list of files or JSON text of a non-empty list."""
    if value is None:
        return None
    if isinstance(value, list | dict | bool):
        return bool(value)
    text = str(value).strip()
    if text.lower() in FALSE_WORDS:
        return False
    if text[:1] in ("[", "{"):
        try:
            return bool(json.loads(text))
        except json.JSONDecodeError:
            return True
    return bool(text)


class _Record:
    """Collects the errors of one record while its fields are read. A field's name for messages is
    ``prefix + key`` (e.g. "QuaTrinhXuLy[2]." + "NgayBatDau"), built only when something is wrong."""

    def __init__(self, index: int, where: str, raw: Mapping[str, Any], code: str | None) -> None:
        self.index, self.where, self.raw, self.code = index, where, raw, code
        self.errors: list[RecordError] = []

    def fail(self, name: str, value: Any, reason: str) -> None:
        self.errors.append(RecordError(self.index, name, _shown(value), reason, self.code, self.where))

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
            self.fail(prefix + key, value, "phải là chuỗi ký tự")
            return None
        if required:
            self.fail(prefix + key, value, "thiếu giá trị bắt buộc")
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
                return _fromisoformat(value[:8] + "T" + value[8:])
            except ValueError:
                pass
        if _blank(value):
            if required:
                self.fail(prefix + key, value, "thiếu giá trị bắt buộc")
            return None
        try:
            return parse_instant(value, end_of_day=end_of_day)
        except _Invalid as exc:
            self.fail(prefix + key, value, str(exc))
            return None

    def items(self, key: str) -> list[tuple[str, Mapping[str, Any]]]:
        """(prefix for messages, item) for each object of a list field."""
        value = self.raw.get(key)
        if value is None or value == "" or value == []:
            return []
        if not isinstance(value, list):
            if not _blank(value):
                self.fail(key, value, "phải là một danh sách (mảng JSON)")
            return []
        out: list[tuple[str, Mapping[str, Any]]] = []
        for n, item in enumerate(value, start=1):
            if type(item) is dict or isinstance(item, Mapping):
                out.append((f"{key}[{n}].", item))
            else:
                self.fail(f"{key}[{n}]", item, "mỗi phần tử phải là một đối tượng JSON")
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
    code = str(code_value).strip() if isinstance(code_value, str | int) and not _blank(code_value) else None
    r = _Record(index, where, raw, code)
    r.text(raw, "MaHoSo", required=True)
    procedure = r.text(raw, "MaTTHC", required=True)
    status: int | None = None
    raw_status = raw.get("TrangThaiHoSo")
    if _blank(raw_status):
        r.fail("TrangThaiHoSo", None, "thiếu giá trị bắt buộc")
    else:
        try:
            status = _parse_status(raw_status)
        except _Invalid as exc:
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
                f"{prefix}NgayTiepNhanBoSung", item.get("NgayTiepNhanBoSung"), "trước ngày yêu cầu bổ sung"
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
                external = _parse_bool(flag)
            except _Invalid as exc:
                r.fail(prefix + INTER_AGENCY, flag, str(exc))
        if started is not None and finished is not None and finished < started:
            r.fail(f"{prefix}ThoiDiemXuLy", item.get("ThoiDiemXuLy"), "trước ngày bắt đầu của bước")
        unit = r.text(item, "PhongBanXuLy", prefix)
        official = r.text(item, "NguoiXuLy", prefix)
        steps.append(Step(unit, official, started, finished, deadline, external))

    events: list[StatusEvent] = []
    for prefix, item in r.items(STATUS_HISTORY):
        at = r.instant(item, "ThoiDiem", prefix, required=True)
        try:
            event_status = _parse_status(item.get("TrangThai"))
        except _Invalid as exc:
            r.fail(f"{prefix}TrangThai", item.get("TrangThai"), str(exc))
            continue
        if at is not None:
            events.append(StatusEvent(event_status, at))

    limit = _limit(r, procedures, procedure)
    inter_agency = False
    flag = raw.get(INTER_AGENCY)
    if flag is not None:
        try:
            inter_agency = _parse_bool(flag)
        except _Invalid as exc:
            r.fail(INTER_AGENCY, flag, str(exc))

    if status is not None and status in TERMINAL and status not in NOT_RECEIVED:
        has_event = any(e.status in TERMINAL for e in events)
        if ended is None and not has_event and "NgayKetThucXuLy" not in {e.field for e in r.errors}:
            r.fail("NgayKetThucXuLy", None, f"bắt buộc với hồ sơ đã kết thúc (trạng thái {status})")
    if received is not None:
        if appointment is not None and appointment.date() < received.date():
            r.fail("NgayHenTra", raw.get("NgayHenTra"), "trước ngày tiếp nhận")
        if ended is not None and ended < received:
            r.fail("NgayKetThucXuLy", raw.get("NgayKetThucXuLy"), "trước ngày tiếp nhận")
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
    if _blank(raw_value) and _blank(raw_unit):
        return procedures.get(procedure) if procedures is not None and procedure is not None else None
    if _blank(raw_value) or _blank(raw_unit):
        missing = LIMIT_VALUE if _blank(raw_value) else LIMIT_UNIT
        r.fail(missing, None, f"{LIMIT_VALUE} và {LIMIT_UNIT} phải có cùng nhau")
        return None
    try:
        value = parse_limit_value(raw_value)
    except _Invalid as exc:
        r.fail(LIMIT_VALUE, raw_value, str(exc))
        return None
    try:
        unit = parse_limit_unit(raw_unit)
    except _Invalid as exc:
        r.fail(LIMIT_UNIT, raw_unit, str(exc))
        return None
    if unit != LimitUnit.HOURS and value != int(value):
        r.fail(LIMIT_VALUE, raw_value, "thời hạn tính bằng ngày hoặc tháng phải là số nguyên")
        return None
    return LegalLimit(value, unit)


def parse_facts(raw: Mapping[str, Any]) -> tuple[ServiceFacts, list[tuple[str, Any, str]]]:
    """The service facts of one record, and (field, value, reason) for each unreadable one."""
    problems: list[tuple[str, Any, str]] = []

    def read(key: str, parse: Any) -> Any:
        value = raw.get(key)
        try:
            return parse(value)
        except _Invalid as exc:
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
                RecordError(index, "", _shown(raw), "mỗi hồ sơ phải là một đối tượng JSON", None, where)
            )
            continue
        dossier, errors = parse_record(raw, index, where=where, procedures=procedures)
        facts, problems = parse_facts(raw)
        errors = earlier + errors
        if problems:
            code = optional_text(raw.get("MaHoSo"))
            errors += [RecordError(index, k, _shown(v), why, code, where) for k, v, why in problems]
        if dossier is not None and dossier.code in seen:
            reason = f"trùng mã hồ sơ với {where} {seen[dossier.code]}"
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
                try:
                    record[key] = json.loads(cell)
                except (json.JSONDecodeError, RecursionError):
                    code = (cells.get("MaHoSo") or "").strip() or None
                    errors.append(
                        RecordError(row_number, key, _shown(cell), "không phải mảng JSON hợp lệ", code, ROW)
                    )
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
        except (_Invalid, ValueError) as exc:
            problems.append(f"Dòng {line} (MaTTHC {code}): {exc}")
    if problems:
        raise UnreadableInput(f"Tệp thủ tục {p} có lỗi:\n" + "\n".join(problems))
    return limits
