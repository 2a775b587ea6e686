"""Before a dossier batch is written (``actions.upsert_dossiers``): who writes for which units, the catalogue
and organisation the batch is checked against, and the checks that reject rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from cchc.dossiers.judging import ProcedureLimit
from cchc.dossiers.models import ApiClient, Procedure
from cchc.dossiers.records import DossierRecord, RowError, fold
from cchc.dossiers.scope import IMPORT_ROLES, import_jurisdiction_for, import_units_for, units_in
from cchc.org.models import Jurisdiction, Official, Unit

CHUNK = 5000


@dataclass
class WriteScope:
    user: Any  # the User, or None for a system actor
    name: str
    jurisdiction: Jurisdiction | None
    unit_ids: frozenset[int] | None  # None: every unit (a system actor without a jurisdiction)

    def allows(self, unit_id: int) -> bool:
        return self.unit_ids is None or unit_id in self.unit_ids


def resolve_scope(actor: Any, jurisdiction: Jurisdiction | None = None) -> WriteScope:
    """Who is writing and for which units. Users are checked against ``scope``; an ApiClient writes
    for its jurisdiction; a string names a system process (the CLI), limited to ``jurisdiction``."""
    if isinstance(actor, ApiClient):
        area = actor.jurisdiction
        return WriteScope(None, f"API: {actor.name}", area, ids_of(units_in(area)))
    if isinstance(actor, str):
        ids = ids_of(units_in(jurisdiction)) if jurisdiction is not None else None
        return WriteScope(None, actor, jurisdiction, ids)
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise PermissionDenied("Cần đăng nhập để ghi hồ sơ.")
    if not actor.is_superuser and actor.role not in IMPORT_ROLES:
        raise PermissionDenied(
            "Chỉ Văn phòng, Thường trực CCHC và công chức Bộ phận một cửa được nhập hồ sơ."
        )
    name = actor.get_full_name() or actor.get_username()
    if actor.is_superuser:
        ids = ids_of(units_in(jurisdiction)) if jurisdiction is not None else None
        return WriteScope(actor, name, jurisdiction, ids)
    units = import_units_for(actor)
    if jurisdiction is not None:
        units = units.filter(pk__in=units_in(jurisdiction))
    return WriteScope(actor, name, jurisdiction or import_jurisdiction_for(actor), ids_of(units))


def ids_of(qs: Any) -> frozenset[int]:
    return frozenset(qs.values_list("pk", flat=True))


# --- lookups ------------------------------------------------------------------------------------------


@dataclass
class Lookups:
    procedures: dict[str, tuple[int, ProcedureLimit]]
    unit_by_code: dict[str, int]
    unit_code: dict[int, str]
    unit_by_name: dict[str, int | None]  # folded name → id, None when ambiguous
    officials: dict[tuple[int, str], int | None]
    procedure_code: dict[int, str]


def lookups_for(records: Sequence[DossierRecord]) -> Lookups:
    return lookups({r.procedure_code for r in records}, with_officials=any(r.steps for r in records))


def lookups(procedure_codes: Iterable[str], *, with_officials: bool) -> Lookups:
    """The catalogue and organisation a batch is checked against (also used by ``columnar``)."""
    codes = sorted(set(procedure_codes))
    procedures: dict[str, tuple[int, ProcedureLimit]] = {}
    for i in range(0, len(codes), CHUNK):
        for pk, code, value, unit in Procedure.objects.filter(
            national_code__in=codes[i : i + CHUNK]
        ).values_list("pk", "national_code", "limit_value", "limit_unit"):
            procedures[code] = (pk, ProcedureLimit(float(value) if value is not None else None, unit))
    unit_by_code: dict[str, int] = {}
    unit_code: dict[int, str] = {}
    unit_by_name: dict[str, int | None] = {}
    for pk, code, name in Unit.objects.values_list("pk", "code", "name"):
        unit_by_code[code] = pk
        unit_code[pk] = code
        key = fold(name)
        unit_by_name[key] = None if key in unit_by_name else pk
    officials: dict[tuple[int, str], int | None] = {}
    if with_officials:
        for pk, unit_id, full_name in Official.objects.values_list("pk", "unit_id", "full_name"):
            key2 = (unit_id, fold(full_name))
            officials[key2] = None if key2 in officials else pk
    return Lookups(
        procedures, unit_by_code, unit_code, unit_by_name, officials, {v[0]: k for k, v in procedures.items()}
    )


def unit_ref(lk: Lookups, ref: str) -> int | None:
    if not ref:
        return None
    pk = lk.unit_by_code.get(ref)
    if pk is not None:
        return pk
    return lk.unit_by_name.get(fold(ref))


# --- validation -----------------------------------------------------------------------------------------


def validate(records: Sequence[DossierRecord], lk: Lookups, scope: WriteScope) -> list[RowError]:
    errors: list[RowError] = []
    first_row: dict[str, int] = {}
    today = timezone.localdate()
    for r in records:
        prev = first_row.get(r.code)
        if prev is not None:
            errors.append(
                RowError(r.row, "MaHoSo", r.code, f"Mã hồ sơ trùng với dòng {prev} trong cùng tệp.")
            )
        else:
            first_row[r.code] = r.row
        if r.procedure_code not in lk.procedures:
            errors.append(
                RowError(
                    r.row,
                    "MaTTHC",
                    r.procedure_code,
                    "Mã thủ tục không có trong danh mục TTHC; nhập danh mục trước (cchc import-procedures).",
                )
            )
        for field_name, code in (
            ("DonViXuLy", r.handling_unit_code),
            ("DonViTiepNhan", r.receiving_unit_code),
        ):
            if field_name == "DonViTiepNhan" and code == r.handling_unit_code:
                continue
            pk = lk.unit_by_code.get(code)
            if pk is None:
                errors.append(
                    RowError(
                        r.row,
                        field_name,
                        code,
                        "Mã đơn vị không có trong danh sách đơn vị (cần mã đơn vị, không phải tên).",
                    )
                )
            elif not scope.allows(pk):
                errors.append(
                    RowError(r.row, field_name, code, "Đơn vị nằm ngoài phạm vi được nhập hồ sơ của bạn.")
                )
        if r.received_at is not None and r.received_at.date() > today:
            errors.append(
                RowError(r.row, "NgayTiepNhan", f"{r.received_at:%d/%m/%Y}", "Ngày tiếp nhận ở tương lai.")
            )
    return errors
