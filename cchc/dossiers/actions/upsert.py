"""The one write path for dossiers: file import, the push API and the demo generator all call
``upsert_dossiers`` (architecture.md "Flow of one dossier").

1. Every record is checked before anything is written: unknown procedure or unit codes are rejected
   rows (never created), the dossier's units must lie in the actor's scope (``scope.import_units_for``;
   an API client's or the CLI's jurisdiction), a code may appear once per batch, and an existing
   dossier of a unit outside the scope cannot be overwritten. Any rejected row → nothing is written.
2. The whole batch is judged at once by the outcome engine (``judging``, docs/rules/dossier-deadlines.md).
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

from django.db import connection, transaction
from django.utils import timezone

from cchc.core.events import record
from cchc.dossiers import (
    bulk,
    cause_marks,
    facts,
    kept_step_ids,
    official_facts,
    status_messages,
)
from cchc.dossiers.actions.upsert_checks import Lookups, WriteScope, lookups_for, resolve_scope, validate
from cchc.dossiers.actions.upsert_rows import (
    COL_INDEX,
    DOSSIER_COLUMNS,
    STEP_COLUMNS,
    SUPPLEMENT_COLUMNS,
    Existing,
    changes_between,
    dossier_values,
    load_existing,
    new_state,
    old_state,
    step_ids,
    step_resolution,
    step_values,
    stored_outside_scope,
    supplement_values,
    wall_clock,
)
from cchc.dossiers.audit_events import DossiersEvents
from cchc.dossiers.judging import Verdict, calendar_for, judge_records
from cchc.dossiers.models import Dossier, DossierEvent, DossierStep, ImportBatch, Procedure, Supplement
from cchc.dossiers.records import LOCAL_TZ, DossierRecord, RowError, StepRecord, SupplementRecord
from cchc.dossiers.signals import ledger_changed
from cchc.org.models import Jurisdiction, Unit

ProgressFn = Callable[[str, int, int], Any]


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
    audit: bool = True,
) -> UpsertResult:
    """Validate, judge and write a batch of dossier records (see the module docstring).

    ``dry_run`` does everything but write (the counts are real); ``validate_only`` stops after the
    checks that need the database. ``audit=False`` leaves the audit row and the ledger signal to a
    caller that writes one file in several batches inside its own transaction (``importing``)."""
    scope = resolve_scope(actor, jurisdiction)
    recs = list(records)
    result = UpsertResult(dry_run=dry_run)
    lk = lookups_for(recs)
    result.errors = validate(recs, lk, scope)
    existing = load_existing([r.code for r in recs]) if not result.errors else {}
    result.errors += stored_outside_scope(recs, existing, scope)
    if result.errors or validate_only:
        result.errors.sort(key=lambda e: (e.row, e.field))
        result.dry_run = True
        return result
    if progress:
        progress("judge", 0, len(recs))
    resolved, verdicts = _judge(recs, lk, scope, as_of or timezone.localdate())
    now = timezone.now()
    base_event = {"source": source, "batch": batch.pk if batch is not None else None}
    plan = _plan(recs, lk, scope, resolved, verdicts, existing, result, source, now, base_event)
    result.created = len(plan.inserts)
    result.updated = len(plan.updates)
    if dry_run or (not plan.inserts and not plan.updates):
        return result

    if progress:
        progress("write", 0, len(recs))
    codes = [r.code for r in recs]
    # Loaded here, not with the module: the summary frames need polars, which a command's help must not
    # load (test_the_command_line_help_loads_no_dataframe_library).
    from cchc.dossiers import result_facts

    with (
        bulk.bulk_session(),
        transaction.atomic(),
        official_facts.kept_for(codes),
        result_facts.kept_for(codes),
    ):
        _write(plan, recs, scope, source, now, base_event, progress)
        # Queued in this transaction, sent after its commit (nothing for a rolled-back batch).
        status_messages.queue_for_codes(plan.announce)
        if audit:
            record_upsert(scope, source, batch, result, [r.code for r in recs[:2]], len(recs))
            transaction.on_commit(
                lambda: ledger_changed.send(upsert_dossiers, created=result.created, updated=result.updated)
            )
    return result


def _judge(
    recs: Sequence[DossierRecord], lk: Lookups, scope: WriteScope, as_of: dt.date
) -> tuple[list[list[tuple[int | None, bool]]], list[Verdict]]:
    """Each record's steps resolved to units, and the outcome engine's verdict on the whole batch."""
    resolved = [step_resolution(r, lk, scope) for r in recs]
    labels = [
        [
            ((lk.unit_code[pk] if pk is not None else (s.unit_ref or None)), ext)
            for s, (pk, ext) in zip(r.steps, res, strict=True)
        ]
        for r, res in zip(recs, resolved, strict=True)
    ]
    limits = {code: lim for code, (_, lim) in lk.procedures.items()}
    ids = [step_ids(r, lk, res) for r, res in zip(recs, resolved, strict=True)]
    return resolved, judge_records(recs, limits, calendar_for(scope.jurisdiction), as_of, labels, ids)


@dataclass
class _Plan:
    """What a batch writes, decided before the transaction opens."""

    inserts: list[tuple[Any, ...]] = field(default_factory=list)
    insert_recs: list[int] = field(default_factory=list)
    insert_children: list[tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]] = field(default_factory=list)
    updates: list[tuple[Any, ...]] = field(default_factory=list)
    changed_ids: list[int] = field(default_factory=list)
    new_steps: list[tuple[Any, ...]] = field(default_factory=list)
    new_sups: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    deltas: facts.FactDeltas = field(default_factory=dict)
    replace_children: list[int] = field(default_factory=list)
    announce: list[str] = field(default_factory=list)  # new or changed status: citizens' messages


def _plan(
    recs: Sequence[DossierRecord],
    lk: Lookups,
    scope: WriteScope,
    resolved: Sequence[list[tuple[int | None, bool]]],
    verdicts: Sequence[Verdict],
    existing: dict[str, Existing],
    result: UpsertResult,
    source: str,
    now: dt.datetime,
    base_event: dict[str, Any],
) -> _Plan:
    """New dossiers, changed ones (with what changed) and unchanged ones, counted into ``result``."""
    plan = _Plan()
    actor_id = scope.user.pk if scope.user is not None else None
    for i, r in enumerate(recs):
        v = verdicts[i]
        values = dossier_values(r, lk, v)
        steps = step_values(r, lk, resolved[i])
        sups = supplement_values(r)
        old = existing.get(r.code)
        if old is None:
            plan.insert_recs.append(i)
            plan.inserts.append(values)
            plan.insert_children.append((steps, sups))
            result.codes_created.append(r.code)
            plan.announce.append(r.code)
            facts.contribute(plan.deltas, new_state(values, v, r))
            continue
        if old.values == values and old.steps == steps and old.supplements == sups:
            result.unchanged += 1
            continue
        changes = changes_between(old, values, steps, sups, lk)
        # import_hash: no longer what a file row wrote (columnar_same).
        plan.updates.append((old.pk, *values, source, now, None))
        plan.changed_ids.append(old.pk)
        result.codes_updated.append(r.code)
        if "status" in changes or "supplements" in changes:
            plan.announce.append(r.code)
        plan.events.append((old.pk, now, actor_id, scope.name, "updated", {**base_event, "changes": changes}))
        if "steps" in changes or "supplements" in changes:
            plan.replace_children.append(old.pk)
            plan.new_steps.extend((old.pk, *s) for s in steps)
            plan.new_sups.extend((old.pk, *s) for s in sups)
        facts.contribute(plan.deltas, old_state(old), -1)
        facts.contribute(plan.deltas, new_state(values, v, r))
    return plan


def _write(
    plan: _Plan,
    recs: Sequence[DossierRecord],
    scope: WriteScope,
    source: str,
    now: dt.datetime,
    base_event: dict[str, Any],
    progress: ProgressFn | None,
) -> None:
    """The plan's rows, in the caller's transaction: references locked, dossiers inserted and updated,
    steps and supplements replaced, one event per dossier, the daily facts moved."""
    table = Dossier._meta.db_table
    actor_id = scope.user.pk if scope.user is not None else None
    p, h, rcv = (
        COL_INDEX["procedure_id"],
        COL_INDEX["handling_unit_id"],
        COL_INDEX["receiving_unit_id"],
    )
    written = [*plan.inserts, *(u[1:] for u in plan.updates)]
    lock_references({v[p] for v in written}, {v[h] for v in written} | {v[rcv] for v in written})
    ids = bulk.allocate_ids(table, len(plan.inserts))
    created_json: dict[int, str] = {}
    bulk.insert_rows(
        table,
        ("id", "code", *DOSSIER_COLUMNS, "source", "created_at", "updated_at"),
        (
            (pk, recs[i].code, *values, source, now, now)
            for pk, i, values in zip(ids, plan.insert_recs, plan.inserts, strict=True)
        ),
    )
    for pk, i, (steps, sups) in zip(ids, plan.insert_recs, plan.insert_children, strict=True):
        r = recs[i]
        plan.new_steps.extend((pk, *s) for s in steps)
        plan.new_sups.extend((pk, *s) for s in sups)
        data = created_json.get(r.status)
        if data is None:
            data = created_json[r.status] = json.dumps({**base_event, "status": r.status}, ensure_ascii=False)
        plan.events.append((pk, now, actor_id, scope.name, "created", data))
    if plan.updates:
        _lock_existing(plan.changed_ids)
        bulk.update_rows(table, (*DOSSIER_COLUMNS, "source", "updated_at", "import_hash"), plan.updates)
    # The causes where the late list's filters read them (``cause_marks``): new dossiers' rows, and
    # changed dossiers' rows replaced (an unchanged one keeps its causes and its rows).
    c = COL_INDEX["late_causes"]
    cause_marks.write(
        [
            *((pk, values[c]) for pk, values in zip(ids, plan.inserts, strict=True)),
            *((u[0], u[1 + c]) for u in plan.updates),
        ],
        replace=plan.changed_ids,
    )
    stored_steps: tuple[list[int], list[int]] = ([], [])
    if plan.replace_children:
        stored_steps = kept_step_ids.stored(plan.replace_children)
        bulk.delete_in(DossierStep._meta.db_table, "dossier_id", plan.replace_children)
        bulk.delete_in(Supplement._meta.db_table, "dossier_id", plan.replace_children)
    if progress:
        progress("children", 0, len(recs))
    # A changed dossier's steps keep the stored ones' ids position by position (``kept_step_ids``).
    keeping, fresh = kept_step_ids.split_rows(plan.new_steps, stored_steps)
    bulk.insert_rows(DossierStep._meta.db_table, ("id", "dossier_id", *STEP_COLUMNS), keeping)
    bulk.insert_rows(DossierStep._meta.db_table, ("dossier_id", *STEP_COLUMNS), fresh)
    bulk.insert_rows(Supplement._meta.db_table, ("dossier_id", *SUPPLEMENT_COLUMNS), plan.new_sups)
    bulk.insert_rows(
        DossierEvent._meta.db_table,
        ("dossier_id", "at", "actor_id", "actor_name", "kind", "data"),
        plan.events,
    )
    if progress:
        progress("facts", 0, len(recs))
    facts.apply_deltas(plan.deltas)


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
        DossiersEvents.UPSERT,
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
        return wall_clock(value)

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
        digitised_inputs=dossier.digitised_inputs,
        electronic_result=dossier.electronic_result,
        online_payment=dossier.online_payment,
        vneid_verified=dossier.vneid_verified,
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
    NgayKetThucXuLy for a terminal status (7–10; docs/rules/dossier-deadlines.md), NgayTra for 10, NgayTuChoi
    for 3, and opens a supplement request for 5 (closed again when the dossier leaves 5)."""
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
    from cchc.lib.outcomes import NEEDS_END, NOT_RECEIVED

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
