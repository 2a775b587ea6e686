"""An organisation import, row by row: the checks of unit and official rows (nothing is written while a
row is wrong), their writes through ``cchc.org.actions``, and ``import_org``, which reads a file and does
both."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext

from cchc.org import actions
from cchc.org.actions.imports import record_import
from cchc.org.importing import (
    COLUMNS,
    HEAD_HELP,
    HEAD_VALUES,
    KIND_LABELS,
    OFFICIALS,
    UNITS,
    ImportReport,
    UnreadableFile,
    detect_kind,
    map_headers,
    normalise,
    parse_date,
    parse_kind,
    read_table,
)
from cchc.org.models import HeadKind, Jurisdiction, Official, Unit, UnitHead, UnitKind

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
        raise UnreadableFile(gettext("Tệp trống: không có dòng tiêu đề."))
    # A title line such as "DANH SÁCH ĐƠN VỊ" may sit above the header row.
    header_index = next((i for i in filled[:10] if detect_kind(table[i])), filled[0])
    headers = table[header_index]
    kind = kind or detect_kind(headers)
    if kind not in COLUMNS:
        raise UnreadableFile(
            gettext(
                "Không nhận ra loại danh sách từ dòng tiêu đề; cần cột «mã đơn vị, tên đơn vị, …» (đơn vị) "
                "hoặc «mã cán bộ, họ và tên, …» (cán bộ)."
            )
        )
    report = ImportReport(kind=kind, dry_run=dry_run)
    mapping = map_headers(kind, headers, header_index + 1, report)
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
            record_import(
                actor,
                kind=kind,
                label=KIND_LABELS[kind],
                filename=filename,
                summary=report.summary(),
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
