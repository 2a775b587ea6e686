"""The fast import path: a large CSV of *new* dossiers in the plain national shape, as columns.

``actions.upsert_dossiers`` is the one write path and the reference. At a million rows its Python work
(~120 µs a dossier: records, tuples, fact dictionaries) dominated the import (docs/benchmarks.md), so
for the commonest large file — a one-door export of dossiers the ledger has not seen — this module does
the same things column by column:

1. ``columnar_parse.parse_csv`` proves the file is in the plain shape and parses it (polars);
2. the database checks of ``upsert_dossiers`` (duplicate codes, unknown procedure or unit, scope, a
   receipt date in the future), plus: none of the codes is in the ledger yet;
3. the outcome engine judges the batch from the columns (``lib/outcomes_batch.judge_many``, as
   ``judging.judge_records`` does from records);
4. one transaction writes dossiers, steps, supplements, one ``created`` event per dossier, the daily
   facts (``facts.contribute_columns``) and the audit row, as ``COPY`` (PostgreSQL) or ``executemany``.

Anything the fast path does not prove — another spelling, a rejected row, a dossier to update — raises
``NotColumnar`` before anything is written, and ``importing.import_bytes`` gives the file to the row
path, which imports it or reports its rows exactly as before. Tests import the same files both ways
and compare every table (``tests/test_columnar_import_writes_what_the_row_path_writes.py``).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from typing import Any

import numpy as np
import polars as pl
from django.db import transaction
from django.utils import timezone

from cchc.dossiers import (
    bulk,
    cause_marks,
    columnar_errors,
    columnar_same,
    deferred_indexes,
    facts,
    official_facts,
    result_facts,
)
from cchc.dossiers.actions import UpsertResult, lock_references, record_upsert
from cchc.dossiers.actions.upsert_checks import WriteScope, lookups, resolve_scope, unit_ref
from cchc.dossiers.actions.upsert_rows import (
    DOSSIER_COLUMNS,
    STEP_COLUMNS,
    SUPPLEMENT_COLUMNS,
)
from cchc.dossiers.columnar_changes_write import import_changes
from cchc.dossiers.columnar_parse import ParsedColumns, refuse
from cchc.dossiers.judging import _UNIT_CODE as LIMIT_UNIT_CODE
from cchc.dossiers.judging import END_OF_DAY, FINISHED, calendar_for, late_causes
from cchc.dossiers.models import (
    ND118_FROM,
    DailyFact,
    Dossier,
    DossierEvent,
    DossierStep,
    LegalBasis,
    Supplement,
    UnitDailyFact,
    names_a_cause,
)
from cchc.dossiers.records import RowError
from cchc.lib import outcomes as eng
from cchc.lib import outcomes_batch as batch_eng
from cchc.lib.natsync_fields import fold
from cchc.org.models import Jurisdiction

ProgressFn = Callable[[str, int, int], Any]
_D = "datetime64[D]"
_US = "datetime64[us]"
NAT_D = np.datetime64("NaT", "D")
NAT_US = np.datetime64("NaT", "us")
# What an import of new dossiers writes row by row; those found empty get their secondary indexes
# built after the writes (``deferred_indexes``). Not the causes' rows: each slice's are updated through
# their dossier index right after they are written (``cause_marks.copy_columns``; without it, a scan of
# every cause row per slice against an array of the slice's ids took the server 100 s more at a million
# dossiers). The per-official facts are written after the indexes are back, by reading.
LEDGER_TABLES = tuple(
    m._meta.db_table for m in (Dossier, DossierStep, Supplement, DossierEvent, DailyFact, UnitDailyFact)
)


def _check(p: ParsedColumns, lk: Any, scope: WriteScope) -> list[RowError]:
    """The rows the row path would refuse, in its words (``columnar_errors``); ``NotColumnar`` when
    the file is valid but not all in the plain shape (the row path's work)."""
    found = columnar_errors.findings(p, lk, scope)
    if found.errors:
        return found.errors
    refuse(p.suspects > 0, f"valid rows in another spelling ({p.why})")
    return []


def _row_hashes(p: ParsedColumns, lk: Any, scope: WriteScope) -> pl.Series:
    assert p.cells is not None
    return columnar_same.row_hashes(p.cells, hash_key(p, lk, scope))


def hash_key(p: ParsedColumns, lk: Any, scope: WriteScope) -> bytes:
    """The key of the rows' digests (``columnar_same.context_key``) for these columns and look-ups."""
    assert p.cells is not None
    return columnar_same.context_key([c for c in p.cells.columns if c != "row"], lk, scope)


def _resolve_steps(steps: pl.DataFrame, lk: Any, scope: WriteScope) -> pl.DataFrame:
    """``upsert_rows.step_resolution`` and ``step_values`` per distinct reference, not per step."""
    refs = set(steps["unit_ref"].unique().to_list()) | set(steps["from_unit_ref"].unique().to_list())
    ref_pk = {ref: unit_ref(lk, ref) for ref in refs}
    unit_id = steps["unit_ref"].replace_strict(ref_pk, default=None, return_dtype=pl.Int64)
    from_id = steps["from_unit_ref"].replace_strict(ref_pk, default=None, return_dtype=pl.Int64)
    allowed = {pk: scope.allows(pk) for pk in ref_pk.values() if pk is not None}
    in_scope = unit_id.replace_strict(allowed, default=False, return_dtype=pl.Boolean).fill_null(False)
    steps = steps.with_columns(
        unit_id.alias("unit_id"),
        from_id.alias("from_unit_id"),
        (steps["external"] | unit_id.is_null() | ~in_scope).alias("external"),
    )
    pairs = steps.filter(pl.col("unit_id").is_not_null() & (pl.col("official_name") != "")).select(
        "unit_id", "official_name"
    )
    found = [
        (u, name, pk)
        for u, name in pairs.unique().iter_rows()
        if (pk := lk.officials.get((u, fold(name)))) is not None
    ]
    officials = pl.DataFrame(
        found, schema={"unit_id": pl.Int64, "official_name": pl.String, "official_id": pl.Int64}, orient="row"
    )
    return steps.join(officials, on=["unit_id", "official_name"], how="left", maintain_order="left")


def _judge(
    p: ParsedColumns, steps: pl.DataFrame, lk: Any, scope: WriteScope, as_of: dt.date
) -> batch_eng.BatchOutcome:
    d = p.dossiers
    limit_value = {code: lim.value for code, (_, lim) in lk.procedures.items()}
    limit_unit = {code: LIMIT_UNIT_CODE.get(lim.unit, 0) for code, (_, lim) in lk.procedures.items()}
    value = d["procedure_code"].replace_strict(limit_value, default=None, return_dtype=pl.Float64).to_numpy()
    unit = d["procedure_code"].replace_strict(limit_unit, default=0, return_dtype=pl.Int8).to_numpy()
    usable = ~np.isnan(value) & (value > 0)
    labels = [
        lk.unit_code[pk] if pk is not None else (ref or None)
        for pk, ref in zip(steps["unit_id"].to_list(), steps["unit_ref"].to_list(), strict=True)
    ]
    batch = batch_eng.DossierBatch(
        codes=d["code"].to_list(),
        status=d["status"].to_numpy().astype(np.int8),
        received=d["received_at"].to_numpy(),
        appointment=d["appointment_at"].to_numpy(),
        ended=d["end_at"].to_numpy(),
        limit_value=np.where(usable, value, np.nan),
        limit_unit=np.where(usable, unit, 0).astype(np.int8),
        sup_owner=p.supplements["owner"].to_numpy(),
        sup_requested=p.supplements["requested_at"].to_numpy().astype(_US),
        sup_completed=p.supplements["completed_at"].to_numpy().astype(_US),
        step_owner=steps["owner"].to_numpy(),
        step_started=steps["started_at"].to_numpy().astype(_US),
        step_finished=steps["finished_at"].to_numpy().astype(_US),
        step_deadline=steps["deadline_at"].to_numpy().astype(_US),
        step_external=steps["external"].to_numpy().astype(np.bool_),
        step_unit=labels,
        step_official=[name or None for name in steps["official_name"].to_list()],
    )
    return batch_eng.judge_many(batch, calendar_for(scope.jurisdiction), as_of)


def _verdicts(p: ParsedColumns, res: batch_eng.BatchOutcome, steps: pl.DataFrame) -> dict[str, Any]:
    """What ``judging.judge_records`` turns into ``Verdict`` objects, as columns (``steps``: the
    resolved steps in the batch's order, whose ids the causes store)."""
    n = len(p)
    kinds = np.array([k.value for k in eng.OUTCOME_ORDER], dtype=object)[res.outcome]
    finished = np.isin(kinds, sorted(FINISHED))
    stored = np.where(finished | (kinds == eng.OutcomeKind.EXCLUDED.value), kinds, "")
    finished_on = np.where(finished, res.ended.astype(_D), NAT_D)
    deadline = res.deadline.astype(_D)
    appointment = p.dossiers["appointment_at"].to_numpy().astype(_US)
    same_day = ~np.isnat(appointment) & (appointment.astype(_D) == deadline)
    end_of_day = deadline.astype(_US) + np.timedelta64(END_OF_DAY.hour * 60 + END_OF_DAY.minute, "m")
    effective = np.where(np.isnat(deadline), NAT_US, np.where(same_day, appointment, end_of_day))
    causes = np.full(n, "[]", dtype=object)
    named = np.zeros(n, dtype=np.bool_)
    refs = list(zip(*(steps[c].to_list() for c in ("seq", "unit_id", "official_id")), strict=True))
    by_owner = late_causes(res, refs)
    for owner, items in by_owner.items():
        causes[owner] = json.dumps(items, ensure_ascii=False)
        named[owner] = names_a_cause(items)
    second = np.full(n, NAT_US)
    sups = p.supplements.filter(pl.col("seq") == 2)
    second[sups["owner"].to_numpy()] = sups["requested_at"].to_numpy().astype(_US)
    return {
        "outcome": stored,
        "finished_on": finished_on,
        "effective_appointment_at": effective,
        "late_causes": causes,
        "named_cause": named,
        "second_request_at": second,
        "causes_by_row": by_owner,
    }


def fact_rows_of(d: pl.DataFrame, v: dict[str, Any]) -> pl.DataFrame:
    """The daily-fact contributions of judged rows (``judged_frame``'s frame and verdicts)."""
    appointment_day = v["effective_appointment_at"].astype(_D)
    overdue_from = appointment_day + np.timedelta64(1, "D")
    second = v["second_request_at"].astype(_D)
    earlier = ~np.isnat(second) & (np.isnat(overdue_from) | (second < overdue_from))
    overdue_from = np.where(earlier, second, overdue_from)
    return facts.contribute_columns(
        d["handling_unit_id"].to_numpy(),
        d["procedure_id"].to_numpy(),
        d["status"].to_numpy(),
        d["channel"].to_numpy() == 2,
        d["received_at"].to_numpy().astype(_D),
        v["outcome"],
        v["finished_on"],
        overdue_from,
    )


def look(p: ParsedColumns, scope: WriteScope) -> tuple[Any, list[RowError], pl.Series | None, str]:
    """The first look at parsed columns, nothing written: (look-ups, the row path's errors, the row
    digests, and what the file is: "errors", "unchanged" (every row stored as it is), "stored" (some
    dossiers already in the ledger, so the row path's work) or "new"). ``NotColumnar`` when the file
    is valid but not all in the plain shape."""
    d = p.dossiers
    lk = lookups(d["procedure_code"].unique().to_list(), with_officials=p.steps.height > 0)
    errors = _check(p, lk, scope)
    if errors:
        return lk, errors, None, "errors"
    hashes = _row_hashes(p, lk, scope)
    stored = columnar_same.stored_hashes(d["code"]) if Dossier.objects.exists() else None
    if stored is not None and stored.height:
        unchanged = columnar_same.all_unchanged(d["code"], hashes, stored)
        return lk, [], hashes, "unchanged" if unchanged else "stored"
    return lk, [], hashes, "new"


def digests(
    p: ParsedColumns, scope: WriteScope, known: tuple[bytes, pl.Series | None] | None = None
) -> tuple[Any, pl.Series]:
    """The look-ups and row digests of columns already looked at (``look``), without the checks.
    ``known``: the key and digests the first look computed from the same cells, used when the key is
    still the same (a blake2b per row is a tenth of a sliced import's Python work)."""
    lk = lookups(p.dossiers["procedure_code"].unique().to_list(), with_officials=p.steps.height > 0)
    if known is not None and known[1] is not None and known[0] == hash_key(p, lk, scope):
        return lk, known[1]
    return lk, _row_hashes(p, lk, scope)


def import_columns(
    p: ParsedColumns,
    *,
    actor: Any,
    source: str,
    batch: Any = None,
    as_of: dt.date | None = None,
    dry_run: bool = False,
    jurisdiction: Jurisdiction | None = None,
    progress: ProgressFn | None = None,
) -> UpsertResult:
    """Check, judge and write parsed columns; ``NotColumnar`` (before any write) when the row path
    must do it. Same arguments and result as ``actions.upsert_dossiers``."""
    scope = resolve_scope(actor, jurisdiction)
    n = len(p)
    lk, errors, hashes, state = look(p, scope)
    if errors:
        return UpsertResult(errors=errors)
    if state == "unchanged":
        return UpsertResult(dry_run=dry_run, unchanged=n)
    assert hashes is not None
    if state == "stored":
        # Changes to stored dossiers: compared and written as sets (``columnar_changes``).
        judged = judged_frame(p, lk, scope, source=source, as_of=as_of, progress=progress)
        write_new = functools.partial(
            write_columns, lk=lk, scope=scope, source=source, batch=batch, as_of=as_of, progress=progress
        )
        return import_changes(
            p,
            judged,
            fact_rows_of,
            write_new,
            lk,
            hashes,
            scope,
            source=source,
            batch=batch,
            dry_run=dry_run,
            progress=progress,
        )
    result = UpsertResult(dry_run=dry_run, created=n, codes_created=p.dossiers["code"].to_list())
    if dry_run:
        return result
    with bulk.bulk_session(), transaction.atomic():
        with deferred_indexes.rebuilt_after(LEDGER_TABLES, n):
            groups = write_columns(
                p, lk, hashes, scope, source=source, batch=batch, as_of=as_of, progress=progress
            )
        official_facts.refresh(groups)
        result_facts.add_new(p.dossiers["code"].to_list())
        record_upsert(scope, source, batch, result, p.dossiers["code"].head(2).to_list(), n)
    return result


def judged_frame(
    p: ParsedColumns,
    lk: Any,
    scope: WriteScope,
    *,
    source: str,
    as_of: dt.date | None,
    progress: ProgressFn | None,
) -> tuple[pl.DataFrame, pl.DataFrame, dict[str, Any]]:
    """The file's dossiers judged, as the frame of their stored columns (``DOSSIER_COLUMNS``, source,
    created_at, updated_at; instants naive local), their steps resolved to units and officials, and the
    verdicts as columns (``_verdicts``). Shared by new dossiers (``write_columns``) and changed ones
    (``columnar_changes``)."""
    d = p.dossiers
    if progress:
        progress("judge", 0, len(p))
    steps = _resolve_steps(p.steps, lk, scope)
    res = _judge(p, steps, lk, scope, as_of or timezone.localdate())
    verdicts = _verdicts(p, res, steps)

    proc_ids = {code: pk for code, (pk, _) in lk.procedures.items()}
    received_day = d["received_at"].dt.date().fill_null(d["submitted_at"].dt.date())
    nd118 = str(LegalBasis.ND118)
    nd61 = str(LegalBasis.ND61)
    now = timezone.localtime(timezone.now()).replace(tzinfo=None)
    frame = d.with_columns(
        d["procedure_code"].replace_strict(proc_ids, return_dtype=pl.Int64).alias("procedure_id"),
        d["receiving_unit_code"]
        .replace_strict(lk.unit_by_code, return_dtype=pl.Int64)
        .alias("receiving_unit_id"),
        d["handling_unit_code"]
        .replace_strict(lk.unit_by_code, return_dtype=pl.Int64)
        .alias("handling_unit_id"),
        pl.Series(
            "legal_basis", np.where((received_day >= ND118_FROM).fill_null(False).to_numpy(), nd118, nd61)
        ),
        pl.Series("outcome", verdicts["outcome"].astype(str)),
        pl.Series("effective_appointment_at", verdicts["effective_appointment_at"]),
        pl.Series("late_causes", verdicts["late_causes"].astype(str)),
        pl.Series("named_cause", verdicts["named_cause"]),
        pl.Series("finished_on", verdicts["finished_on"]).cast(pl.Date),
        pl.lit(source).alias("source"),
        pl.lit(now).alias("created_at"),
        pl.lit(now).alias("updated_at"),
    )
    return frame, steps, verdicts


def write_columns(
    p: ParsedColumns,
    lk: Any,
    hashes: pl.Series,
    scope: WriteScope,
    *,
    source: str,
    batch: Any,
    as_of: dt.date | None,
    progress: ProgressFn | None,
    fact_sink: list[pl.DataFrame] | None = None,
) -> set[official_facts.Group]:
    """Judge and write checked columns of new dossiers inside the caller's transaction (dossiers,
    steps, supplements, events, daily facts; no audit row). Returns the (handling unit, day) groups of
    the per-official facts the finished ones fall in, for the caller to refresh once. With
    ``fact_sink`` the daily facts are added to it for the caller to write once (``facts.summed``)."""
    d = p.dossiers
    n = len(p)
    frame, steps, verdicts = judged_frame(p, lk, scope, source=source, as_of=as_of, progress=progress)
    fact_rows = fact_rows_of(frame, verdicts)
    actor_id = scope.user.pk if scope.user is not None else None
    base_event = {"source": source, "batch": batch.pk if batch is not None else None}
    event_data = {
        status: json.dumps({**base_event, "status": status}, ensure_ascii=False)
        for status in d["status"].unique().to_list()
    }
    if progress:
        progress("write", 0, n)
    lock_references(
        frame["procedure_id"].unique().to_list(),
        set(frame["handling_unit_id"].unique().to_list())
        | set(frame["receiving_unit_id"].unique().to_list()),
    )
    # Ids follow the order of the codes and rows are written in that order, so both the primary
    # key and the unique code index grow at their right edge instead of splitting pages all over.
    pool = np.sort(bulk.allocate_id_array(Dossier._meta.db_table, n))
    rank = frame["code"].rank("ordinal").to_numpy().astype(np.int64) - 1
    ids = pl.Series("id", pool[rank], dtype=pl.Int64)
    frame = frame.with_columns(ids, hashes)
    bulk.insert_frame(
        Dossier._meta.db_table,
        frame.select(
            "id", "code", *DOSSIER_COLUMNS, "source", "created_at", "updated_at", "import_hash"
        ).sort("id"),
    )
    # The causes where the late list's filters read them (``cause_marks``), as the row path writes them.
    pks = ids.to_numpy()
    cause_marks.write((int(pks[owner]), items) for owner, items in verdicts["causes_by_row"].items())
    if progress:
        progress("children", 0, n)
    step_rows = steps.with_columns(
        ids.gather(steps["owner"]).alias("dossier_id"), pl.col("unit_ref").alias("unit_name")
    ).sort("dossier_id", "seq")
    bulk.insert_frame(DossierStep._meta.db_table, step_rows.select("dossier_id", *STEP_COLUMNS))
    sup_rows = p.supplements.with_columns(ids.gather(p.supplements["owner"]).alias("dossier_id"))
    bulk.insert_frame(
        Supplement._meta.db_table,
        sup_rows.select("dossier_id", *SUPPLEMENT_COLUMNS).sort("dossier_id", "seq"),
    )
    # The two columns sorted, not the whole frame (every column of the dossiers copied once more).
    bulk.insert_frame(
        DossierEvent._meta.db_table,
        frame.select(
            pl.col("id").alias("dossier_id"),
            pl.col("created_at").alias("at"),
            pl.lit(actor_id, dtype=pl.Int64).alias("actor_id"),
            pl.lit(scope.name).alias("actor_name"),
            pl.lit("created").alias("kind"),
            pl.col("status").replace_strict(event_data, return_dtype=pl.String).alias("data"),
        ).sort("dossier_id"),
    )
    if progress:
        progress("facts", 0, n)
    if fact_sink is None:
        facts.apply_columns(fact_rows)
    else:
        fact_sink.append(fact_rows)
    # The frame's instants are local wall-clock times, so their date is the local day of the facts.
    ended = frame.filter(
        pl.col("outcome").is_in([str(o) for o in official_facts.FINISHED]) & pl.col("end_at").is_not_null()
    )
    return set(ended.select("handling_unit_id", pl.col("end_at").dt.date()).unique().iter_rows())
