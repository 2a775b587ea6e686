"""Procedure catalogue (danh mục TTHC) import from CSV or XLSX: ``cchc import-procedures FILE``.

Columns (national names from the national procedure database, or the Vietnamese headings; any case,
with or without diacritics — docs/dossier-import.md lists them):

MaTTHC, TenTTHC (required); MaLinhVuc, TenLinhVuc; CapThucHien ("Cấp tỉnh", "Cấp huyện", "Cấp xã",
several → "Nhiều cấp"); ThoiHan + DonViTinh (giờ / ngày / ngày làm việc / tháng —
docs/rules/dossier-deadlines.md; the unit may also follow the number in ThoiHan: "3 ngày làm việc"); LienThong
(có/không); PhanBoBuoc ("P1-MC:0,5; P1:2; Sở Tư pháp*:1" — unit code and its share in working days, ``*``
marks an agency outside the organisation — or the same as JSON); PhiLePhi ("Lệ phí: 8000; Phí: 5000" or JSON);
MucDoTrucTuyen (toàn trình / một phần / không, or 4 / 3 / 2); MaDonViGiaiQuyet (unit codes separated
by ";" or ",").

Same rules as the dossier import: every row is checked first, one bad row and nothing is written, each
problem names its row, column, value and reason; rows are upserted on MaTTHC and a second import of the
same file changes nothing.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from cchc.core.refusals import say
from cchc.core.uploads import WorkbookRefused, check_upload
from cchc.dossiers.importing import UnreadableInput, detect_format
from cchc.dossiers.models import LimitUnit, OnlineLevel, ProcedureLevel
from cchc.dossiers.records import RowError, fold
from cchc.lib import bad_text
from cchc.lib.index766 import catalogue as lib_catalogue


@dataclass(frozen=True)
class Column:
    key: str
    national: str
    label: str
    aliases: tuple[str, ...] = ()
    required: bool = False


COLUMNS = (
    Column("national_code", "MaTTHC", "Mã TTHC", ("Mã thủ tục", "national_code"), True),
    Column("name", "TenTTHC", "Tên TTHC", ("Tên thủ tục", "Tên thủ tục hành chính", "name"), True),
    Column("field_code", "MaLinhVuc", "Mã lĩnh vực", ("field_code",)),
    Column("field_name", "TenLinhVuc", "Lĩnh vực", ("Tên lĩnh vực", "field_name")),
    Column("level", "CapThucHien", "Cấp thực hiện", ("level",)),
    Column("limit_value", "ThoiHan", "Thời hạn giải quyết", ("Thời hạn", "ThoiGianGiaiQuyet", "limit_value")),
    Column("limit_unit", "DonViTinh", "Đơn vị thời hạn", ("Đơn vị tính", "limit_unit")),
    Column("inter_agency", "LienThong", "Liên thông", ("inter_agency",)),
    Column("step_shares", "PhanBoBuoc", "Phân bổ bước", ("Phân bổ thời gian", "step_shares")),
    Column("fees", "PhiLePhi", "Phí, lệ phí", ("Phí", "Lệ phí", "DanhSachLePhi", "fees")),
    Column("online_level", "MucDoTrucTuyen", "Mức độ trực tuyến", ("Mức độ DVCTT", "online_level")),
    Column(
        "handling_units", "MaDonViGiaiQuyet", "Mã đơn vị giải quyết", ("Cơ quan thực hiện", "handling_units")
    ),
    Column("is_active", "DangApDung", "Đang áp dụng", ("is_active",)),
    # The handbook's fields (names as the national procedure database's public pages head them).
    Column("documents", "ThanhPhanHoSo", "Thành phần hồ sơ", ("Hồ sơ gồm", "documents")),
    Column("forms", "MauDonToKhai", "Mẫu đơn, tờ khai", ("Mẫu đơn", "Tờ khai", "forms")),
    Column("steps", "TrinhTuThucHien", "Trình tự thực hiện", ("Trình tự", "steps")),
    Column("submit_where", "CachThucThucHien", "Cách thức thực hiện", ("Địa điểm thực hiện", "submit_where")),
    Column("result_name", "KetQuaThucHien", "Kết quả thực hiện", ("Kết quả", "result_name")),
    Column("legal_documents", "CanCuPhapLy", "Căn cứ pháp lý", ("legal_documents",)),
    Column("online_url", "DiaChiTrucTuyen", "Địa chỉ nộp trực tuyến", ("Link DVC", "online_url")),
)
_ALIASES = {fold(n): c.key for c in COLUMNS for n in (c.key, c.national, c.label, *c.aliases)}
_BY_KEY = {c.key: c for c in COLUMNS}

# docs/rules/dossier-deadlines.md [PRACTICE]: "Giờ, Ngày, Ngày làm việc, tháng".
UNIT_WORDS = {
    "gio": LimitUnit.HOURS,
    "giolamviec": LimitUnit.HOURS,
    "hours": LimitUnit.HOURS,
    "ngay": LimitUnit.DAYS,
    "days": LimitUnit.DAYS,
    "ngaylamviec": LimitUnit.WORKING_DAYS,
    "workingdays": LimitUnit.WORKING_DAYS,
    "thang": LimitUnit.MONTHS,
    "months": LimitUnit.MONTHS,
}
LEVEL_WORDS = {
    "tinh": ProcedureLevel.PROVINCE,
    "captinh": ProcedureLevel.PROVINCE,
    "province": ProcedureLevel.PROVINCE,
    "huyen": ProcedureLevel.DISTRICT,
    "caphuyen": ProcedureLevel.DISTRICT,
    "district": ProcedureLevel.DISTRICT,
    "xa": ProcedureLevel.COMMUNE,
    "capxa": ProcedureLevel.COMMUNE,
    "commune": ProcedureLevel.COMMUNE,
    "nhieucap": ProcedureLevel.MULTI,
    "multi": ProcedureLevel.MULTI,
}
# One table with the command's catalogue reader (``cchc index-766 --procedures``).
ONLINE_WORDS = {word: OnlineLevel(level) for word, level in lib_catalogue.ONLINE_WORDS.items()}
YES = {"co", "1", "x", "true", "yes"}
NO = {"", "khong", "0", "false", "no"}
HANDBOOK_FIELDS = (
    "documents",
    "forms",
    "steps",
    "submit_where",
    "result_name",
    "legal_documents",
    "online_url",
)
FIELDS = (
    "name",
    "field_code",
    "field_name",
    "level",
    "limit_value",
    "limit_unit",
    "inter_agency",
    "step_shares",
    "fees",
    "online_level",
    "is_active",
    *HANDBOOK_FIELDS,
)


@dataclass
class CatalogueResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if self.errors:
            return f"{len({e.row for e in self.errors})} dòng bị từ chối; không ghi thủ tục nào."
        verb = "Kiểm tra xong (chưa ghi)" if self.dry_run else "Đã nhập"
        return f"{verb}: {self.created} thủ tục mới, {self.updated} cập nhật, {self.unchanged} không đổi."


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(data: bytes, name: str) -> list[tuple[int, dict[str, str]]]:
    fmt = detect_format(name, data[:64])
    if fmt == "json":
        raise UnreadableInput("Danh mục TTHC nhập từ tệp CSV hoặc XLSX.")
    if fmt == "xlsx":
        try:
            check_upload(data)
        except WorkbookRefused as exc:
            raise UnreadableInput(say(exc)) from exc
        try:
            from python_calamine import CalamineWorkbook

            rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
        except Exception as exc:  # calamine's messages are English: the person gets ours
            raise UnreadableInput(
                "Tệp Excel không đọc được: tệp hỏng, có mật khẩu hoặc không phải bảng tính .xlsx."
            ) from exc
        table = [[_cell(c) for c in row] for row in rows]
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UnreadableInput("Tệp CSV phải mã hóa UTF-8.") from exc
        first = text.split("\n", 1)[0]
        delimiter = max((",", ";", "\t"), key=first.count)
        try:
            table = [
                [c.strip() for c in row]
                for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            ]
        except csv.Error as exc:
            raise UnreadableInput("Tệp CSV sai cấu trúc (dấu ngoặc kép không đóng hoặc ô quá dài).") from exc
    if not table:
        raise UnreadableInput("Tệp rỗng.")
    # A NUL: PostgreSQL cannot keep it in a text (the heading's own is named by its letter).
    fault = bad_text.refusal_in_rows(table[:1]) or bad_text.refusal_in_rows(table[1:], table[0], first=2)
    if fault is not None:
        raise UnreadableInput(say(fault))
    keys = [_ALIASES.get(fold(h)) for h in table[0]]
    missing = [c for c in COLUMNS if c.required and c.key not in keys]
    if missing:
        names = ", ".join(f"{c.national} ({c.label})" for c in missing)
        raise UnreadableInput(f"Tệp thiếu cột bắt buộc: {names}. Dòng đầu tiên phải là dòng tiêu đề.")
    out = []
    for n, row in enumerate(table[1:], start=2):
        if not any(row):
            continue
        out.append((n, {k: (row[i] if i < len(row) else "") for i, k in enumerate(keys) if k}))
    if not out:
        raise UnreadableInput("Tệp không có thủ tục nào.")
    return out


def _number(text: str) -> Decimal:
    return Decimal(text.replace(" ", "").replace(",", "."))


def parse_row(
    n: int, raw: dict[str, str], units: dict[str, int]
) -> tuple[dict[str, Any], list[int], list[RowError]]:
    errors: list[RowError] = []

    def err(key: str, value: str, reason: str) -> None:
        errors.append(RowError(n, _BY_KEY[key].national, value, reason))

    v: dict[str, Any] = {}
    for key in ("national_code", "name", "field_code", "field_name"):
        v[key] = raw.get(key, "").strip()
    limits = {"national_code": 40, "name": 500, "field_code": 40, "field_name": 255}
    for key, limit in limits.items():
        if _BY_KEY[key].required and not v[key]:
            err(key, "", f"Thiếu {_BY_KEY[key].label.lower()}.")
        elif len(v[key]) > limit:
            err(key, v[key][:80], f"Dài quá {limit} ký tự.")

    level_text = raw.get("level", "")
    parts = [fold(p) for p in re.split(r"[;,/]", level_text) if p.strip()]
    levels = {LEVEL_WORDS.get(p) for p in parts}
    if None in levels:
        err("level", level_text, "Cấp thực hiện phải là Cấp tỉnh, Cấp huyện, Cấp xã hoặc Nhiều cấp.")
        v["level"] = ""
    else:
        v["level"] = "" if not levels else (levels.pop() if len(levels) == 1 else ProcedureLevel.MULTI)

    value_text = raw.get("limit_value", "")
    unit_text = raw.get("limit_unit", "")
    m = re.match(r"^\s*([0-9]+(?:[.,][0-9]+)?)\s*(.*)$", value_text)
    v["limit_value"], v["limit_unit"] = None, LimitUnit.WORKING_DAYS
    if value_text and not m:
        err("limit_value", value_text, "Thời hạn phải là một số (ví dụ 3 hoặc 3 ngày làm việc).")
    elif m:
        try:
            v["limit_value"] = _number(m.group(1))
        except InvalidOperation:
            err("limit_value", value_text, "Thời hạn phải là một số.")
        unit_text = unit_text or m.group(2)
        if v["limit_value"] is not None and v["limit_value"] <= 0:
            err("limit_value", value_text, "Thời hạn phải lớn hơn 0.")
    if unit_text:
        unit = UNIT_WORDS.get(fold(unit_text))
        if unit is None:
            err("limit_unit", unit_text, "Đơn vị thời hạn phải là giờ, ngày, ngày làm việc hoặc tháng.")
        else:
            v["limit_unit"] = unit
    elif v["limit_value"] is not None:
        err("limit_unit", "", "Thiếu đơn vị thời hạn (giờ, ngày, ngày làm việc hoặc tháng): không được đoán.")
    if (
        v["limit_value"] is not None
        and v["limit_unit"] != LimitUnit.HOURS
        and v["limit_value"] != int(v["limit_value"])
    ):
        err("limit_value", value_text, "Thời hạn tính bằng ngày, ngày làm việc hoặc tháng phải là số nguyên.")

    for key, default in (("inter_agency", False), ("is_active", True)):
        text = raw.get(key, "")
        f = fold(text)
        if not text:
            v[key] = default
        elif f in YES:
            v[key] = True
        elif f in NO:
            v[key] = False
        else:
            err(key, text, "Ghi «có» hoặc «không».")
            v[key] = default

    v["step_shares"] = _shares(
        raw.get("step_shares", ""), units, lambda val, why: err("step_shares", val, why)
    )
    v["fees"] = _fees(raw.get("fees", ""), lambda val, why: err("fees", val, why))

    online_text = raw.get("online_level", "")
    online = ONLINE_WORDS.get(fold(online_text))
    if online is None:
        err("online_level", online_text, "Mức độ trực tuyến phải là toàn trình (4), một phần (3) hoặc không.")
        online = OnlineLevel.NONE
    v["online_level"] = online

    v.update(handbook_fields(raw, lambda key, val, why: err(key, val, why)))

    unit_ids: list[int] = []
    for code in [c.strip() for c in re.split(r"[;,]", raw.get("handling_units", "")) if c.strip()]:
        pk = units.get(code)
        if pk is None:
            err("handling_units", code, "Mã đơn vị không có trong danh sách đơn vị.")
        elif pk not in unit_ids:
            unit_ids.append(pk)
    return v, sorted(unit_ids), errors


ITEM_MAX = 1000
TEXT_MAX = 4000


def _items(text: str) -> list[str]:
    """A cell's list: one item per line, or separated by ";" when the cell is one line."""
    text = text.strip()
    parts = text.splitlines() if "\n" in text else text.split(";")
    return [" ".join(p.split()) for p in parts if p.strip()]


def _url(text: str) -> bool:
    return bool(re.fullmatch(r"https?://[^\s<>\"']{3,490}", text))


def handbook_fields(raw: dict[str, str], err: Any) -> dict[str, Any]:
    """Documents ("name | copies"), forms ("name | address"), steps, legal documents: lists; where and
    how to submit, the result and the online address: text. Each problem names the column."""
    out: dict[str, Any] = {}
    for key in ("steps", "legal_documents"):
        out[key] = _items(raw.get(key, ""))
        for item in out[key]:
            if len(item) > ITEM_MAX:
                err(key, item[:80], f"Mỗi mục dài tối đa {ITEM_MAX} ký tự.")
    out["documents"] = []
    for item in _items(raw.get("documents", "")):
        name, _, copies = (p.strip() for p in item.partition("|"))
        if not name or len(item) > ITEM_MAX:
            err("documents", item[:80], f"Mỗi giấy tờ ghi «tên | số bản», tối đa {ITEM_MAX} ký tự.")
            continue
        out["documents"].append({"name": name, "copies": copies})
    out["forms"] = []
    for item in _items(raw.get("forms", "")):
        name, _, url = (p.strip() for p in item.partition("|"))
        if not name or len(item) > ITEM_MAX or (url and not _url(url)):
            err("forms", item[:80], "Mỗi mẫu ghi «tên mẫu | địa chỉ tải về (http:// hoặc https://)».")
            continue
        out["forms"].append({"name": name, "url": url})
    for key, limit in (("submit_where", TEXT_MAX), ("result_name", 500)):
        out[key] = raw.get(key, "").strip()
        if len(out[key]) > limit:
            err(key, out[key][:80], f"Dài quá {limit} ký tự.")
    url = raw.get("online_url", "").strip()
    if url and not _url(url):
        err("online_url", url[:80], "Địa chỉ nộp trực tuyến phải bắt đầu bằng http:// hoặc https://.")
        url = ""
    out["online_url"] = url
    return out


def _shares(text: str, units: dict[str, int], err: Any) -> list[dict[str, Any]]:
    text = text.strip()
    if not text:
        return []
    items: list[dict[str, Any]] = []
    if text.startswith("["):
        try:
            parsed = json.loads(text)
            for item in parsed:
                items.append(
                    {
                        "unit": str(item["unit"]),
                        "share": float(item["share"]),
                        "external": bool(item.get("external")),
                    }
                )
        except (ValueError, KeyError, TypeError):
            err(text[:80], 'Phân bổ bước dạng JSON phải là [{"unit": ..., "share": ..., "external": ...}].')
            return []
    else:
        for part in [p.strip() for p in text.split(";") if p.strip()]:
            name, sep, share = part.rpartition(":")
            if not sep:
                err(part, "Mỗi bước ghi «mã đơn vị:số ngày», các bước cách nhau bằng dấu chấm phẩy.")
                continue
            external = name.strip().endswith("*")
            try:
                value = float(_number(share))
            except InvalidOperation:
                err(part, "Phần thời gian của bước phải là một số.")
                continue
            items.append({"unit": name.strip().rstrip("*").strip(), "share": value, "external": external})
    for item in items:
        if not item["external"] and item["unit"] not in units:
            err(item["unit"], "Mã đơn vị không có; thêm dấu * sau tên nếu là cơ quan ngoài (liên thông).")
        if item["share"] <= 0:
            err(str(item["share"]), "Phần thời gian của bước phải lớn hơn 0.")
    return items


def _fees(text: str, err: Any) -> list[dict[str, Any]]:
    # The grammar is the command's (``cchc index-766 --procedures`` reads the same column).
    entries, problems = lib_catalogue.parse_fees(text)
    for part, why in problems:
        err(part, why)
    return entries
