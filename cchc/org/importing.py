"""Import units and officials from XLSX or CSV, shared by the web page and ``cchc import-org``.

The rules (nothing lost; docs/organisation.md):
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
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext, gettext_noop, pgettext_lazy

from cchc.core import plausible
from cchc.core.refusals import say
from cchc.core.uploads import WorkbookRefused, check_upload
from cchc.lib import bad_text
from cchc.org.models import HeadKind, UnitKind

UNITS = "units"
OFFICIALS = "officials"
KIND_LABELS = {UNITS: "đơn vị", OFFICIALS: "cán bộ, công chức"}  # Vietnamese: the audit trail and the CLI
# The same words in the page's language, for the web page's summary.
PAGE_KIND_LABELS = {
    UNITS: pgettext_lazy("import", "đơn vị"),
    OFFICIALS: pgettext_lazy("import", "cán bộ, công chức"),
}


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

    def summary(self, *, translated: bool = False) -> str:
        """The report in one sentence: Vietnamese for the audit trail and the CLI, in the page's language
        with ``translated`` (the web page)."""
        tr = gettext if translated else str
        label = str(PAGE_KIND_LABELS[self.kind]) if translated else KIND_LABELS[self.kind]
        if self.errors:
            rows = len({e.row for e in self.errors})
            return tr(
                gettext_noop(
                    "Tệp có %(rows)s dòng lỗi (%(errors)s lỗi) trên %(total)s dòng %(kind)s: không ghi dòng "
                    "nào. Sửa các lỗi dưới đây rồi nhập lại cả tệp."
                )
            ) % {"rows": rows, "errors": len(self.errors), "total": self.rows, "kind": label}
        if self.dry_run:
            text = gettext_noop(
                "Chạy thử (chưa ghi): sẽ thêm %(created)s, cập nhật %(updated)s, giữ nguyên %(unchanged)s "
                "%(kind)s trên %(total)s dòng"
            )
        else:
            text = gettext_noop(
                "Đã thêm %(created)s, cập nhật %(updated)s, giữ nguyên %(unchanged)s %(kind)s trên %(total)s "
                "dòng"
            )
        values = {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "kind": label,
            "total": self.rows,
        }
        out = tr(text) % values
        if self.heads:
            out += tr(gettext_noop("; thay đổi người đứng đầu: %(heads)s")) % {"heads": len(self.heads)}
        return out + "."

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
        check_upload(data)
    except WorkbookRefused as exc:
        raise UnreadableFile(gettext("Không đọc được tệp bảng tính: %(why)s") % {"why": say(exc)}) from exc
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        if not book.sheet_names:
            raise UnreadableFile(gettext("Tệp bảng tính không có trang tính nào."))
        sheet = book.get_sheet_by_name(book.sheet_names[0])
        raw = sheet.to_python(skip_empty_area=False)
    except UnreadableFile:
        raise
    except Exception as exc:  # calamine raises several unrelated types for damaged files
        raise UnreadableFile(
            gettext(
                "Không đọc được tệp bảng tính (tệp hỏng, có mật khẩu hoặc không phải bảng tính). "
                "Hãy lưu lại dưới dạng .xlsx hoặc .csv."
            )
        ) from exc
    return _refuse_bad_text([[cell_text(v) for v in row] for row in raw])


def _read_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            gettext(
                "Tệp CSV không ở mã UTF-8. Trong Excel hãy chọn «Lưu thành» → "
                "«CSV UTF-8 (phân cách bằng dấu phẩy)»."
            )
        ) from exc
    first = text.split("\n", 1)[0]
    if "\x00" in first:  # no heading holds one: a binary file, not a table
        raise UnreadableFile(gettext("Tệp không phải tệp CSV hay bảng tính (.xlsx)."))
    # Vietnamese Excel uses ';' as list separator because ',' is the decimal comma.
    delimiter = max([",", ";", "\t"], key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _refuse_bad_text([[cell_text(v) for v in row] for row in reader])
    except csv.Error as exc:
        raise UnreadableFile(
            gettext("Tệp CSV sai cấu trúc ở dòng %(line)s.") % {"line": reader.line_num}
        ) from exc


def _refuse_bad_text(table: list[list[str]]) -> list[list[str]]:
    """The table, unless a cell holds a NUL (PostgreSQL cannot keep it in a text): then the row and
    column are named. The heading row is found later, so columns are named by their letter."""
    if (fault := bad_text.refusal_in_rows(table)) is not None:
        raise UnreadableFile(say(fault))
    return table


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


def map_headers(kind: str, headers: list[str], header_row: int, report: ImportReport) -> dict[str, int]:
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
            day = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        # Organisation history may be old, but year 1 or 9999 is a typing slip (core.plausible).
        if not plausible.HISTORY_FROM <= day <= plausible.latest(deadline=True):
            raise ValueError(text)
        return day
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
