"""The fields of the national sync format (docs/rules/national-sync.md) — the one home of their names,
of the columns the dossier import accepts with their Vietnamese headings, and of the Vietnamese reason
given when a value cannot be read. Every reader of the format takes them from here: the pure commands
(``natsync``: dossier-outcomes, report-tthc, index-766), the import's row parser
(``cchc.dossiers.records``) and its columnar path (``cchc.dossiers.columnar_parse``). How one value is
read (instants, flags, codes) is ``natsync_values``. Pure: no Django.

The two readers differ where their jobs differ, and the difference is kept on purpose:

* **Inter-agency.** The commands read ``LienThong`` — on the dossier (an inter-agency dossier) and on a
  step of ``QuaTrinhXuLy`` (this step was handled by another agency), strictly yes/no. The ledger reads
  a step's ``LienThongNgoai`` — the step was handled by an agency *outside* the province's units, whose
  delay is blamed on that agency — leniently (anything not a yes word is no), because the ledger also
  marks as outside any step whose ``PhongBanXuLy`` it cannot match to a unit. Same idea, different
  question: they are not merged.
* **Required fields.** The commands judge outcomes and need only ``CSV_REQUIRED``; the ledger stores a
  dossier under its unit and requires the ``required`` columns of ``FIELDS`` (also ``DonViXuLy``).
* **Reasons.** A command names the record and field, then a clause (``Bản ghi 3 (MaHoSo X):
  KenhThucHien = «9»: kênh thực hiện phải là …``); the import names the row and field, then a sentence
  (``Dòng 3, trường KenhThucHien «9»: Kênh thực hiện phải là ….``). Both voices of a field stand side by
  side in ``Reasons`` below; their wording is what people and scripts already read, so it is kept.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

from cchc.lib.outcomes import LimitUnit

# --- names -----------------------------------------------------------------------------------------

CODE: Final = "MaHoSo"
PROCEDURE: Final = "MaTTHC"
STATUS: Final = "TrangThaiHoSo"
RECEIVED: Final = "NgayTiepNhan"
APPOINTMENT: Final = "NgayHenTra"
ENDED: Final = "NgayKetThucXuLy"
SUPPLEMENTS: Final = "DanhSachHoSoBoSung"
STEPS: Final = "QuaTrinhXuLy"

# Optional fields beyond the national shape (docs/outcomes.md).
LIMIT_VALUE: Final = "ThoiGianGiaiQuyet"
LIMIT_UNIT: Final = "DonViTinh"
INTER_AGENCY: Final = "LienThong"  # the commands: an inter-agency dossier or step (see above)
OUTSIDE_AGENCY: Final = "LienThongNgoai"  # the ledger: a step handled outside the province (see above)
STATUS_HISTORY: Final = "LichSuTrangThai"
LIST_FIELDS: Final = (SUPPLEMENTS, STEPS, STATUS_HISTORY)
CSV_REQUIRED: Final = (CODE, PROCEDURE, STATUS)

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

# docs/rules/dossier-deadlines.md [PRACTICE]: DonViTinh "Giờ, Ngày, Ngày làm việc, tháng".
UNIT_NAMES: Final = {
    "giờ": LimitUnit.HOURS,
    "giờ làm việc": LimitUnit.HOURS,
    "ngày": LimitUnit.DAYS,
    "ngày làm việc": LimitUnit.WORKING_DAYS,
    "tháng": LimitUnit.MONTHS,
    **{unit.value: unit for unit in LimitUnit},
}
# The words read as yes and as no in a yes/no field, by every reader of the national sync shape: also
# without diacritics ("co", "khong"), as spreadsheets typed without a Vietnamese keyboard write them.
# Compared after lower().
TRUE_WORDS: Final = frozenset({"1", "true", "có", "co", "x", "yes"})
FALSE_WORDS: Final = frozenset({"0", "false", "không", "khong", "no", ""})


# --- reasons ---------------------------------------------------------------------------------------


class Reasons:
    """Why a value is refused, per field: ``*_CLAUSE`` in the commands' record messages (lower case, no
    full stop), ``*_SENTENCE`` in the import's row messages."""

    INSTANT_CLAUSE: Final = "không phải thời điểm hợp lệ (dùng yyyyMMddHHmmss hoặc ISO 8601)"
    INSTANT_SENTENCE: Final = (
        "Thời điểm không đọc được; dùng yyyyMMddHHmmss, yyyy-mm-ddTHH:MM:SS hoặc dd/mm/yyyy HH:MM."
    )
    STEP_INSTANT_SENTENCE: Final = "Thời điểm của bước xử lý không đọc được."
    SUPPLEMENT_INSTANT_SENTENCE: Final = "Thời điểm bổ sung không đọc được."
    STATUS_CLAUSE: Final = "trạng thái phải là số nguyên từ 1 đến 10 (danh mục của Cổng DVC quốc gia)"
    STATUS_SENTENCE: Final = "Trạng thái hồ sơ phải là một mã từ 1 đến 10 (danh mục của Cổng DVC quốc gia)."
    CHANNEL_CLAUSE: Final = "kênh thực hiện phải là 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (bưu chính công ích)"
    CHANNEL_SENTENCE: Final = "Kênh thực hiện phải là 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (bưu chính)."
    PAYMENT_CLAUSE: Final = "phải là 0 (không), 1 (Cổng DVC quốc gia) hoặc 2 (cổng thanh toán của tỉnh)"
    PAYMENT_SENTENCE: Final = f"{PAYMENT_CLAUSE.capitalize()}."
    FLAG_CLAUSE: Final = "phải là 1 (có) hoặc 0 (không)"
    FLAG_SENTENCE: Final = f"{FLAG_CLAUSE.capitalize()}."
    YES_NO_CLAUSE: Final = "phải là có/không (true/false, 1/0)"
    INTEGER_SENTENCE: Final = "Phải là một số nguyên."
    APPLICANT_TYPE_SENTENCE: Final = "Loại đối tượng phải từ 0 đến 4."
    LIMIT_UNIT_CLAUSE: Final = "đơn vị thời hạn phải là Giờ, Ngày, Ngày làm việc hoặc Tháng"
    LIMIT_NUMBER_CLAUSE: Final = "thời hạn giải quyết phải là một số"
    LIMIT_POSITIVE_CLAUSE: Final = "thời hạn giải quyết phải lớn hơn 0"
    LIMIT_WHOLE_CLAUSE: Final = "thời hạn tính bằng ngày hoặc tháng phải là số nguyên"
    LIMIT_PAIR_CLAUSE: Final = f"{LIMIT_VALUE} và {LIMIT_UNIT} phải có cùng nhau"
    MISSING_CLAUSE: Final = "thiếu giá trị bắt buộc"
    NOT_TEXT_CLAUSE: Final = "phải là chuỗi ký tự"
    NOT_A_LIST_CLAUSE: Final = "phải là một danh sách (mảng JSON)"
    ITEM_NOT_AN_OBJECT_CLAUSE: Final = "mỗi phần tử phải là một đối tượng JSON"
    NOT_AN_OBJECT_CLAUSE: Final = "mỗi hồ sơ phải là một đối tượng JSON"
    NOT_A_JSON_ARRAY_CLAUSE: Final = "không phải mảng JSON hợp lệ"
    STEPS_LIST_SENTENCE: Final = "Không đọc được quá trình xử lý (cần JSON dạng danh sách)."
    STEP_OBJECT_SENTENCE: Final = "Mỗi bước xử lý phải là một đối tượng JSON."
    SUPPLEMENTS_LIST_SENTENCE: Final = "Không đọc được danh sách bổ sung (cần JSON dạng danh sách)."
    SUPPLEMENT_OBJECT_SENTENCE: Final = "Mỗi lần bổ sung phải là một đối tượng JSON."
    SUPPLEMENT_REQUEST_MISSING_SENTENCE: Final = "Thiếu ngày yêu cầu bổ sung."
    SUPPLEMENT_BEFORE_REQUEST_CLAUSE: Final = "trước ngày yêu cầu bổ sung"
    SUPPLEMENT_BEFORE_REQUEST_SENTENCE: Final = "Ngày nhận bổ sung trước ngày yêu cầu."
    STEP_BEFORE_START_CLAUSE: Final = "trước ngày bắt đầu của bước"
    BEFORE_RECEIPT_CLAUSE: Final = "trước ngày tiếp nhận"

    @staticmethod
    def too_long(limit: int) -> str:
        return f"Dài quá {limit} ký tự."

    @staticmethod
    def missing(label: str, national: str) -> str:
        return f"Thiếu {label.lower()} ({national})."

    @staticmethod
    def end_required_clause(status: int) -> str:
        return f"bắt buộc với hồ sơ đã kết thúc (trạng thái {status})"

    @staticmethod
    def received_required_sentence(status: int, name: str) -> str:
        return f"Hồ sơ ở trạng thái {status} ({name}) phải có ngày tiếp nhận."

    @staticmethod
    def end_required_sentence(status: int, name: str) -> str:
        return f"Hồ sơ ở trạng thái {status} ({name}) phải có ngày kết thúc xử lý."

    @staticmethod
    def before_receipt_sentence(what: str, received_day: str) -> str:
        return f"{what} trước ngày tiếp nhận ({received_day})."

    @staticmethod
    def repeated_code_clause(where: str, first: int) -> str:
        return f"trùng mã hồ sơ với {where} {first}"


# --- the columns of the dossier import -------------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    key: str  # the ledger's name (``DossierRecord`` attribute)
    national: str
    label: str  # the native (Vietnamese) column heading
    kind: str  # text | int | instant | list | flag (1/0) | attachment (non-empty = yes)
    max_length: int = 0
    required: bool = False
    note: str = ""


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("code", CODE, "Mã hồ sơ", "text", 64, True, "khóa nhập: nhập lại cùng mã là cập nhật"),
    FieldSpec("procedure_code", PROCEDURE, "Mã TTHC", "text", 40, True, "phải có trong danh mục TTHC"),
    FieldSpec("handling_unit_code", UNIT, "Mã đơn vị giải quyết", "text", 40, True, "mã đơn vị"),
    FieldSpec(
        "receiving_unit_code", "DonViTiepNhan", "Mã nơi tiếp nhận", "text", 40, False, "mặc định = DonViXuLy"
    ),
    FieldSpec(
        "status",
        STATUS,
        "Trạng thái",
        "int",
        0,
        True,
        "1–10 (mã trạng thái của Cổng Dịch vụ công quốc gia)",
    ),
    FieldSpec(
        "channel", CHANNEL, "Kênh thực hiện", "int", 0, False, "1 trực tiếp, 2 trực tuyến, 3 bưu chính"
    ),
    FieldSpec("applicant_name", "ChuHoSo", "Chủ hồ sơ", "text", 255),
    FieldSpec("applicant_id_number", "SoGiayToChuHoSo", "Số giấy tờ chủ hồ sơ", "text", 40),
    FieldSpec("applicant_phone", "SoDienThoai", "Số điện thoại", "text", 40),
    FieldSpec("applicant_email", "Email", "Thư điện tử", "text", 255),
    FieldSpec("applicant_address", "DiaChiChuHoSo", "Địa chỉ chủ hồ sơ", "text", 500),
    FieldSpec("applicant_type", "LoaiDoiTuong", "Loại đối tượng", "int", 0, False, "1–4"),
    FieldSpec("summary", "TrichYeuHoSo", "Trích yếu", "text", 1000),
    FieldSpec("submitted_at", "NgayNopHoSo", "Ngày nộp", "instant"),
    FieldSpec("received_at", RECEIVED, "Ngày tiếp nhận", "instant", 0, False, "bắt buộc trừ trạng thái 1, 3"),
    FieldSpec("appointment_at", APPOINTMENT, "Ngày hẹn trả", "instant"),
    FieldSpec("end_at", ENDED, "Ngày kết thúc xử lý", "instant", 0, False, "bắt buộc ở trạng thái 7–10"),
    FieldSpec("returned_at", "NgayTra", "Ngày trả kết quả", "instant"),
    FieldSpec("refused_at", "NgayTuChoi", "Ngày từ chối", "instant"),
    FieldSpec("digitised_inputs", DIGITISED, "Hồ sơ có thành phần số hóa", "flag", 0, False, "1 có, 0 không"),
    FieldSpec(
        "electronic_result",
        RESULT_FILES,
        "Đính kèm kết quả",
        "attachment",
        0,
        False,
        "tệp kết quả điện tử; có giá trị = có kết quả điện tử",
    ),
    FieldSpec(
        "online_payment",
        PAID_ONLINE,
        "Được thanh toán trực tuyến",
        "int",
        0,
        False,
        "0 không, 1 trên Cổng DVC quốc gia, 2 qua cổng thanh toán của tỉnh",
    ),
    FieldSpec("vneid_verified", VNEID, "Tài khoản xác thực VNeID", "flag", 0, False, "1 có, 0 không"),
    FieldSpec("supplements", SUPPLEMENTS, "Yêu cầu bổ sung", "list", 0, False, "danh sách JSON"),
    FieldSpec("steps", STEPS, "Quá trình xử lý", "list", 0, False, "danh sách JSON"),
)
FIELD_BY_KEY: Final = {f.key: f for f in FIELDS}
# Kinds whose absence means "the record does not say" (None), never "no".
OPTIONAL_KINDS: Final = frozenset({"flag", "attachment"})
# Instants that may lie further ahead than a receipt (the plausible window of a deadline).
DEADLINE_KEYS: Final = frozenset({"appointment_at"})

# A step of QuaTrinhXuLy and a supplement of DanhSachHoSoBoSung: key → (national name, Vietnamese
# heading, English name); the national name comes first, as the columnar path and the export use it.
STEP_FIELDS: Final = {
    "unit_ref": ("PhongBanXuLy", "Phòng ban xử lý", "unit"),
    "from_unit_ref": ("DonViChuyen", "Đơn vị chuyển", "from_unit"),
    "official_name": ("NguoiXuLy", "Người xử lý", "official"),
    "position": ("ChucDanh", "Chức danh", "position"),
    "content": ("NoiDungXuLy", "Nội dung xử lý", "content"),
    "started_at": ("NgayBatDau", "Ngày bắt đầu", "started_at"),
    "finished_at": ("ThoiDiemXuLy", "Thời điểm xử lý", "finished_at"),
    "deadline_at": ("NgayKetThucTheoQuyDinh", "Hạn của bước", "deadline_at"),
    "external": (OUTSIDE_AGENCY, "Cơ quan liên thông ngoài", "external"),
}
SUPPLEMENT_FIELDS: Final = {
    "requested_at": ("NgayBoSung", "Ngày yêu cầu bổ sung", "requested_at"),
    "completed_at": ("NgayTiepNhanBoSung", "Ngày tiếp nhận bổ sung", "completed_at"),
    "content": ("NoiDungBoSung", "Nội dung bổ sung", "content"),
}
STEP_LIMITS: Final = {
    "unit_ref": 255,
    "from_unit_ref": 255,
    "official_name": 255,
    "position": 255,
    "content": 1000,
}
SUPPLEMENT_CONTENT_LIMIT: Final = 1000


# --- headings --------------------------------------------------------------------------------------


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


def _exact_table(specs: Iterable[tuple[str, Iterable[str]]]) -> dict[str, str]:
    """The spellings as written (``NgayBatDau``), so the common case skips ``fold``."""
    return {name: key for key, names in specs for name in names}


HEADER_ALIASES: Final = _alias_table((f.key, (f.key, f.national, f.label)) for f in FIELDS)
HEADER_ALIASES[fold(DIGITISED_ALIAS)] = "digitised_inputs"
STEP_ALIASES: Final = _alias_table((k, v) for k, v in STEP_FIELDS.items())
SUPPLEMENT_ALIASES: Final = _alias_table((k, v) for k, v in SUPPLEMENT_FIELDS.items())
SUPPLEMENT_ALIASES[fold("NoiDung")] = "content"
STEP_EXACT: Final = _exact_table((k, v) for k, v in STEP_FIELDS.items())
SUPPLEMENT_EXACT: Final = _exact_table((k, v) for k, v in SUPPLEMENT_FIELDS.items())
SUPPLEMENT_EXACT["NoiDung"] = "content"


def map_headers(headers: Iterable[str]) -> dict[str, str]:
    """Original heading → internal key, for the headings that mean something to the importer."""
    out: dict[str, str] = {}
    for h in headers:
        key = HEADER_ALIASES.get(fold(str(h)))
        if key is not None and key not in out.values():
            out[str(h)] = key
    return out


def remap(
    obj: Mapping[str, Any], aliases: dict[str, str], exact: dict[str, str] | None = None
) -> dict[str, Any]:
    """An object's values under the internal keys its names (any spelling ``aliases`` folds) stand for;
    the first of two names for one key wins."""
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
