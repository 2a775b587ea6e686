"""Dossier records as they arrive from a file or the API, before they touch the database.

One parser serves every input: a row (CSV/XLSX) or object (JSON/API) is a mapping whose keys are the
national sync names of docs/rules/national-sync.md (``MaHoSo``, ``NgayTiepNhan``…), the Vietnamese column
labels of the native format (``Mã hồ sơ``, ``Ngày tiếp nhận``…) or the English field names; ``FIELDS`` lists
them all and docs/dossier-import.md prints the same table. Parsing is pure (no queries): it checks shapes,
types, lengths and the order of instants, and reports every problem as a ``RowError`` naming the row,
the field (by its national name), the value and the reason in Vietnamese. Checks that need the
database (unknown procedure or unit, scope) happen in ``actions.upsert_dossiers``.

Instants are naive local wall-clock times (Asia/Ho_Chi_Minh, like lib/workcal); accepted spellings:
``yyyyMMddHHmmss`` (the national sync format), ``yyyyMMdd``, ISO 8601 (an offset is converted to local
time) and ``dd/mm/yyyy[ HH:MM[:SS]]``. XLSX date cells arrive as datetimes and are taken as they are.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from cchc.core import plausible
from cchc.lib import natsync_fields as sync
from cchc.lib.outcomes import NEEDS_END, NOT_RECEIVED, STATUS_NAMES

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    value: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "value": self.value, "reason": self.reason}

    def __str__(self) -> str:
        shown = f" «{self.value}»" if self.value else ""
        return f"Dòng {self.row}, trường {self.field}{shown}: {self.reason}"


@dataclass(slots=True)
class StepRecord:
    seq: int
    unit_ref: str  # PhongBanXuLy: a unit code (or a unit's exact name); anything else is kept as text
    from_unit_ref: str
    official_name: str
    position: str
    content: str
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    deadline_at: dt.datetime | None
    external: bool


@dataclass(slots=True)
class SupplementRecord:
    seq: int
    requested_at: dt.datetime
    completed_at: dt.datetime | None
    content: str


@dataclass(slots=True)
class DossierRecord:
    row: int
    code: str
    procedure_code: str
    handling_unit_code: str
    receiving_unit_code: str
    status: int
    channel: int = 1
    applicant_name: str = ""
    applicant_id_number: str = ""
    applicant_phone: str = ""
    applicant_email: str = ""
    applicant_address: str = ""
    applicant_type: int | None = None
    summary: str = ""
    submitted_at: dt.datetime | None = None
    received_at: dt.datetime | None = None
    appointment_at: dt.datetime | None = None
    end_at: dt.datetime | None = None
    returned_at: dt.datetime | None = None
    refused_at: dt.datetime | None = None
    # National fields read by the service-quality indicators (Decision 766); None = the record does not say.
    digitised_inputs: bool | None = None
    electronic_result: bool | None = None
    online_payment: int | None = None
    vneid_verified: bool | None = None
    steps: list[StepRecord] = field(default_factory=list)
    supplements: list[SupplementRecord] = field(default_factory=list)


@dataclass(frozen=True)
class FieldSpec:
    key: str
    national: str
    label: str  # the native (Vietnamese) column heading
    kind: str  # text | int | instant | list | flag (1/0) | attachment (non-empty = yes)
    max_length: int = 0
    required: bool = False
    note: str = ""


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("code", "MaHoSo", "Mã hồ sơ", "text", 64, True, "khóa nhập: nhập lại cùng mã là cập nhật"),
    FieldSpec("procedure_code", "MaTTHC", "Mã TTHC", "text", 40, True, "phải có trong danh mục TTHC"),
    FieldSpec("handling_unit_code", "DonViXuLy", "Mã đơn vị giải quyết", "text", 40, True, "mã đơn vị"),
    FieldSpec(
        "receiving_unit_code", "DonViTiepNhan", "Mã nơi tiếp nhận", "text", 40, False, "mặc định = DonViXuLy"
    ),
    FieldSpec(
        "status",
        "TrangThaiHoSo",
        "Trạng thái",
        "int",
        0,
        True,
        "1–10 (mã trạng thái của Cổng Dịch vụ công quốc gia)",
    ),
    FieldSpec(
        "channel", "KenhThucHien", "Kênh thực hiện", "int", 0, False, "1 trực tiếp, 2 trực tuyến, 3 bưu chính"
    ),
    FieldSpec("applicant_name", "ChuHoSo", "Chủ hồ sơ", "text", 255),
    FieldSpec("applicant_id_number", "SoGiayToChuHoSo", "Số giấy tờ chủ hồ sơ", "text", 40),
    FieldSpec("applicant_phone", "SoDienThoai", "Số điện thoại", "text", 40),
    FieldSpec("applicant_email", "Email", "Thư điện tử", "text", 255),
    FieldSpec("applicant_address", "DiaChiChuHoSo", "Địa chỉ chủ hồ sơ", "text", 500),
    FieldSpec("applicant_type", "LoaiDoiTuong", "Loại đối tượng", "int", 0, False, "1–4"),
    FieldSpec("summary", "TrichYeuHoSo", "Trích yếu", "text", 1000),
    FieldSpec("submitted_at", "NgayNopHoSo", "Ngày nộp", "instant"),
    FieldSpec(
        "received_at", "NgayTiepNhan", "Ngày tiếp nhận", "instant", 0, False, "bắt buộc trừ trạng thái 1, 3"
    ),
    FieldSpec("appointment_at", "NgayHenTra", "Ngày hẹn trả", "instant"),
    FieldSpec(
        "end_at", "NgayKetThucXuLy", "Ngày kết thúc xử lý", "instant", 0, False, "bắt buộc ở trạng thái 7–10"
    ),
    FieldSpec("returned_at", "NgayTra", "Ngày trả kết quả", "instant"),
    FieldSpec("refused_at", "NgayTuChoi", "Ngày từ chối", "instant"),
    FieldSpec(
        "digitised_inputs",
        sync.DIGITISED,
        "Hồ sơ có thành phần số hóa",
        "flag",
        0,
        False,
        "1 có, 0 không",
    ),
    FieldSpec(
        "electronic_result",
        sync.RESULT_FILES,
        "Đính kèm kết quả",
        "attachment",
        0,
        False,
        "tệp kết quả điện tử; có giá trị = có kết quả điện tử",
    ),
    FieldSpec(
        "online_payment",
        sync.PAID_ONLINE,
        "Được thanh toán trực tuyến",
        "int",
        0,
        False,
        "0 không, 1 trên Cổng DVC quốc gia, 2 qua cổng thanh toán của tỉnh",
    ),
    FieldSpec("vneid_verified", sync.VNEID, "Tài khoản xác thực VNeID", "flag", 0, False, "1 có, 0 không"),
    FieldSpec("supplements", "DanhSachHoSoBoSung", "Yêu cầu bổ sung", "list", 0, False, "danh sách JSON"),
    FieldSpec("steps", "QuaTrinhXuLy", "Quá trình xử lý", "list", 0, False, "danh sách JSON"),
)
FIELD_BY_KEY = {f.key: f for f in FIELDS}
_TEXT_SPECS = [(f.key, f.required, f.max_length, f.label, f.national) for f in FIELDS if f.kind == "text"]
_INT_SPECS = [(f.key, f.required, f.max_length, f.label, f.national) for f in FIELDS if f.kind == "int"]
_INSTANT_KEYS = [f.key for f in FIELDS if f.kind == "instant"]
_DEADLINE_KEYS = frozenset({"appointment_at"})  # may lie further ahead than a receipt (core.plausible)
_FLAG_KEYS = [f.key for f in FIELDS if f.kind == "flag"]
OPTIONAL_KINDS = frozenset({"flag", "attachment"})
# What the ledger reads as "yes" in a yes/no column: the national-sync readers' one list (natsync_fields).
TRUE_WORDS = sync.TRUE_WORDS
BAD_INSTANT = "Thời điểm không đọc được; dùng yyyyMMddHHmmss, yyyy-mm-ddTHH:MM:SS hoặc dd/mm/yyyy HH:MM."

STEP_FIELDS = {
    "unit_ref": ("PhongBanXuLy", "Phòng ban xử lý", "unit"),
    "from_unit_ref": ("DonViChuyen", "Đơn vị chuyển", "from_unit"),
    "official_name": ("NguoiXuLy", "Người xử lý", "official"),
    "position": ("ChucDanh", "Chức danh", "position"),
    "content": ("NoiDungXuLy", "Nội dung xử lý", "content"),
    "started_at": ("NgayBatDau", "Ngày bắt đầu", "started_at"),
    "finished_at": ("ThoiDiemXuLy", "Thời điểm xử lý", "finished_at"),
    "deadline_at": ("NgayKetThucTheoQuyDinh", "Hạn của bước", "deadline_at"),
    "external": ("LienThongNgoai", "Cơ quan liên thông ngoài", "external"),
}
SUPPLEMENT_FIELDS = {
    "requested_at": ("NgayBoSung", "Ngày yêu cầu bổ sung", "requested_at"),
    "completed_at": ("NgayTiepNhanBoSung", "Ngày tiếp nhận bổ sung", "completed_at"),
    "content": ("NoiDungBoSung", "Nội dung bổ sung", "content"),
}
STEP_LIMITS = {"unit_ref": 255, "from_unit_ref": 255, "official_name": 255, "position": 255, "content": 1000}


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Heading key: case-, accent- and spacing-insensitive ("Mã  hồ sơ" == "ma ho so" == "MaHoSo")."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "".join(c for c in text.casefold() if c.isalnum())


def _alias_table(specs: Iterable[tuple[str, Iterable[str]]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for key, names in specs:
        for name in names:
            table[fold(name)] = key
    return table


HEADER_ALIASES = _alias_table((f.key, (f.key, f.national, f.label)) for f in FIELDS)
HEADER_ALIASES[fold(sync.DIGITISED_ALIAS)] = "digitised_inputs"
STEP_ALIASES = _alias_table((k, v) for k, v in STEP_FIELDS.items())
SUPPLEMENT_ALIASES = _alias_table((k, v) for k, v in SUPPLEMENT_FIELDS.items())
SUPPLEMENT_ALIASES[fold("NoiDung")] = "content"


def map_headers(headers: Iterable[str]) -> dict[str, str]:
    """Original heading → internal key, for the headings that mean something to the importer."""
    out: dict[str, str] = {}
    for h in headers:
        key = HEADER_ALIASES.get(fold(str(h)))
        if key is not None and key not in out.values():
            out[str(h)] = key
    return out


# --- values --------------------------------------------------------------------------------------


def parse_instant(value: Any) -> dt.datetime | None:
    """A naive local datetime, or None for an empty value; ValueError when unreadable. The reading itself
    is the one of the national-sync reader (``cchc.lib.sync.parse_instant``)."""
    if value is None or (type(value) is str and not value.strip()):
        return None
    return sync.parse_instant(value)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # XLSX stores numeric codes as floats
    return str(value).strip()


def _int(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(value)
        return int(value)
    s = str(value).strip()
    if not s:
        return None
    return int(s)


def _bool(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    return _text(value).casefold() in TRUE_WORDS


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:77] + "…"


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    s = str(value).strip()
    if not s:
        return []
    try:
        parsed = json.loads(s)
    except RecursionError as exc:  # a cell nested thousands deep: unreadable, like any bad JSON
        raise ValueError(s[:80]) from exc
    if isinstance(parsed, dict):
        return [parsed]
    if not isinstance(parsed, list):
        raise ValueError(s)
    return parsed


def _exact_table(specs: Iterable[tuple[str, Iterable[str]]]) -> dict[str, str]:
    """The spellings as written (``NgayBatDau``), so the common case skips ``fold``."""
    return {name: key for key, names in specs for name in names}


STEP_EXACT = _exact_table((k, v) for k, v in STEP_FIELDS.items())
SUPPLEMENT_EXACT = _exact_table((k, v) for k, v in SUPPLEMENT_FIELDS.items())
SUPPLEMENT_EXACT["NoiDung"] = "content"


def _remap(
    obj: Mapping[str, Any], aliases: dict[str, str], exact: dict[str, str] | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if exact is not None:
        # Fast path: every key spelled exactly like a known name (the national files); keys appear once
        # in a JSON object, so the result is what the folded lookup below would give.
        get = exact.get
        for k in obj:
            key = get(k)
            if key is None or key in out:
                break
            out[key] = obj[k]
        else:
            return out
        out = {}
    for k, v in obj.items():
        key = aliases.get(fold(k if isinstance(k, str) else str(k)))
        if key is not None and key not in out:
            out[key] = v
    return out


# --- one record ------------------------------------------------------------------------------------


def parse_record(
    row_no: int, raw: Mapping[str, Any], *, keyed: bool = False
) -> tuple[DossierRecord | None, list[RowError]]:
    """Parse one row/object. ``keyed`` means ``raw`` already uses internal keys (CSV after map_headers)."""
    data = raw if keyed else _remap(raw, HEADER_ALIASES)
    errors: list[RowError] = []

    def err(key: str, value: Any, reason: str) -> None:
        errors.append(
            RowError(row_no, FIELD_BY_KEY[key].national, _shown(value) if value is not None else "", reason)
        )

    texts: dict[str, str] = {}
    ints: dict[str, int | None] = {}
    instants: dict[str, dt.datetime | None] = {}
    get = data.get
    for key, required, max_length, label, national in _TEXT_SPECS:
        value = get(key)
        t = value.strip() if type(value) is str else _text(value)
        if required and not t:
            err(key, "", f"Thiếu {label.lower()} ({national}).")
        elif max_length and len(t) > max_length:
            err(key, t, f"Dài quá {max_length} ký tự.")
        texts[key] = t
    for key, required, _, label, national in _INT_SPECS:
        value = get(key)
        try:
            ints[key] = number = _int(value)
        except (TypeError, ValueError):
            err(key, value, "Phải là một số nguyên.")
            ints[key] = None
            continue
        if required and number is None:
            err(key, "", f"Thiếu {label.lower()} ({national}).")
    window = plausible.bounds()
    for key in _INSTANT_KEYS:
        value = get(key)
        try:
            instants[key] = instant = parse_instant(value) if value else None
        except (TypeError, ValueError):
            err(key, value, BAD_INSTANT)
            instants[key] = None
            continue
        if instant is not None and (reason := window.reason(instant, deadline=key in _DEADLINE_KEYS)):
            err(key, value, reason)
            instants[key] = None

    flags: dict[str, bool | None] = {}
    for key in _FLAG_KEYS:
        value = get(key)
        try:
            flags[key] = sync.parse_flag(value)
        except ValueError:
            err(key, value, "Phải là 1 (có) hoặc 0 (không).")
            flags[key] = None
    electronic_result = sync.parse_attachment(get("electronic_result"))
    online_payment = ints.get("online_payment")
    if online_payment is not None and online_payment not in sync.PAYMENT_CODES:
        err("online_payment", online_payment, f"{sync.BAD_PAYMENT.capitalize()}.")

    status = ints.get("status")
    if status is not None and status not in STATUS_NAMES:
        err("status", status, "Trạng thái hồ sơ phải là một mã từ 1 đến 10 (danh mục của Cổng DVC quốc gia).")
    channel = ints.get("channel")
    if channel is None:
        channel = 1
    elif channel not in (1, 2, 3):
        err("channel", channel, "Kênh thực hiện phải là 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (bưu chính).")
    applicant_type = ints.get("applicant_type")
    if applicant_type is not None and not 0 <= applicant_type <= 4:
        err("applicant_type", applicant_type, "Loại đối tượng phải từ 0 đến 4.")

    received = instants.get("received_at")
    if status is not None and status in STATUS_NAMES:
        if status not in NOT_RECEIVED and received is None and not _has(errors, "NgayTiepNhan"):
            err(
                "received_at",
                "",
                f"Hồ sơ ở trạng thái {status} ({STATUS_NAMES[status]}) phải có ngày tiếp nhận.",
            )
        if status in NEEDS_END and instants.get("end_at") is None and not _has(errors, "NgayKetThucXuLy"):
            err(
                "end_at",
                "",
                f"Hồ sơ ở trạng thái {status} ({STATUS_NAMES[status]}) phải có ngày kết thúc xử lý.",
            )
    if received is not None:
        for key, what in (("appointment_at", "Ngày hẹn trả"), ("end_at", "Ngày kết thúc xử lý")):
            value = instants.get(key)
            if value is not None and value.date() < received.date():
                err(
                    key,
                    value.strftime("%d/%m/%Y %H:%M"),
                    f"{what} trước ngày tiếp nhận ({received:%d/%m/%Y}).",
                )

    supplements = _parse_supplements(row_no, data.get("supplements"), errors)
    steps = _parse_steps(row_no, data.get("steps"), errors)
    if errors:
        return None, errors
    assert status is not None
    rec = DossierRecord(
        row=row_no,
        code=texts["code"],
        procedure_code=texts["procedure_code"],
        handling_unit_code=texts["handling_unit_code"],
        receiving_unit_code=texts["receiving_unit_code"] or texts["handling_unit_code"],
        status=status,
        channel=channel,
        applicant_name=texts["applicant_name"],
        applicant_id_number=texts["applicant_id_number"],
        applicant_phone=texts["applicant_phone"],
        applicant_email=texts["applicant_email"],
        applicant_address=texts["applicant_address"],
        applicant_type=applicant_type,
        summary=texts["summary"],
        submitted_at=instants["submitted_at"],
        received_at=received,
        appointment_at=instants["appointment_at"],
        end_at=instants["end_at"],
        returned_at=instants["returned_at"],
        refused_at=instants["refused_at"],
        digitised_inputs=flags["digitised_inputs"],
        electronic_result=electronic_result,
        online_payment=online_payment,
        vneid_verified=flags["vneid_verified"],
        steps=steps,
        supplements=supplements,
    )
    return rec, []


def _has(errors: list[RowError], national: str) -> bool:
    return any(e.field == national for e in errors)


def _parse_supplements(row_no: int, value: Any, errors: list[RowError]) -> list[SupplementRecord]:
    name = "DanhSachHoSoBoSung"
    try:
        items = _list(value)
    except (TypeError, ValueError):
        errors.append(
            RowError(
                row_no, name, _shown(value), "Không đọc được danh sách bổ sung (cần JSON dạng danh sách)."
            )
        )
        return []
    out: list[SupplementRecord] = []
    for i, item in enumerate(items, start=1):
        where = f"{name}[{i}]"
        if type(item) is not dict and not isinstance(item, Mapping):
            errors.append(
                RowError(row_no, where, _shown(item), "Mỗi lần bổ sung phải là một đối tượng JSON.")
            )
            continue
        d = _remap(item, SUPPLEMENT_ALIASES, SUPPLEMENT_EXACT)
        try:
            requested = parse_instant(d.get("requested_at"))
            completed = parse_instant(d.get("completed_at"))
        except (TypeError, ValueError):
            errors.append(RowError(row_no, where, _shown(item), "Thời điểm bổ sung không đọc được."))
            continue
        window = plausible.bounds()
        if reason := window.reason(requested) or window.reason(completed):
            errors.append(RowError(row_no, where, _shown(item), reason))
            continue
        if requested is None:
            errors.append(RowError(row_no, f"{where}.NgayBoSung", "", "Thiếu ngày yêu cầu bổ sung."))
            continue
        if completed is not None and completed < requested:
            errors.append(
                RowError(
                    row_no,
                    f"{where}.NgayTiepNhanBoSung",
                    f"{completed:%d/%m/%Y %H:%M}",
                    "Ngày nhận bổ sung trước ngày yêu cầu.",
                )
            )
            continue
        content = _text(d.get("content"))
        if len(content) > 1000:
            errors.append(RowError(row_no, f"{where}.NoiDungBoSung", _shown(content), "Dài quá 1000 ký tự."))
            continue
        out.append(SupplementRecord(i, requested, completed, content))
    return out


def _parse_steps(row_no: int, value: Any, errors: list[RowError]) -> list[StepRecord]:
    name = "QuaTrinhXuLy"
    try:
        items = _list(value)
    except (TypeError, ValueError):
        errors.append(
            RowError(row_no, name, _shown(value), "Không đọc được quá trình xử lý (cần JSON dạng danh sách).")
        )
        return []
    out: list[StepRecord] = []
    for i, item in enumerate(items, start=1):
        where = f"{name}[{i}]"
        if type(item) is not dict and not isinstance(item, Mapping):
            errors.append(RowError(row_no, where, _shown(item), "Mỗi bước xử lý phải là một đối tượng JSON."))
            continue
        d = _remap(item, STEP_ALIASES, STEP_EXACT)
        try:
            started = parse_instant(d.get("started_at"))
            finished = parse_instant(d.get("finished_at"))
            deadline = parse_instant(d.get("deadline_at"))
        except (TypeError, ValueError):
            errors.append(RowError(row_no, where, _shown(item), "Thời điểm của bước xử lý không đọc được."))
            continue
        window = plausible.bounds()
        if reason := (
            window.reason(started) or window.reason(finished) or window.reason(deadline, deadline=True)
        ):
            errors.append(RowError(row_no, where, _shown(item), reason))
            continue
        texts = {}
        too_long = ""
        for k, limit in STEP_LIMITS.items():
            value = d.get(k)
            t = value.strip() if type(value) is str else _text(value)
            if len(t) > limit and not too_long:
                too_long = k
            texts[k] = t
        if too_long:
            errors.append(
                RowError(
                    row_no,
                    f"{where}.{STEP_FIELDS[too_long][0]}",
                    _shown(texts[too_long]),
                    f"Dài quá {STEP_LIMITS[too_long]} ký tự.",
                )
            )
            continue
        out.append(
            StepRecord(
                seq=i,
                unit_ref=texts["unit_ref"],
                from_unit_ref=texts["from_unit_ref"],
                official_name=texts["official_name"],
                position=texts["position"],
                content=texts["content"],
                started_at=started,
                finished_at=finished,
                deadline_at=deadline,
                external=_bool(d.get("external")),
            )
        )
    return out
