"""Importing the procedure catalogue: every row of the file checked first (``catalogue`` reads and checks
it), then each procedure created or updated with its own audit row, or nothing (docs/dossier-import.md). A
module of its own beside ``actions/``: ``importing`` reaches the actions package, and ``catalogue`` reads
files through ``importing``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from cchc.core.events import diff, record
from cchc.dossiers.audit_events import DossiersEvents
from cchc.dossiers.catalogue import FIELDS, CatalogueResult, parse_row, read_table
from cchc.dossiers.models import Procedure
from cchc.dossiers.records import RowError
from cchc.org.models import Unit


def _snapshot(p: Procedure, unit_ids: list[int]) -> dict[str, Any]:
    snap = {f: getattr(p, f) for f in FIELDS}
    snap["handling_units"] = unit_ids
    return snap


def import_procedures(data: bytes, name: str, *, actor: Any, dry_run: bool = False) -> CatalogueResult:
    rows = read_table(data, name)
    result = CatalogueResult(rows=len(rows), dry_run=dry_run)
    units = dict(Unit.objects.values_list("code", "pk"))
    parsed = []
    seen: dict[str, int] = {}
    for n, raw in rows:
        values, unit_ids, errors = parse_row(n, raw, units)
        code = values["national_code"]
        if code and code in seen:
            errors.append(RowError(n, "MaTTHC", code, f"Mã TTHC trùng với dòng {seen[code]}."))
        seen.setdefault(code, n)
        result.errors.extend(errors)
        parsed.append((values, unit_ids))
    if result.errors:
        return result
    existing = {p.national_code: p for p in Procedure.objects.filter(national_code__in=list(seen))}
    current_units: dict[int, list[int]] = {}
    for proc_id, unit_id in Procedure.handling_units.through.objects.filter(
        procedure__in=list(existing.values())
    ).values_list("procedure_id", "unit_id"):
        current_units.setdefault(proc_id, []).append(unit_id)
    with transaction.atomic():
        for values, unit_ids in parsed:
            code = values.pop("national_code")
            proc = existing.get(code)
            if proc is None:
                result.created += 1
                if dry_run:
                    continue
                proc = Procedure.objects.create(national_code=code, **values)
                proc.handling_units.set(unit_ids)
                record(
                    actor,
                    DossiersEvents.PROCEDURE_CREATED,
                    proc,
                    summary=f"Thêm thủ tục {code}",
                    data=diff({}, values),
                )
                continue
            before = _snapshot(proc, sorted(current_units.get(proc.pk, [])))
            after = {**values, "handling_units": unit_ids}
            if after["limit_value"] is not None and before["limit_value"] is not None:
                after["limit_value"] = Decimal(after["limit_value"]).quantize(Decimal("0.01"))
                before["limit_value"] = Decimal(before["limit_value"]).quantize(Decimal("0.01"))
            changes = diff(before, after)
            if not changes:
                result.unchanged += 1
                continue
            result.updated += 1
            if dry_run:
                continue
            for f in FIELDS:
                setattr(proc, f, values[f])
            proc.save()
            proc.handling_units.set(unit_ids)
            record(
                actor,
                DossiersEvents.PROCEDURE_UPDATED,
                proc,
                summary=f"Cập nhật thủ tục {code}",
                data=changes,
            )
    return result
