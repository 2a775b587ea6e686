"""The fields of the national sync format and how one value of each is read: field names, code tables, the
instant reader and the value readers (docs/rules/national-sync.md). Shared by every reader of the format —
the pure commands (``natsync``), the ledger's row parser (``cchc.dossiers.records``) and its columnar
path — so a field is defined and read in one place. Pure: no Django."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Final

from cchc.lib.outcomes import STATUSES, LimitUnit

# Việt Nam has kept UTC+7 without daylight saving since 1975: instants with an offset are converted
# to this wall clock without needing a time-zone database.
LOCAL_OFFSET: Final = timezone(timedelta(hours=7))


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
# The words read as yes and as no in a yes/no field, by every reader of the national sync shape (the
# judge here, the ledger's row and columnar paths in cchc.dossiers): also without diacritics ("co",
# "khong"), as spreadsheets typed without a Vietnamese keyboard write them. Compared after lower().
TRUE_WORDS: Final = frozenset({"1", "true", "có", "co", "x", "yes"})
FALSE_WORDS: Final = frozenset({"0", "false", "không", "khong", "no", ""})

_fromisoformat = datetime.fromisoformat
BAD_INSTANT: Final = "không phải thời điểm hợp lệ (dùng yyyyMMddHHmmss hoặc ISO 8601)"


class InvalidValue(ValueError):
    """A value that cannot be read; the message is the Vietnamese reason shown to the person."""


_Invalid = InvalidValue


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


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def shown(value: Any) -> str:
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


def parse_bool(value: Any) -> bool:
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


def parse_status(value: Any) -> int:
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
