"""The one write path for dossiers: file import, the push API and the demo generator all call
``upsert_dossiers`` (architecture.md "Flow of one dossier").

1. Every record is checked before anything is written: unknown procedure or unit codes are rejected
   rows (never created), the dossier's units must lie in the actor's scope (``scope.import_units_for``;
   an API client's or the CLI's jurisdiction), a code may appear once per batch, and an existing
   dossier of a unit outside the scope cannot be overwritten. Any rejected row → nothing is written.
2. The whole batch is judged at once by the outcome engine (``judging``, rules-vn §1.4, §1.6).
3. In one transaction: dossiers are upserted on MaHoSo (code); a dossier whose stored values equal the
   new ones is left alone (re-importing a file changes nothing and writes no event); steps and
   supplements of a changed dossier are replaced as a whole, in file order (deterministic); one
   ``DossierEvent`` per created or changed dossier says what changed; one ``AuditEvent`` records the
   batch; ``DailyFact`` gets the new contributions minus the old ones for the touched keys.

Units are matched by ``Unit.code``: DonViXuLy / DonViTiepNhan must carry unit codes. A step's
PhongBanXuLy is matched by unit code, then by the exact unit name when exactly one unit has it;
anything else is kept as text and treated as an external (inter-agency) body, as is a known unit
outside the actor's scope. Step officials (NguoiXuLy) are linked to an ``Official`` of that unit with
the same full name when exactly one exists, else kept as text.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone

from cchc.core.events import record
from cchc.dossiers import bulk, facts
from cchc.dossiers.judging import ProcedureLimit, Verdict, calendar_for, judge_records
from cchc.dossiers.models import (
    ApiClient,
    Dossier,
    DossierEvent,
    DossierStep,
    ImportBatch,
    LegalBasis,
    Procedure,
    Supplement,
    legal_basis_for,
)
from cchc.dossiers.records import LOCAL_TZ, DossierRecord, RowError, StepRecord, SupplementRecord, fold
from cchc.dossiers.scope import IMPORT_ROLES, import_jurisdiction_for, import_units_for, units_in
from cchc.org.models import Jurisdiction, Official, Unit

ProgressFn = Callable[[str, int, int], Any]

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
    "finished_on",
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
_COL_INDEX = {c: i for i, c in enumerate(DOSSIER_COLUMNS)}
_UNIT_FKS = ("receiving_unit_id", "handling_unit_id")
CHUNK = 5000


@dataclass
class WriteScope:
    user: Any  # the User, or None for a system actor
    name: str
    jurisdiction: Jurisdiction | None
    unit_ids: frozenset[int] | None  # None: every unit (a system actor without a jurisdiction)

    def allows(self, unit_id: int) -> bool:
        return self.unit_ids is None or unit_id in self.unit_ids


@dataclass
class UpsertResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False
    codes_created: list[str] = field(default_factory=list)
    codes_updated: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def summary(self) -> str:
        if self.errors:
            rows = len({e.row for e in self.errors})
            return f"{rows} dòng bị từ chối ({len(self.errors)} lỗi); không ghi hồ sơ nào."
        verb = "Kiểm tra xong (chưa ghi)" if self.dry_run else "Đã nhập"
        return f"{verb}: {self.created} hồ sơ mới, {self.updated} cập nhật, {self.unchanged} không đổi."


def resolve_scope(actor: Any, jurisdiction: Jurisdiction | None = None) -> WriteScope:
    """Who is writing and for which units. Users are checked against ``scope``; an ApiClient writes
    for its jurisdiction; a string names a system process (the CLI), limited to ``jurisdiction``."""
    if isinstance(actor, ApiClient):
        area = actor.jurisdiction
        return WriteScope(None, f"API: {actor.name}", area, _ids(units_in(area)))
    if isinstance(actor, str):
        ids = _ids(units_in(jurisdiction)) if jurisdiction is not None else None
        return WriteScope(None, actor, jurisdiction, ids)
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise PermissionDenied("Cần đăng nhập để ghi hồ sơ.")
    if not actor.is_superuser and actor.role not in IMPORT_ROLES:
        raise PermissionDenied(
            "Chỉ Văn phòng, Thường trực CCHC và công chức Bộ phận một cửa được nhập hồ sơ."
        )
    name = actor.get_full_name() or actor.get_username()
    if actor.is_superuser:
        ids = _ids(units_in(jurisdiction)) if jurisdiction is not None else None
        return WriteScope(actor, name, jurisdiction, ids)
    units = import_units_for(actor)
    if jurisdiction is not None:
        units = units.filter(pk__in=units_in(jurisdiction))
    return WriteScope(actor, name, jurisdiction or import_jurisdiction_for(actor), _ids(units))


def _ids(qs: Any) -> frozenset[int]:
    return frozenset(qs.values_list("pk", flat=True))


# --- lookups ------------------------------------------------------------------------------------------


@dataclass
class _Lookups:
    procedures: dict[str, tuple[int, ProcedureLimit]]
    unit_by_code: dict[str, int]
    unit_code: dict[int, str]
    unit_by_name: dict[str, int | None]  # folded name → id, None when ambiguous
    officials: dict[tuple[int, str], int | None]
    procedure_code: dict[int, str]


def _lookups(records: Sequence[DossierRecord]) -> _Lookups:
    return lookups({r.procedure_code for r in records}, with_officials=any(r.steps for r in records))


def lookups(procedure_codes: Iterable[str], *, with_officials: bool) -> _Lookups:
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
    return _Lookups(
        procedures, unit_by_code, unit_code, unit_by_name, officials, {v[0]: k for k, v in procedures.items()}
    )


def _unit_ref(lk: _Lookups, ref: str) -> int | None:
    if not ref:
        return None
    pk = lk.unit_by_code.get(ref)
    if pk is not None:
        return pk
    return lk.unit_by_name.get(fold(ref))


# --- validation -----------------------------------------------------------------------------------------


def _validate(records: Sequence[DossierRecord], lk: _Lookups, scope: WriteScope) -> list[RowError]:
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


# --- building rows ---------------------------------------------------------------------------------------


def _wall(value: Any) -> Any:
    """A stored (aware) instant as naive local wall-clock time, the form records and writes use."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(LOCAL_TZ).replace(tzinfo=None)
    return value


_LEGAL_BASIS_TEXT: dict[str, str] = {basis: str(basis) for basis in LegalBasis}  # str() of a member, once


def _dossier_values(r: DossierRecord, lk: _Lookups, v: Verdict) -> tuple[Any, ...]:
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
        _LEGAL_BASIS_TEXT[legal_basis_for(received_day)],
        v.outcome,
        v.effective_appointment_at,
        v.causes,
        v.finished_on,
    )


def _step_resolution(r: DossierRecord, lk: _Lookups, scope: WriteScope) -> list[tuple[int | None, bool]]:
    out = []
    for s in r.steps:
        pk = _unit_ref(lk, s.unit_ref)
        out.append((pk, s.external or pk is None or not scope.allows(pk)))
    return out


def _step_values(
    r: DossierRecord, lk: _Lookups, resolved: list[tuple[int | None, bool]]
) -> list[tuple[Any, ...]]:
    rows = []
    for s, (unit_id, external) in zip(r.steps, resolved, strict=True):
        official_id = None
        if unit_id is not None and s.official_name:
            official_id = lk.officials.get((unit_id, fold(s.official_name)))
        rows.append(
            (
                s.seq,
                _unit_ref(lk, s.from_unit_ref),
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


def _supplement_values(r: DossierRecord) -> list[tuple[Any, ...]]:
    return [(s.seq, s.requested_at, s.completed_at, s.content) for s in r.supplements]


@dataclass
class _Existing:
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


def _load_existing(codes: Sequence[str]) -> dict[str, _Existing]:
    out: dict[str, _Existing] = {}
    big = lookup_chunk()
    for i in range(0, len(codes), big):
        qs = Dossier.objects.filter(code__in=among(codes[i : i + big], "text")).values_list(
            "pk", "code", *DOSSIER_COLUMNS
        )
        for pk, code, *values in qs:
            out[code] = _Existing(pk, tuple(_wall(v) for v in values))
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
            by_pk[dossier_id].steps.append(tuple(_wall(v) for v in values))
        for dossier_id, *values in (
            Supplement.objects.filter(dossier_id__in=chunk)
            .order_by("dossier_id", "seq")
            .values_list("dossier_id", *SUPPLEMENT_COLUMNS)
        ):
            by_pk[dossier_id].supplements.append(tuple(_wall(v) for v in values))
    return out


def _shown(column: str, value: Any, lk: _Lookups) -> Any:
    if value is None or isinstance(value, (bool, int, float, str, list, dict)):
        if column in _UNIT_FKS and isinstance(value, int):
            return lk.unit_code.get(value, value)
        if column == "procedure_id" and isinstance(value, int):
            return lk.procedure_code.get(value, value)
        return value
    if isinstance(value, dt.datetime):
        return _wall(value).strftime("%Y-%m-%dT%H:%M:%S")
    return str(value)


def _changes(
    old: _Existing,
    new: tuple[Any, ...],
    steps: list[tuple[Any, ...]],
    sups: list[tuple[Any, ...]],
    lk: _Lookups,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for i, column in enumerate(DOSSIER_COLUMNS):
        if old.values[i] != new[i]:
            name = column.removesuffix("_id")
            out[name] = [_shown(column, old.values[i], lk), _shown(column, new[i], lk)]
    if old.steps != steps:
        out["steps"] = [len(old.steps), len(steps)]
    if old.supplements != sups:
        out["supplements"] = [len(old.supplements), len(sups)]
    return out


def _old_state(old: _Existing) -> facts.FactState:
    v = old.values
    second = old.supplements[1][1] if len(old.supplements) > 1 else None
    return facts.make_state(
        v[_COL_INDEX["handling_unit_id"]],
        v[_COL_INDEX["procedure_id"]],
        v[_COL_INDEX["status"]],
        v[_COL_INDEX["channel"]],
        v[_COL_INDEX["received_at"]],
        v[_COL_INDEX["outcome"]],
        v[_COL_INDEX["finished_on"]],
        v[_COL_INDEX["effective_appointment_at"]],
        second,
    )


def _new_state(values: tuple[Any, ...], v: Verdict, r: DossierRecord) -> facts.FactState:
    return facts.make_state(
        values[_COL_INDEX["handling_unit_id"]],
        values[_COL_INDEX["procedure_id"]],
        r.status,
        r.channel,
        r.received_at,
        v.outcome,
        v.finished_on,
        v.effective_appointment_at,
        v.second_request_at,
    )


# --- the write path ---------------------------------------------------------------------------------------


class ConcurrentChange(Exception):
    """A dossier being updated was deleted by someone else while the batch was checked."""


def _lock_existing(ids: Sequence[int]) -> None:
    """Lock the dossiers about to be updated and make sure they all still exist.

    Steps, supplements and events have no database-level foreign key (migration 0004), so this is what
    keeps their ``dossier_id`` pointing at a dossier: new dossiers are inserted in this very transaction,
    and existing ones are locked here until it commits (on SQLite the transaction already holds the
    database's write lock). A dossier deleted in the meantime aborts the whole batch."""
    found = _count_locked(Dossier._meta.db_table, ids, "FOR UPDATE")
    if found != len(ids):
        raise ConcurrentChange(
            f"{len(ids) - found} hồ sơ cần cập nhật vừa bị xóa trong lúc nhập; "
            "không ghi gì, hãy nhập lại tệp."
        )


def lock_references(procedure_ids: Iterable[int], unit_ids: Iterable[int]) -> None:
    """Lock the procedures and units a batch's dossiers point at, and make sure they still exist.

    Dossiers have no database-level foreign keys to them (migration 0005); this is the same guarantee,
    once per batch instead of once per row: ``FOR KEY SHARE`` keeps a concurrent delete (or key change)
    of those rows waiting until the batch commits (on SQLite the transaction's write lock already
    excludes other writers), and a row deleted since the batch was checked aborts the batch."""
    wanted = ((Procedure, sorted(set(procedure_ids))), (Unit, sorted(set(unit_ids))))
    for model, ids in wanted:
        if ids and _count_locked(model._meta.db_table, ids, "FOR KEY SHARE") != len(ids):
            raise ConcurrentChange(
                f"{str(model._meta.verbose_name).capitalize()} của hồ sơ vừa bị xóa trong lúc nhập; "
                "không ghi gì, hãy nhập lại tệp."
            )


def _count_locked(table: str, ids: Sequence[int], lock: str) -> int:
    """How many of ``ids`` exist in ``table``, locking those rows with ``lock`` on PostgreSQL until the
    transaction ends (SQLite: the transaction's write lock already excludes other writers)."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                f'SELECT count(*) FROM (SELECT id FROM "{table}" WHERE id = ANY(%s) {lock}) x', [list(ids)]
            )
            return int(cur.fetchone()[0])
        found = 0
        for i in range(0, len(ids), 900):
            chunk = list(ids[i : i + 900])
            marks = ", ".join(["%s"] * len(chunk))
            cur.execute(f'SELECT count(*) FROM "{table}" WHERE id IN ({marks})', chunk)
            found += cur.fetchone()[0]
        return found


def upsert_dossiers(
    records: Iterable[DossierRecord],
    *,
    actor: Any,
    source: str,
    batch: ImportBatch | None = None,
    as_of: dt.date | None = None,
    dry_run: bool = False,
    jurisdiction: Jurisdiction | None = None,
    progress: ProgressFn | None = None,
    validate_only: bool = False,
) -> UpsertResult:
    """Validate, judge and write a batch of dossier records (see the module docstring).

    ``dry_run`` does everything but write (the counts are real); ``validate_only`` stops after the
    checks that need the database."""
    scope = resolve_scope(actor, jurisdiction)
    recs = list(records)
    result = UpsertResult(dry_run=dry_run)
    lk = _lookups(recs)
    result.errors = _validate(recs, lk, scope)
    existing = _load_existing([r.code for r in recs]) if not result.errors else {}
    if scope.unit_ids is not None:
        h, rcv = _COL_INDEX["handling_unit_id"], _COL_INDEX["receiving_unit_id"]
        for r in recs:
            old = existing.get(r.code)
            if old is not None and not (scope.allows(old.values[h]) and scope.allows(old.values[rcv])):
                result.errors.append(
                    RowError(
                        r.row,
                        "MaHoSo",
                        r.code,
                        "Mã hồ sơ đã có trong hệ thống, thuộc đơn vị ngoài phạm vi của bạn.",
                    )
                )
    if result.errors or validate_only:
        result.errors.sort(key=lambda e: (e.row, e.field))
        result.dry_run = True
        return result
    if progress:
        progress("judge", 0, len(recs))
    as_of = as_of or timezone.localdate()
    resolved = [_step_resolution(r, lk, scope) for r in recs]
    labels = [
        [
            ((lk.unit_code[pk] if pk is not None else (s.unit_ref or None)), ext)
            for s, (pk, ext) in zip(r.steps, res, strict=True)
        ]
        for r, res in zip(recs, resolved, strict=True)
    ]
    limits = {code: lim for code, (_, lim) in lk.procedures.items()}
    verdicts = judge_records(recs, limits, calendar_for(scope.jurisdiction), as_of, labels)

    now = timezone.now()
    inserts: list[tuple[Any, ...]] = []
    insert_recs: list[int] = []
    insert_children: list[tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]] = []
    updates: list[tuple[Any, ...]] = []
    changed_ids: list[int] = []
    new_steps: list[tuple[Any, ...]] = []
    new_sups: list[tuple[Any, ...]] = []
    events: list[tuple[Any, ...]] = []
    deltas: facts.FactDeltas = {}
    replace_children: list[int] = []
    actor_id = scope.user.pk if scope.user is not None else None
    base_event = {"source": source, "batch": batch.pk if batch is not None else None}
    for i, r in enumerate(recs):
        v = verdicts[i]
        values = _dossier_values(r, lk, v)
        steps = _step_values(r, lk, resolved[i])
        sups = _supplement_values(r)
        old = existing.get(r.code)
        if old is None:
            insert_recs.append(i)
            inserts.append(values)
            insert_children.append((steps, sups))
            result.codes_created.append(r.code)
            facts.contribute(deltas, _new_state(values, v, r))
            continue
        if old.values == values and old.steps == steps and old.supplements == sups:
            result.unchanged += 1
            continue
        changes = _changes(old, values, steps, sups, lk)
        updates.append((old.pk, *values, source, now))
        changed_ids.append(old.pk)
        result.codes_updated.append(r.code)
        events.append((old.pk, now, actor_id, scope.name, "updated", {**base_event, "changes": changes}))
        if "steps" in changes or "supplements" in changes:
            replace_children.append(old.pk)
            new_steps.extend((old.pk, *s) for s in steps)
            new_sups.extend((old.pk, *s) for s in sups)
        facts.contribute(deltas, _old_state(old), -1)
        facts.contribute(deltas, _new_state(values, v, r))
    result.created = len(inserts)
    result.updated = len(updates)
    if dry_run or (not inserts and not updates):
        return result

    if progress:
        progress("write", 0, len(recs))
    table = Dossier._meta.db_table
    with bulk.bulk_session(), transaction.atomic():
        p, h, rcv = (
            _COL_INDEX["procedure_id"],
            _COL_INDEX["handling_unit_id"],
            _COL_INDEX["receiving_unit_id"],
        )
        written = [*inserts, *(u[1:] for u in updates)]
        lock_references({v[p] for v in written}, {v[h] for v in written} | {v[rcv] for v in written})
        ids = bulk.allocate_ids(table, len(inserts))
        created_json: dict[int, str] = {}
        bulk.insert_rows(
            table,
            ("id", "code", *DOSSIER_COLUMNS, "source", "created_at", "updated_at"),
            (
                (pk, recs[i].code, *values, source, now, now)
                for pk, i, values in zip(ids, insert_recs, inserts, strict=True)
            ),
        )
        for pk, i, (steps, sups) in zip(ids, insert_recs, insert_children, strict=True):
            r = recs[i]
            new_steps.extend((pk, *s) for s in steps)
            new_sups.extend((pk, *s) for s in sups)
            data = created_json.get(r.status)
            if data is None:
                data = created_json[r.status] = json.dumps(
                    {**base_event, "status": r.status}, ensure_ascii=False
                )
            events.append((pk, now, actor_id, scope.name, "created", data))
        if updates:
            _lock_existing(changed_ids)
            bulk.update_rows(table, (*DOSSIER_COLUMNS, "source", "updated_at"), updates)
        if replace_children:
            bulk.delete_in(DossierStep._meta.db_table, "dossier_id", replace_children)
            bulk.delete_in(Supplement._meta.db_table, "dossier_id", replace_children)
        if progress:
            progress("children", 0, len(recs))
        bulk.insert_rows(DossierStep._meta.db_table, ("dossier_id", *STEP_COLUMNS), new_steps)
        bulk.insert_rows(Supplement._meta.db_table, ("dossier_id", *SUPPLEMENT_COLUMNS), new_sups)
        bulk.insert_rows(
            DossierEvent._meta.db_table,
            ("dossier_id", "at", "actor_id", "actor_name", "kind", "data"),
            events,
        )
        if progress:
            progress("facts", 0, len(recs))
        facts.apply_deltas(deltas)
        record_upsert(scope, source, batch, result, [r.code for r in recs[:2]], len(recs))
    return result


def record_upsert(
    scope: WriteScope,
    source: str,
    batch: ImportBatch | None,
    result: UpsertResult,
    first_codes: Sequence[str],
    n: int,
) -> None:
    """The one audit row of a written batch (the per-dossier story is in ``DossierEvent``)."""
    record(
        scope.user or scope.name,
        "dossiers.upsert",
        batch,
        object_type="" if batch is not None else "dossiers.dossier",
        object_id="" if batch is not None else (first_codes[0] if n == 1 else f"{n} hồ sơ"),
        summary=(
            f"{source}: {result.created} hồ sơ mới, {result.updated} cập nhật, {result.unchanged} không đổi"
        ),
        data={
            "source": source,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "codes": (result.codes_created + result.codes_updated)[:50],
        },
    )


# --- single-dossier changes (the API's CapNhatTienDoHoSoMC) -------------------------------------------------


def record_from_dossier(dossier: Dossier) -> DossierRecord:
    """The stored dossier as a record, so a partial change goes through ``upsert_dossiers`` too."""

    def local(value: dt.datetime | None) -> dt.datetime | None:
        return _wall(value)

    units = dict(
        Unit.objects.filter(pk__in={dossier.handling_unit_id, dossier.receiving_unit_id}).values_list(
            "pk", "code"
        )
    )
    step_units = dict(
        Unit.objects.filter(pk__in=dossier.steps.exclude(from_unit=None).values("from_unit")).values_list(
            "pk", "code"
        )
    )
    return DossierRecord(
        row=1,
        code=dossier.code,
        procedure_code=Procedure.objects.values_list("national_code", flat=True).get(pk=dossier.procedure_id),
        handling_unit_code=units[dossier.handling_unit_id],
        receiving_unit_code=units[dossier.receiving_unit_id],
        status=dossier.status,
        channel=dossier.channel,
        applicant_name=dossier.applicant_name,
        applicant_id_number=dossier.applicant_id_number,
        applicant_phone=dossier.applicant_phone,
        applicant_email=dossier.applicant_email,
        applicant_address=dossier.applicant_address,
        applicant_type=dossier.applicant_type,
        summary=dossier.summary,
        submitted_at=local(dossier.submitted_at),
        received_at=local(dossier.received_at),
        appointment_at=local(dossier.appointment_at),
        end_at=local(dossier.end_at),
        returned_at=local(dossier.returned_at),
        refused_at=local(dossier.refused_at),
        steps=[
            StepRecord(
                seq=s.seq,
                unit_ref=s.unit_name,
                from_unit_ref=step_units.get(s.from_unit_id, "") if s.from_unit_id else "",
                official_name=s.official_name,
                position=s.position,
                content=s.content,
                started_at=local(s.started_at),
                finished_at=local(s.finished_at),
                deadline_at=local(s.deadline_at),
                external=s.external,
            )
            for s in dossier.steps.order_by("seq")
        ],
        supplements=[
            SupplementRecord(s.seq, local(s.requested_at), local(s.completed_at), s.content)  # type: ignore[arg-type]
            for s in dossier.supplements.order_by("seq")
        ],
    )


class DossierWriteError(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


def _single(rec: DossierRecord, actor: Any, source: str) -> UpsertResult:
    result = upsert_dossiers([rec], actor=actor, source=source)
    if not result.ok:
        raise DossierWriteError(result.errors)
    return result


def append_progress(
    dossier: Dossier, steps: Sequence[StepRecord], *, actor: Any, source: str = "api"
) -> UpsertResult:
    """Append progress records (QuaTrinhXuLy) to a dossier. A step equal to one already stored (same
    unit, official, start and finish) is not added twice, so a resent progress call changes nothing."""
    rec = record_from_dossier(dossier)

    def key(s: StepRecord) -> tuple[Any, ...]:
        return (s.unit_ref, s.official_name, s.started_at, s.finished_at, s.content)

    known = {key(s) for s in rec.steps}
    for s in steps:
        if key(s) in known:
            continue
        known.add(key(s))
        s.seq = len(rec.steps) + 1
        rec.steps.append(s)
    return _single(rec, actor, source)


def set_status(
    dossier: Dossier,
    status: int,
    *,
    actor: Any,
    at: dt.datetime | None = None,
    appointment_at: dt.datetime | None = None,
    source: str = "api",
) -> UpsertResult:
    """Change a dossier's status (TrangThaiHoSo). ``at`` (naive local) is when it happened: it becomes
    NgayKetThucXuLy for a terminal status (7–10; rules-vn §1.4), NgayTra for 10, NgayTuChoi for 3, and
    opens a supplement request for 5 (closed again when the dossier leaves 5)."""
    rec = record_from_dossier(dossier)
    when = at or dt.datetime.now(LOCAL_TZ).replace(tzinfo=None, microsecond=0)
    if status in (7, 8, 9, 10) and (rec.end_at is None or rec.status not in (7, 8, 9, 10)):
        rec.end_at = when
    if status == 10 and rec.returned_at is None:
        rec.returned_at = when
    if status == 3 and rec.refused_at is None:
        rec.refused_at = when
    pending = [s for s in rec.supplements if s.completed_at is None]
    if status == 5 and not pending:
        rec.supplements.append(SupplementRecord(len(rec.supplements) + 1, when, None, ""))
    elif status != 5 and rec.status == 5:
        for s in pending:
            s.completed_at = max(when, s.requested_at)
    if appointment_at is not None:
        rec.appointment_at = appointment_at
    rec.status = status
    from cchc.dossiers.records import NEEDS_END, NOT_RECEIVED

    errors: list[RowError] = []
    if status not in range(1, 11):
        errors.append(
            RowError(1, "TrangThaiHoSo", str(status), "Trạng thái hồ sơ phải là một mã từ 1 đến 10.")
        )
    elif status not in NOT_RECEIVED and rec.received_at is None:
        errors.append(RowError(1, "NgayTiepNhan", "", "Hồ sơ chưa được tiếp nhận."))
    elif status in NEEDS_END and rec.end_at is None:
        errors.append(RowError(1, "NgayKetThucXuLy", "", "Thiếu ngày kết thúc xử lý."))
    if errors:
        raise DossierWriteError(errors)
    return _single(rec, actor, source)
