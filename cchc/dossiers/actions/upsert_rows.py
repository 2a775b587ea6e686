"""The rows a dossier batch writes (``actions.upsert_dossiers``): the stored columns in order, the values
built from each record, the rows already stored and what changed, and the daily-fact states before and
after."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models.expressions import RawSQL

from cchc.dossiers import facts
from cchc.dossiers.actions.upsert_checks import CHUNK, Lookups, WriteScope, unit_ref
from cchc.dossiers.judging import Verdict
from cchc.dossiers.models import (
    Dossier,
    DossierStep,
    LegalBasis,
    Supplement,
    legal_basis_for,
    names_a_cause,
)
from cchc.dossiers.records import LOCAL_TZ, DossierRecord, RowError, fold

# Compared, stored and reported in this order; the FK columns are reported by code.
DOSSIER_COLUMNS = (
    "procedure_id",
    "receiving_unit_id",
    "handling_unit_id",
    "applicant_name",
    "applicant_id_number",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "applicant_type",
    "summary",
    "channel",
    "status",
    "submitted_at",
    "received_at",
    "appointment_at",
    "end_at",
    "returned_at",
    "refused_at",
    "legal_basis",
    "outcome",
    "effective_appointment_at",
    "late_causes",
    "named_cause",
    "finished_on",
    "digitised_inputs",
    "electronic_result",
    "online_payment",
    "vneid_verified",
)
STEP_COLUMNS = (
    "seq",
    "from_unit_id",
    "unit_id",
    "unit_name",
    "official_id",
    "official_name",
    "position",
    "content",
    "started_at",
    "finished_at",
    "deadline_at",
    "external",
)
SUPPLEMENT_COLUMNS = ("seq", "requested_at", "completed_at", "content")
COL_INDEX = {c: i for i, c in enumerate(DOSSIER_COLUMNS)}
# Stored for the late list's order, derived from the causes: a change shows as a change of the causes.
DERIVED_COLUMNS = frozenset({"named_cause"})
UNIT_FKS = ("receiving_unit_id", "handling_unit_id")
STORED_OUTSIDE_SCOPE = "Mã hồ sơ đã có trong hệ thống, thuộc đơn vị ngoài phạm vi của bạn."


# --- building rows ---------------------------------------------------------------------------------------


def wall_clock(value: Any) -> Any:
    """A stored (aware) instant as naive local wall-clock time, the form records and writes use."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(LOCAL_TZ).replace(tzinfo=None)
    return value


LEGAL_BASIS_TEXT: dict[str, str] = {basis: str(basis) for basis in LegalBasis}  # str() of a member, once


def dossier_values(r: DossierRecord, lk: Lookups, v: Verdict) -> tuple[Any, ...]:
    received_day = (
        r.received_at.date() if r.received_at else (r.submitted_at.date() if r.submitted_at else None)
    )
    return (
        lk.procedures[r.procedure_code][0],
        lk.unit_by_code[r.receiving_unit_code],
        lk.unit_by_code[r.handling_unit_code],
        r.applicant_name,
        r.applicant_id_number,
        r.applicant_phone,
        r.applicant_email,
        r.applicant_address,
        r.applicant_type,
        r.summary,
        r.channel,
        r.status,
        r.submitted_at,
        r.received_at,
        r.appointment_at,
        r.end_at,
        r.returned_at,
        r.refused_at,
        LEGAL_BASIS_TEXT[legal_basis_for(received_day)],
        v.outcome,
        v.effective_appointment_at,
        v.causes,
        names_a_cause(v.causes),
        v.finished_on,
        r.digitised_inputs,
        r.electronic_result,
        r.online_payment,
        r.vneid_verified,
    )


def step_resolution(r: DossierRecord, lk: Lookups, scope: WriteScope) -> list[tuple[int | None, bool]]:
    out = []
    for s in r.steps:
        pk = unit_ref(lk, s.unit_ref)
        out.append((pk, s.external or pk is None or not scope.allows(pk)))
    return out


def step_official(lk: Lookups, unit_id: int | None, name: str) -> int | None:
    """The account a step's NguoiXuLy names: an official of the step's unit with that folded name."""
    if unit_id is None or not name:
        return None
    return lk.officials.get((unit_id, fold(name)))


def step_ids(
    r: DossierRecord, lk: Lookups, resolved: list[tuple[int | None, bool]]
) -> list[tuple[int | None, int | None]]:
    """(unit id, official's account id) per step: what the outcome engine's causes store."""
    return [
        (unit_id, step_official(lk, unit_id, s.official_name))
        for s, (unit_id, _) in zip(r.steps, resolved, strict=True)
    ]


def step_values(
    r: DossierRecord, lk: Lookups, resolved: list[tuple[int | None, bool]]
) -> list[tuple[Any, ...]]:
    rows = []
    for s, (unit_id, external) in zip(r.steps, resolved, strict=True):
        official_id = step_official(lk, unit_id, s.official_name)
        rows.append(
            (
                s.seq,
                unit_ref(lk, s.from_unit_ref),
                unit_id,
                s.unit_ref,
                official_id,
                s.official_name,
                s.position,
                s.content,
                s.started_at,
                s.finished_at,
                s.deadline_at,
                external,
            )
        )
    return rows


def supplement_values(r: DossierRecord) -> list[tuple[Any, ...]]:
    return [(s.seq, s.requested_at, s.completed_at, s.content) for s in r.supplements]


@dataclass
class Existing:
    pk: int
    values: tuple[Any, ...]
    steps: list[tuple[Any, ...]] = field(default_factory=list)
    supplements: list[tuple[Any, ...]] = field(default_factory=list)


def lookup_chunk() -> int:
    """How many values one ``__in`` lookup takes: PostgreSQL gets one array parameter (``among``),
    SQLite one placeholder per value."""
    return 50000 if connection.vendor == "postgresql" else CHUNK


def among(values: Sequence[Any], sql_type: str) -> Any:
    """The right-hand side of an ``__in`` lookup for a large chunk. On PostgreSQL one array parameter
    (``unnest(%s)``) instead of thousands of placeholders, which psycopg would have to split."""
    if connection.vendor == "postgresql":
        return RawSQL(f"SELECT unnest(%s::{sql_type}[])", (list(values),))
    return values


def load_existing(codes: Sequence[str]) -> dict[str, Existing]:
    out: dict[str, Existing] = {}
    big = lookup_chunk()
    for i in range(0, len(codes), big):
        qs = Dossier.objects.filter(code__in=among(codes[i : i + big], "text")).values_list(
            "pk", "code", *DOSSIER_COLUMNS
        )
        for pk, code, *values in qs:
            out[code] = Existing(pk, tuple(wall_clock(v) for v in values))
    if not out:
        return out
    by_pk = {e.pk: e for e in out.values()}
    ids = list(by_pk)
    for i in range(0, len(ids), big):
        chunk = among(ids[i : i + big], "bigint")
        for dossier_id, *values in (
            DossierStep.objects.filter(dossier_id__in=chunk)
            .order_by("dossier_id", "seq")
            .values_list("dossier_id", *STEP_COLUMNS)
        ):
            by_pk[dossier_id].steps.append(tuple(wall_clock(v) for v in values))
        for dossier_id, *values in (
            Supplement.objects.filter(dossier_id__in=chunk)
            .order_by("dossier_id", "seq")
            .values_list("dossier_id", *SUPPLEMENT_COLUMNS)
        ):
            by_pk[dossier_id].supplements.append(tuple(wall_clock(v) for v in values))
    return out


def shown_value(column: str, value: Any, lk: Lookups) -> Any:
    if value is None or isinstance(value, (bool, int, float, str, list, dict)):
        if column in UNIT_FKS and isinstance(value, int):
            return lk.unit_code.get(value, value)
        if column == "procedure_id" and isinstance(value, int):
            return lk.procedure_code.get(value, value)
        return value
    if isinstance(value, dt.datetime):
        return wall_clock(value).strftime("%Y-%m-%dT%H:%M:%S")
    return str(value)


def changes_between(
    old: Existing,
    new: tuple[Any, ...],
    steps: list[tuple[Any, ...]],
    sups: list[tuple[Any, ...]],
    lk: Lookups,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for i, column in enumerate(DOSSIER_COLUMNS):
        if old.values[i] != new[i] and column not in DERIVED_COLUMNS:
            name = column.removesuffix("_id")
            out[name] = [shown_value(column, old.values[i], lk), shown_value(column, new[i], lk)]
    if old.steps != steps:
        out["steps"] = [len(old.steps), len(steps)]
    if old.supplements != sups:
        out["supplements"] = [len(old.supplements), len(sups)]
    return out


def old_state(old: Existing) -> facts.FactState:
    v = old.values
    second = old.supplements[1][1] if len(old.supplements) > 1 else None
    return facts.make_state(
        v[COL_INDEX["handling_unit_id"]],
        v[COL_INDEX["procedure_id"]],
        v[COL_INDEX["status"]],
        v[COL_INDEX["channel"]],
        v[COL_INDEX["received_at"]],
        v[COL_INDEX["outcome"]],
        v[COL_INDEX["finished_on"]],
        v[COL_INDEX["effective_appointment_at"]],
        second,
    )


def new_state(values: tuple[Any, ...], v: Verdict, r: DossierRecord) -> facts.FactState:
    return facts.make_state(
        values[COL_INDEX["handling_unit_id"]],
        values[COL_INDEX["procedure_id"]],
        r.status,
        r.channel,
        r.received_at,
        v.outcome,
        v.finished_on,
        v.effective_appointment_at,
        v.second_request_at,
    )


def stored_outside_scope(
    recs: Sequence[DossierRecord], existing: dict[str, Existing], scope: WriteScope
) -> list[RowError]:
    """A stored dossier of a unit outside the writer's scope is not overwritten (``existing``: the
    stored rows by code, ``load_existing``)."""
    if scope.unit_ids is None:
        return []
    errors: list[RowError] = []
    h, rcv = COL_INDEX["handling_unit_id"], COL_INDEX["receiving_unit_id"]
    for r in recs:
        old = existing.get(r.code)
        if old is not None and not (scope.allows(old.values[h]) and scope.allows(old.values[rcv])):
            errors.append(
                RowError(
                    r.row,
                    "MaHoSo",
                    r.code,
                    STORED_OUTSIDE_SCOPE,
                )
            )
    return errors
