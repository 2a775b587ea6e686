"""Writing the changed stored dossiers a columnar import found (``columnar_changes``), as sets.

The row path's ``upsert._write`` for updates, in a few statements instead of one tuple per dossier:
the changed rows ``COPY``-ed into a temporary table and written by one ``UPDATE … FROM`` (with the
row's digest, so the same file again is recognised as unchanged), the steps and supplements of the
dossiers whose lists changed deleted and written again in file order, one ``updated`` event per
dossier with what changed (the row path's words: ``upsert_rows.changes_between``), the daily facts
and the per-official facts moved by the new contributions minus the old ones (``official_facts.remember``
before the write, ``settle`` after), the causes' rows the late list filters on replaced (``cause_marks``), and
the citizens' messages queued for a new status or supplement.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import numpy as np
import polars as pl
from django.db import connection, transaction

from cchc.dossiers import (
    bulk,
    cause_marks,
    facts,
    kept_step_ids,
    official_facts,
    result_facts,
    status_messages,
)
from cchc.dossiers.actions import UpsertResult, lock_references, record_upsert, upsert_dossiers
from cchc.dossiers.actions.upsert import _lock_existing
from cchc.dossiers.actions.upsert_checks import WriteScope
from cchc.dossiers.actions.upsert_rows import DOSSIER_COLUMNS, STEP_COLUMNS, SUPPLEMENT_COLUMNS
from cchc.dossiers.columnar_changes import Compared, ProgressFn, compare, stored_dossiers
from cchc.dossiers.columnar_parse import ParsedColumns
from cchc.dossiers.models import Dossier, DossierEvent, DossierStep, Supplement
from cchc.dossiers.signals import ledger_changed

_D = "datetime64[D]"
_US = "datetime64[us]"
UPDATED = (*DOSSIER_COLUMNS, "source", "updated_at", "import_hash")


Judged = tuple[pl.DataFrame, pl.DataFrame, dict[str, Any]]
FactsFn = Callable[[pl.DataFrame, dict[str, Any]], pl.DataFrame]
# ``columnar.write_columns`` with everything but the new rows and their digests bound.
WriteNewFn = Callable[..., set[official_facts.Group]]


def import_changes(
    p: ParsedColumns,
    judged: Judged,
    facts_of: FactsFn,
    write_new: WriteNewFn,
    lk: Any,
    hashes: pl.Series,
    scope: WriteScope,
    *,
    source: str,
    batch: Any,
    dry_run: bool,
    progress: ProgressFn | None,
) -> UpsertResult:
    """Compare a checked file of stored dossiers with the ledger and write what changed, inside one
    transaction; ``NotColumnar`` before any write when the row path must do it. Same result, rows,
    events and facts as the row path (``importing._write``). ``judged``: ``columnar.judged_frame``'s
    answer for the file; ``facts_of``: ``columnar._facts`` (the daily-fact contributions of rows)."""
    found, result = compared(p, judged, lk, hashes, dry_run=dry_run)
    if dry_run or not (result.updated or result.created):
        return result
    with bulk.bulk_session(), transaction.atomic():
        if progress:
            progress("write", 0, len(p))
        write_changes(
            p,
            judged,
            found,
            facts_of,
            write_new,
            hashes,
            scope,
            source=source,
            batch=batch,
            progress=progress,
        )
        finish(scope, source, batch, result, judged[0]["code"].head(2).to_list(), len(p))
    return result


def compared(
    p: ParsedColumns, judged: Judged, lk: Any, hashes: pl.Series, *, dry_run: bool
) -> tuple[Compared, UpsertResult]:
    """The file's rows against the stored ones (``columnar_changes.compare``) and the counts they make."""
    n = len(p)
    frame, steps, _ = judged
    schema = {c: frame.schema[c] for c in DOSSIER_COLUMNS}
    stored = stored_dossiers(frame["code"].to_list(), schema)
    named = steps.with_columns(pl.col("unit_ref").alias("unit_name"))
    found = compare(frame, named, p.supplements, stored, hashes, lk)
    k, created = found.changed.size, found.fresh.size
    codes = frame["code"]
    return found, UpsertResult(
        dry_run=dry_run,
        created=created,
        updated=k,
        unchanged=n - k - created,
        codes_created=codes.gather(found.fresh).to_list(),
        codes_updated=codes.gather(found.changed).to_list(),
    )


def write_changes(
    p: ParsedColumns,
    judged: Judged,
    found: Compared,
    facts_of: FactsFn,
    write_new: WriteNewFn,
    hashes: pl.Series,
    scope: WriteScope,
    *,
    source: str,
    batch: Any,
    progress: ProgressFn | None,
    fact_sink: list[pl.DataFrame] | None = None,
) -> None:
    """What ``compared`` found written inside the caller's transaction: the changed dossiers, then the
    new ones (``write_new``); the caller moves the per-official facts once (``finish``). With
    ``fact_sink``, the daily-fact deltas are added to it instead of written."""
    frame, steps, verdicts = judged
    codes = frame["code"]
    before = result_facts.of_codes(codes.gather(found.changed).to_list())
    if found.changed.size:
        _write(
            p,
            frame,
            steps.with_columns(pl.col("unit_ref").alias("unit_name")),
            verdicts,
            facts_of,
            hashes,
            found,
            scope,
            source=source,
            batch=batch,
            progress=progress,
            fact_sink=fact_sink,
        )
    if found.fresh.size:
        # The groups it returns are not refreshed: ``finish`` adds the new dossiers' contributions.
        write_new(subset(p, found.fresh), hashes=hashes.gather(found.fresh), fact_sink=fact_sink)
        status_messages.queue_for_codes(frame["code"].gather(found.fresh).to_list())
    written = codes.gather(found.changed).to_list() + codes.gather(found.fresh).to_list()
    result_facts.apply(result_facts.difference(before, result_facts.of_codes(written)))


def finish(
    scope: WriteScope,
    source: str,
    batch: Any,
    result: UpsertResult,
    first_codes: list[str],
    n: int,
) -> None:
    """After every piece is written: the per-official facts moved (the changed dossiers' contributions
    were remembered before their write, the new ones' are added), the one audit row, and the ledger's
    listeners told after the commit."""
    official_facts.settle(official_facts.ids_of(result.codes_created))
    record_upsert(scope, source, batch, result, first_codes, n)
    created, updated = result.created, result.updated
    transaction.on_commit(lambda: ledger_changed.send(upsert_dossiers, created=created, updated=updated))


def subset(p: ParsedColumns, at: Any) -> ParsedColumns:
    """The file's rows at these positions (in order), their steps and supplements renumbered to them."""
    owner = pl.DataFrame({"owner": at, "new_owner": np.arange(len(at), dtype=np.int64)})

    def children(frame: pl.DataFrame) -> pl.DataFrame:
        kept = frame.join(owner, on="owner", maintain_order="left")
        return kept.with_columns(pl.col("new_owner").alias("owner")).drop("new_owner")

    return ParsedColumns(p.dossiers[at], children(p.steps), children(p.supplements))


def _write(
    p: ParsedColumns,
    frame: pl.DataFrame,
    steps: pl.DataFrame,
    verdicts: dict[str, Any],
    facts_of: FactsFn,
    hashes: pl.Series,
    found: Compared,
    scope: WriteScope,
    *,
    source: str,
    batch: Any,
    progress: ProgressFn | None,
    fact_sink: list[pl.DataFrame] | None = None,
) -> None:
    """The changed dossiers written, their per-official contributions remembered before."""
    at = found.changed
    ids = pl.Series("id", found.ids, dtype=pl.Int64)
    new = frame[at].with_columns(ids, hashes.gather(at))
    lock_references(
        new["procedure_id"].unique().to_list(),
        set(new["handling_unit_id"].unique().to_list()) | set(new["receiving_unit_id"].unique().to_list()),
    )
    _lock_existing(found.ids.tolist())
    official_facts.remember(found.ids.tolist())
    _update(new.select("id", *UPDATED))
    # The changed dossiers' causes' rows replaced (``cause_marks``), as the row path does.
    by_row = verdicts["causes_by_row"]
    cause_marks.write(
        (
            (int(pk), by_row.get(int(row), []))
            for pk, row in zip(found.ids.tolist(), at.tolist(), strict=True)
        ),
        replace=found.ids.tolist(),
    )

    if progress:
        progress("children", 0, len(p))
    replaced = at[found.children]
    if replaced.size:
        owner_ids = pl.DataFrame({"owner": replaced, "dossier_id": found.ids[found.children]})
        gone = owner_ids["dossier_id"].to_list()
        stored_steps = kept_step_ids.stored(gone)
        bulk.delete_in(DossierStep._meta.db_table, "dossier_id", gone)
        bulk.delete_in(Supplement._meta.db_table, "dossier_id", gone)
        # In file order, as the row path inserts them: step ids then follow the same order, and the
        # per-official facts take an official's earliest step (the smallest id). The steps keep the
        # stored ones' ids position by position (``kept_step_ids``), as the row path does.
        for model, rows, columns in (
            (DossierStep, steps, STEP_COLUMNS),
            (Supplement, p.supplements, SUPPLEMENT_COLUMNS),
        ):
            kept = rows.join(owner_ids, on="owner").sort("owner", "seq").select("dossier_id", *columns)
            if model is DossierStep:
                keeping, kept = kept_step_ids.split_frame(kept, stored_steps)
                bulk.insert_frame(model._meta.db_table, keeping)
            bulk.insert_frame(model._meta.db_table, kept)

    now = frame["updated_at"][0]
    actor_id = scope.user.pk if scope.user is not None else None
    base = {"source": source, "batch": batch.pk if batch is not None else None}
    data = [json.dumps({**base, "changes": c}, ensure_ascii=False) for c in found.changes]
    bulk.insert_frame(
        DossierEvent._meta.db_table,
        pl.DataFrame(
            {
                "dossier_id": ids,
                "at": pl.Series([now] * len(data), dtype=pl.Datetime("us")),
                "actor_id": pl.Series([actor_id] * len(data), dtype=pl.Int64),
                "actor_name": [scope.name] * len(data),
                "kind": ["updated"] * len(data),
                "data": data,
            }
        ),
    )
    if progress:
        progress("facts", 0, len(p))
    deltas = _fact_deltas(facts_of, new, verdicts, at, found)
    if fact_sink is None:
        facts.apply_columns(deltas)
    else:
        fact_sink.append(deltas)
    announce = [
        code
        for code, c in zip(new["code"].to_list(), found.changes, strict=True)
        if "status" in c or "supplements" in c
    ]
    status_messages.queue_for_codes(announce)


def _update(rows: pl.DataFrame) -> None:
    """One ``UPDATE … FROM`` a temporary table the rows are copied into (``COPY`` on PostgreSQL,
    ``executemany`` on SQLite, both through ``bulk.insert_frame``)."""
    table = Dossier._meta.db_table
    stage = "stage_changed_dossiers"
    cols = ", ".join(f'"{c}"' for c in rows.columns)
    sets = ", ".join(f'"{c}" = s."{c}"' for c in UPDATED)
    with connection.cursor() as cur:
        cur.execute(f'DROP TABLE IF EXISTS "{stage}"')
        cur.execute(f'CREATE TEMP TABLE "{stage}" AS SELECT {cols} FROM "{table}" WHERE 1 = 0')
        bulk.insert_frame(stage, rows)
        cur.execute(f'UPDATE "{table}" AS t SET {sets} FROM "{stage}" AS s WHERE t.id = s.id')
        cur.execute(f'DROP TABLE "{stage}"')


def _fact_deltas(
    facts_of: FactsFn, new: pl.DataFrame, verdicts: dict[str, Any], at: Any, found: Compared
) -> pl.DataFrame:
    """The changed dossiers' new daily-fact contributions minus their old ones, summed per key."""
    added = facts_of(
        new,
        {
            "effective_appointment_at": verdicts["effective_appointment_at"][at],
            "second_request_at": verdicts["second_request_at"][at],
            "outcome": verdicts["outcome"][at],
            "finished_on": verdicts["finished_on"][at],
        },
    )
    old = found.old
    removed = facts_of(
        old,
        {
            "effective_appointment_at": old["effective_appointment_at"].to_numpy().astype(_US),
            "second_request_at": found.old_second_request,
            "outcome": old["outcome"].to_numpy().astype(object),
            "finished_on": old["finished_on"].to_numpy().astype(_D),
        },
    )
    keys = ["unit_id", "procedure_id", "day"]
    both = pl.concat([added, removed.with_columns([-pl.col(c) for c in facts.FACT_COLUMNS])])
    summed = both.group_by(keys).agg([pl.col(c).sum() for c in facts.FACT_COLUMNS])
    return summed.filter(pl.any_horizontal([pl.col(c) != 0 for c in facts.FACT_COLUMNS])).sort(keys)
