"""Import units and officials from XLSX or CSV, shared by the web page and ``cchc import-org``.

The rules (product.md "Nothing lost", issue 2 deliverable 4):
- every row is checked before anything is written; one bad row and nothing is written, and the report
  names each bad row (as Excel numbers it: the header is row 1), the column, the value and the reason;
- rows are upserted on their code, so importing the same file twice changes nothing the second time;
- unknown jurisdiction or unit codes are errors, never created on the fly;
- a parent may be a row further down the same file;
- only units inside the importer's jurisdiction are touched.

The write itself goes through ``cchc.org.actions`` row by row inside one transaction (each row in a
savepoint so every failing row is reported), which is then rolled back on any error or on a dry run.
The preview therefore runs exactly the code the real import runs.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q

from cchc.core.events import record
from cchc.org import actions
from cchc.org.models import HeadKind, Jurisdiction, Official, Unit, UnitHead, UnitKind

UNITS = "units"
OFFICIALS = "officials"
KIND_LABELS = {UNITS: "đơn vị", OFFICIALS: "cán bộ, công chức"}


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # the Vietnamese header written in templates and exports
    required: bool
    aliases: tuple[str, ...] = ()


UNIT_COLUMNS = (
    Column("code", "mã đơn vị", True, ("code", "unit code", "ma dv")),
    Column("name", "tên đơn vị", True, ("name", "unit name", "ten")),
    Column("short_name", "tên ngắn", False, ("short name", "short_name", "ten rut gon")),
    Column("abbreviation", "viết tắt", False, ("chu viet tat", "abbreviation", "abbr")),
    Column("kind", "loại", True, ("loai don vi", "kind", "type")),
    Column(
        "jurisdiction", "mã địa bàn", True, ("jurisdiction", "jurisdiction code", "ma dia ban hanh chinh")
    ),
    Column("parent", "mã đơn vị cấp trên", False, ("parent", "parent code", "don vi cap tren")),
    Column("email", "email", False, ("thu dien tu", "e-mail", "e mail")),
    Column("phone", "điện thoại", False, ("so dien thoai", "phone", "telephone")),
    Column("address", "địa chỉ", False, ("address",)),
    Column("valid_from", "hiệu lực từ", False, ("valid from", "valid_from", "tu ngay")),
    Column("valid_to", "hiệu lực đến", False, ("valid to", "valid_to", "den ngay")),
)
OFFICIAL_COLUMNS = (
    Column("code", "mã cán bộ", True, ("code", "official code", "ma cb")),
    Column("full_name", "họ và tên", True, ("ho ten", "full name", "full_name", "name")),
    Column("position", "chức vụ", False, ("position", "title", "chuc danh")),
    Column("unit", "mã đơn vị", True, ("unit", "unit code")),
    Column("email", "email", False, ("thu dien tu", "e-mail", "e mail")),
    Column("phone", "điện thoại", False, ("so dien thoai", "phone", "telephone")),
    Column("head", "người đứng đầu", False, ("head", "thu truong")),
)
COLUMNS = {UNITS: UNIT_COLUMNS, OFFICIALS: OFFICIAL_COLUMNS}
# What to write in the "người đứng đầu" column: empty leaves headships as they are.
HEAD_VALUES = {
    "co": HeadKind.HEAD,
    "x": HeadKind.HEAD,
    "yes": HeadKind.HEAD,
    "head": HeadKind.HEAD,
    "nguoi dung dau": HeadKind.HEAD,
    "quyen": HeadKind.ACTING,
    "phu trach": HeadKind.ACTING,
    "acting": HeadKind.ACTING,
    "khong": "none",
    "no": "none",
}
HEAD_HELP = "có (người đứng đầu), quyền (phụ trách / quyền), không (thôi đứng đầu), để trống (giữ nguyên)"


class UnreadableFile(Exception):
    """The file cannot be read as a table at all (exit status 2 in the CLI)."""


@dataclass
class RowError:
    row: int
    column: str
    value: str
    reason: str


@dataclass
class ImportReport:
    kind: str
    dry_run: bool
    rows: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    heads: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run

    def error(self, row: int, column: str, value: Any, reason: str) -> None:
        self.errors.append(RowError(row, column, "" if value is None else str(value), reason))

    def summary(self) -> str:
        label = KIND_LABELS[self.kind]
        if self.errors:
            rows = len({e.row for e in self.errors})
            return (
                f"Tệp có {rows} dòng lỗi ({len(self.errors)} lỗi) trên {self.rows} dòng {label}: "
                "không ghi dòng nào. Sửa các lỗi dưới đây rồi nhập lại cả tệp."
            )
        verb = "Chạy thử (chưa ghi): sẽ" if self.dry_run else "Đã"
        text = (
            f"{verb} thêm {len(self.created)}, cập nhật {len(self.updated)}, "
            f"giữ nguyên {len(self.unchanged)} {label} trên {self.rows} dòng"
        )
        if self.heads:
            text += f"; thay đổi người đứng đầu: {len(self.heads)}"
        return text + "."

    def text(self) -> str:
        """The plain-text report printed by the CLI."""
        lines = [self.summary()]
        lines += [f"Cảnh báo: {w}" for w in self.warnings]
        for e in self.errors:
            value = f" «{e.value}»" if e.value else ""
            lines.append(f"Dòng {e.row}, cột «{e.column}»{value}: {e.reason}")
        return "\n".join(lines)


# --- reading -------------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Header/label key: no diacritics, lower case, no bracketed hints or '*' marks."""
    text = re.sub(r"\(.*?\)|\*", " ", str(text))
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn").lower()
    text = re.sub(r"[^a-z0-9@]+", " ", text)
    return text.strip()


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value)).strip()


def read_table(data: bytes, filename: str = "") -> list[list[str]]:
    """Rows of cells as text. XLSX/XLS/ODS through python-calamine (first sheet); CSV as UTF-8."""
    name = filename.lower()
    is_sheet = data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    if is_sheet or name.endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        return _read_spreadsheet(data)
    return _read_csv(data)


def _read_spreadsheet(data: bytes) -> list[list[str]]:
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        if not book.sheet_names:
            raise UnreadableFile("Tệp bảng tính không có trang tính nào.")
        sheet = book.get_sheet_by_name(book.sheet_names[0])
        raw = sheet.to_python(skip_empty_area=False)
    except UnreadableFile:
        raise
    except Exception as exc:  # calamine raises several unrelated types for damaged files
        raise UnreadableFile(
            f"Không đọc được tệp bảng tính: {exc}. Hãy lưu lại dưới dạng .xlsx hoặc .csv."
        ) from exc
    return [[cell_text(v) for v in row] for row in raw]


def _read_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            "Tệp CSV không ở mã UTF-8. Trong Excel hãy chọn «Lưu thành» → "
            "«CSV UTF-8 (phân cách bằng dấu phẩy)»."
        ) from exc
    if "\x00" in text:
        raise UnreadableFile("Tệp không phải tệp CSV hay bảng tính (.xlsx).")
    first = text.split("\n", 1)[0]
    # Vietnamese Excel uses ';' as list separator because ',' is the decimal comma.
    delimiter = max([",", ";", "\t"], key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [[cell_text(v) for v in row] for row in reader]
    except csv.Error as exc:
        raise UnreadableFile(f"Tệp CSV sai cấu trúc: {exc}.") from exc


def _lookup(kind: str) -> dict[str, Column]:
    lookup: dict[str, Column] = {}
    for col in COLUMNS[kind]:
        for key in (col.header, col.field, *col.aliases):
            lookup[normalise(key)] = col
    return lookup


def detect_kind(headers: list[str]) -> str | None:
    """The kind whose required columns are all present (the one matching more columns if both are)."""
    keys = {normalise(h) for h in headers if h}
    best: tuple[int, str] | None = None
    for kind in (UNITS, OFFICIALS):
        lookup = _lookup(kind)
        matched = {lookup[k].field for k in keys if k in lookup}
        complete = all(c.field in matched for c in COLUMNS[kind] if c.required)
        if complete and (best is None or len(matched) > best[0]):
            best = (len(matched), kind)
    if best is not None:
        return best[1]
    # Incomplete header row: guess from the Vietnamese headers only one kind has, so that the report can
    # name the missing column instead of refusing the file.
    if keys & {"ma can bo", "ho va ten", "ho ten", "nguoi dung dau", "chuc vu"}:
        return OFFICIALS
    if keys & {"ten don vi", "ma dia ban", "loai", "ma don vi cap tren", "viet tat"}:
        return UNITS
    return None


def _map_headers(kind: str, headers: list[str], header_row: int, report: ImportReport) -> dict[str, int]:
    lookup = _lookup(kind)
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        if not header:
            continue
        found = lookup.get(normalise(header))
        if found is None:
            report.warnings.append(f"Cột «{header}» không dùng đến, được bỏ qua.")
        elif found.field in mapping:
            report.error(header_row, header, header, f"Cột «{found.header}» xuất hiện hai lần.")
        else:
            mapping[found.field] = index
    for col in COLUMNS[kind]:
        if col.required and col.field not in mapping:
            report.error(header_row, col.header, "", f"Thiếu cột bắt buộc «{col.header}».")
    return mapping


def parse_date(text: str) -> dt.date:
    text = text.strip()
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_kind(text: str) -> str | None:
    key = normalise(text)
    for value, label in UnitKind.choices:
        if key in {normalise(value), normalise(label)}:
            return str(value)
    return _KIND_ALIASES.get(key)


_KIND_ALIASES = {
    "ubnd": UnitKind.PEOPLES_COMMITTEE,
    "uy ban nhan dan tinh": UnitKind.PEOPLES_COMMITTEE,
    "uy ban nhan dan thanh pho": UnitKind.PEOPLES_COMMITTEE,
    "co quan chuyen mon": UnitKind.AGENCY,
    "phong": UnitKind.AGENCY,
    "so": UnitKind.AGENCY,
    "ubnd phuong": UnitKind.WARD_COMMITTEE,
    "ubnd xa": UnitKind.WARD_COMMITTEE,
    "ubnd phuong xa": UnitKind.WARD_COMMITTEE,
    "phuong": UnitKind.WARD_COMMITTEE,
    "xa": UnitKind.WARD_COMMITTEE,
    "bo phan mot cua": UnitKind.ONE_STOP,
    "mot cua": UnitKind.ONE_STOP,
    "mttq": UnitKind.FRONT,
    "mat tran": UnitKind.FRONT,
    "doan the": UnitKind.FRONT,
    "mat tran to quoc": UnitKind.FRONT,
    "khac": UnitKind.OTHER,
}


# --- rows ----------------------------------------------------------------------------------------


@dataclass
class Row:
    number: int
    values: dict[str, str]
    fields: dict[str, Any] = field(default_factory=dict)
    ok: bool = True


def _rows(table: list[list[str]], header_index: int, mapping: dict[str, int]) -> Iterator[Row]:
    # Row numbers as the spreadsheet shows them: the first line of the file is row 1.
    for offset, cells in enumerate(table[header_index + 1 :], start=header_index + 2):
        if not any(c.strip() for c in cells):
            continue
        values = {f: (cells[i] if i < len(cells) else "").strip() for f, i in mapping.items()}
        yield Row(offset, values)


def _header(kind: str, field_name: str) -> str:
    return next(c.header for c in COLUMNS[kind] if c.field == field_name)


def _scope_units(area: Jurisdiction | None) -> Any:
    return Unit.objects.filter(jurisdiction__path__startswith=area.path) if area else Unit.objects.all()


def _check_email(report: ImportReport, row: Row, kind: str) -> None:
    value = row.values.get("email", "")
    if value:
        try:
            validate_email(value)
        except ValidationError:
            report.error(row.number, _header(kind, "email"), value, "Địa chỉ thư điện tử không hợp lệ.")
            row.ok = False


def _check_length(report: ImportReport, row: Row, kind: str, name: str, limit: int) -> None:
    value = row.values.get(name, "")
    if len(value) > limit:
        report.error(row.number, _header(kind, name), value, f"Dài quá {limit} ký tự.")
        row.ok = False


def _parse_units(rows: list[Row], report: ImportReport, area: Jurisdiction | None) -> None:
    seen: dict[str, int] = {}
    in_file = {r.values.get("code", ""): r for r in rows}
    scope = _scope_units(area)
    areas = {
        j.code: j for j in Jurisdiction.objects.filter(code__in={r.values.get("jurisdiction") for r in rows})
    }
    existing = {u.code: u for u in Unit.objects.filter(code__in=list(in_file)).select_related("jurisdiction")}
    scoped_ids = set(scope.filter(code__in=list(in_file)).values_list("pk", flat=True))
    parents = {
        u.code: u
        for u in Unit.objects.filter(code__in={r.values.get("parent") for r in rows}).select_related(
            "jurisdiction"
        )
    }
    scoped_parent_ids = set(
        scope.filter(pk__in=[u.pk for u in parents.values()]).values_list("pk", flat=True)
    )

    def bad(row: Row, name: str, reason: str) -> None:
        report.error(row.number, _header(UNITS, name), row.values.get(name, ""), reason)
        row.ok = False

    for row in rows:
        v = row.values
        code = v.get("code", "")
        if not code:
            bad(row, "code", "Thiếu mã đơn vị.")
        elif code in seen:
            bad(row, "code", f"Mã đơn vị trùng với dòng {seen[code]}.")
        else:
            seen[code] = row.number
            unit = existing.get(code)
            if unit is not None and unit.pk not in scoped_ids:
                bad(row, "code", "Đơn vị đã có trong hệ thống nhưng thuộc địa bàn ngoài phạm vi của bạn.")
        for name, limit in (("code", 40), ("name", 255), ("short_name", 120), ("abbreviation", 20)):
            _check_length(report, row, UNITS, name, limit)
        for name, limit in (("phone", 40), ("address", 255)):
            _check_length(report, row, UNITS, name, limit)
        _check_email(report, row, UNITS)
        if not v.get("name"):
            bad(row, "name", "Thiếu tên đơn vị.")
        kind = parse_kind(v.get("kind", ""))
        if kind is None:
            labels = ", ".join(f"«{label}»" for _, label in UnitKind.choices)
            bad(row, "kind", f"Loại đơn vị không hợp lệ; dùng một trong: {labels}.")
        area_code = v.get("jurisdiction", "")
        jurisdiction = areas.get(area_code)
        if not area_code:
            bad(row, "jurisdiction", "Thiếu mã địa bàn.")
        elif jurisdiction is None:
            bad(
                row,
                "jurisdiction",
                "Không có địa bàn mang mã này trong hệ thống (địa bàn không được tạo khi nhập).",
            )
        elif area is not None and not jurisdiction.path.startswith(area.path):
            bad(row, "jurisdiction", f"Địa bàn «{jurisdiction.name}» nằm ngoài phạm vi «{area.name}».")
        parent_code = v.get("parent", "")
        if parent_code:
            if parent_code == code:
                bad(row, "parent", "Đơn vị không thể là cấp trên của chính nó.")
            elif parent_code not in in_file:
                parent = parents.get(parent_code)
                if parent is None:
                    bad(row, "parent", "Không có đơn vị mang mã này trong hệ thống hay trong tệp.")
                elif parent.pk not in scoped_parent_ids:
                    bad(row, "parent", "Đơn vị cấp trên nằm ngoài phạm vi của bạn.")
        dates: dict[str, dt.date | None] = {}
        for name in ("valid_from", "valid_to"):
            if name not in v:
                continue
            try:
                dates[name] = parse_date(v[name]) if v[name] else None
            except ValueError:
                bad(row, name, "Ngày không hợp lệ; viết dd/mm/yyyy (ví dụ 15/08/2022) hoặc yyyy-mm-dd.")
        start, end = dates.get("valid_from"), dates.get("valid_to")
        if start and end and end < start:
            bad(row, "valid_to", "Ngày hết hiệu lực trước ngày bắt đầu hiệu lực.")
        if row.ok:
            row.fields = {
                k: v[k]
                for k in ("code", "name", "short_name", "abbreviation", "email", "phone", "address")
                if k in v
            }
            row.fields.update(kind=kind, jurisdiction=jurisdiction, **dates)
            row.fields["parent_code"] = parent_code


def _order_by_parent(rows: list[Row], report: ImportReport) -> list[Row]:
    """Parents before children, so a row may name a parent further down the file."""
    by_code = {r.values["code"]: r for r in rows}
    ordered: list[Row] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(row: Row, chain: list[Row]) -> None:
        code = row.values["code"]
        if state.get(code) == 2:
            return
        if state.get(code) == 1:
            loop = " → ".join(r.values["code"] for r in [*chain[chain.index(row) :], row])
            for r in chain[chain.index(row) :]:
                if r.ok:
                    report.error(
                        r.number,
                        _header(UNITS, "parent"),
                        r.values.get("parent", ""),
                        f"Vòng lặp cấp trên: {loop}.",
                    )
                    r.ok = False
            return
        state[code] = 1
        parent = by_code.get(row.values.get("parent", ""))
        if parent is not None:
            visit(parent, [*chain, row])
        state[code] = 2
        ordered.append(row)

    for row in rows:
        visit(row, [])
    return ordered


def _apply_units(actor: Any, rows: list[Row], report: ImportReport) -> None:
    failed: dict[str, int] = {}
    for row in _order_by_parent(rows, report):
        if not row.ok:
            failed[row.values["code"]] = row.number
            continue
        fields = dict(row.fields)
        parent_code = fields.pop("parent_code")
        if parent_code in failed:
            report.error(
                row.number,
                _header(UNITS, "parent"),
                parent_code,
                f"Đơn vị cấp trên (dòng {failed[parent_code]}) có lỗi.",
            )
            failed[fields["code"]] = row.number
            continue
        if "parent" in row.values:
            fields["parent"] = Unit.objects.get(code=parent_code) if parent_code else None
        _write_row(report, row, UNITS, partial(_upsert_unit, actor, fields, report), failed)


def _upsert_unit(actor: Any, fields: dict[str, Any], report: ImportReport) -> None:
    unit = Unit.objects.filter(code=fields["code"]).first()
    if unit is None:
        actions.create_unit(actor, fields)
        report.created.append(fields["code"])
    elif actions.update_unit(actor, unit, fields):
        report.updated.append(fields["code"])
    else:
        report.unchanged.append(fields["code"])


def _write_row(
    report: ImportReport, row: Row, kind: str, write: Callable[[], None], failed: dict[str, int] | None = None
) -> None:
    try:
        with transaction.atomic():
            write()
    except ValidationError as exc:
        row.ok = False
        if failed is not None:
            failed[row.values["code"]] = row.number
        details = exc.message_dict if hasattr(exc, "error_dict") else {"code": exc.messages}
        for name, messages in details.items():
            column = next((c.header for c in COLUMNS[kind] if c.field == name), _header(kind, "code"))
            source = name if name in row.values else "code"
            for message in messages:
                report.error(row.number, column, row.values.get(source, ""), message)
    except PermissionDenied as exc:
        row.ok = False
        report.error(row.number, _header(kind, "code"), row.values.get("code", ""), str(exc))


def _parse_officials(rows: list[Row], report: ImportReport, area: Jurisdiction | None) -> None:
    seen: dict[str, int] = {}
    head_rows: dict[tuple[str, str], int] = {}
    scope = _scope_units(area)
    units = {u.code: u for u in Unit.objects.filter(code__in={r.values.get("unit") for r in rows})}
    scoped_unit_ids = set(scope.filter(pk__in=[u.pk for u in units.values()]).values_list("pk", flat=True))
    existing = {
        o.code: o
        for o in Official.objects.filter(code__in={r.values.get("code") for r in rows}).select_related("unit")
    }
    scoped_official_unit_ids = set(
        scope.filter(pk__in={o.unit_id for o in existing.values()}).values_list("pk", flat=True)
    )
    today = actions.today()

    def bad(row: Row, name: str, reason: str) -> None:
        report.error(row.number, _header(OFFICIALS, name), row.values.get(name, ""), reason)
        row.ok = False

    for row in rows:
        v = row.values
        code = v.get("code", "")
        if not code:
            bad(row, "code", "Thiếu mã cán bộ.")
        elif code in seen:
            bad(row, "code", f"Mã cán bộ trùng với dòng {seen[code]}.")
        else:
            seen[code] = row.number
            official = existing.get(code)
            if official is not None and official.unit_id not in scoped_official_unit_ids:
                bad(row, "code", "Cán bộ đã có trong hệ thống nhưng thuộc đơn vị ngoài phạm vi của bạn.")
        for name, limit in (("code", 40), ("full_name", 200), ("position", 200), ("phone", 40)):
            _check_length(report, row, OFFICIALS, name, limit)
        _check_email(report, row, OFFICIALS)
        if not v.get("full_name"):
            bad(row, "full_name", "Thiếu họ và tên.")
        unit_code = v.get("unit", "")
        unit = units.get(unit_code)
        if not unit_code:
            bad(row, "unit", "Thiếu mã đơn vị.")
        elif unit is None:
            bad(row, "unit", "Không có đơn vị mang mã này trong hệ thống (hãy nhập danh sách đơn vị trước).")
        elif unit.pk not in scoped_unit_ids:
            bad(row, "unit", f"Đơn vị «{unit.name}» nằm ngoài phạm vi của bạn.")
        elif not unit.is_valid_on(today) and (
            existing.get(code) is None or existing[code].unit_id != unit.pk
        ):
            bad(row, "unit", f"Đơn vị «{unit.name}» không còn hiệu lực.")
        head: str | None = None
        if v.get("head"):
            head = HEAD_VALUES.get(normalise(v["head"]))
            if head is None:
                bad(row, "head", f"Giá trị không hợp lệ; dùng: {HEAD_HELP}.")
            elif head != "none" and unit is not None:
                key = (unit.code, head)
                if key in head_rows:
                    bad(row, "head", f"Đơn vị «{unit.name}» đã được giao cho người ở dòng {head_rows[key]}.")
                else:
                    head_rows[key] = row.number
        if row.ok:
            row.fields = {k: v[k] for k in ("code", "full_name", "position", "email", "phone") if k in v}
            row.fields.update(unit=unit, head=head)


def _apply_officials(actor: Any, rows: list[Row], report: ImportReport) -> None:
    for row in rows:
        if row.ok:
            _write_row(report, row, OFFICIALS, partial(_upsert_official, actor, row, report))


def _upsert_official(actor: Any, row: Row, report: ImportReport) -> None:
    fields = dict(row.fields)
    head = fields.pop("head")
    official = Official.objects.filter(code=fields["code"]).first()
    if official is None:
        official = actions.create_official(actor, fields)
        report.created.append(official.code)
    elif actions.update_official(actor, official, fields):
        report.updated.append(official.code)
    else:
        report.unchanged.append(official.code)
    if head is None:
        return
    official.refresh_from_db()
    unit = official.unit
    today = actions.today()
    if head == "none":
        open_rows = UnitHead.objects.filter(unit=unit, official=official).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=today)
        )
        for open_row in open_rows:
            actions.end_headship(actor, open_row, last_day=max(today, open_row.valid_from or today))
            report.heads.append(f"{official.code}: thôi {open_row.get_kind_display().lower()} {unit.code}")
        return
    current = (
        UnitHead.objects.filter(unit=unit, official=official, kind=head)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
    )
    if not current.exists():
        try:
            actions.set_head(actor, unit, official, kind=head, valid_from=today)
        except ValidationError as exc:
            raise ValidationError({"head": exc.messages}) from exc
        report.heads.append(f"{official.code}: {HeadKind(head).label.lower()} {unit.code}")


# --- entry point ---------------------------------------------------------------------------------


def import_org(
    data: bytes,
    filename: str = "",
    *,
    actor: Any,
    jurisdiction: Jurisdiction | None,
    kind: str | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Check then (unless ``dry_run``) write one file. Raises ``UnreadableFile`` for unusable input.

    ``jurisdiction`` bounds what the import may touch (None only for a superuser: everything).
    """
    table = read_table(data, filename)
    filled = [i for i, cells in enumerate(table) if any(c.strip() for c in cells)]
    if not filled:
        raise UnreadableFile("Tệp trống: không có dòng tiêu đề.")
    # A title line such as "DANH SÁCH ĐƠN VỊ" may sit above the header row.
    header_index = next((i for i in filled[:10] if detect_kind(table[i])), filled[0])
    headers = table[header_index]
    kind = kind or detect_kind(headers)
    if kind not in COLUMNS:
        raise UnreadableFile(
            "Không nhận ra loại danh sách từ dòng tiêu đề; cần cột «mã đơn vị, tên đơn vị, …» (đơn vị) "
            "hoặc «mã cán bộ, họ và tên, …» (cán bộ)."
        )
    report = ImportReport(kind=kind, dry_run=dry_run)
    mapping = _map_headers(kind, headers, header_index + 1, report)
    if report.errors:
        return report
    rows = list(_rows(table, header_index, mapping))
    report.rows = len(rows)
    if not rows:
        report.warnings.append("Tệp không có dòng dữ liệu nào.")
        return report
    if kind == UNITS:
        _parse_units(rows, report, jurisdiction)
    else:
        _parse_officials(rows, report, jurisdiction)
    if report.errors:
        # Rows that passed the checks would still be valid; the file is rejected as a whole.
        return _sorted(report)
    with transaction.atomic():
        if kind == UNITS:
            _apply_units(actor, rows, report)
        else:
            _apply_officials(actor, rows, report)
        if not report.errors and not dry_run:
            record(
                actor,
                "org.import",
                None,
                object_type=f"org.{kind}",
                object_id=filename[:64],
                summary=f"Nhập danh sách {KIND_LABELS[kind]} từ tệp {filename}: {report.summary()}",
                data={"created": report.created, "updated": report.updated, "heads": report.heads},
            )
        if report.errors or dry_run:
            transaction.set_rollback(True)
    if report.errors:
        report.created, report.updated, report.unchanged, report.heads = [], [], [], []
    return _sorted(report)


def _sorted(report: ImportReport) -> ImportReport:
    report.errors.sort(key=lambda e: e.row)
    return report


def template_headers(kind: str) -> list[str]:
    """The header row of the downloadable templates; '*' marks the required columns."""
    return [c.header + (" *" if c.required else "") for c in COLUMNS[kind]]


def example_rows(kind: str) -> list[list[str]]:
    """One filled-in row per kind, shown on the instructions sheet and in docs/organisation.md."""
    if kind == UNITS:
        example = [
            "NV", "Phòng Nội vụ", "Nội vụ", "NV", "Cơ quan chuyên môn", "747", "UBND-VT",
            "phongnoivu@example.vn", "0254 3852 001", "89 Lý Thường Kiệt", "01/01/2022", "",
        ]  # fmt: skip
    else:
        example = ["CB-0001", "Nguyễn Văn A", "Trưởng phòng", "NV", "nva@example.vn", "0912 345 678", "có"]
    return [[c.header for c in COLUMNS[kind]], example]
