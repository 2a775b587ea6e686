"""The fast import path for a CSV that changes dossiers already stored: compared and written as sets.

``actions.upsert_dossiers`` is the reference: for every stored dossier of a file it compares the new
values with the stored ones and, for a changed one, updates the row, replaces its steps and supplements
when either changed, writes one ``updated`` event saying what changed (``upsert_rows.changes_between``),
moves the daily facts and the per-official facts by the old contribution out and the new one in,
queues the citizen's message for a new status or supplement and, for the whole file, one audit row.
Dossier by dossier, 200,000 changes took minutes (docs/benchmarks.md). Here the same work is done
column by column, on both engines:

1. the file is judged as a new file is (``columnar.judged_frame``);
2. the stored rows of its codes, their steps and supplements are read in a few statements, instants
   as local wall-clock time, and compared with the file's values as columns (a row whose stored digest
   ``import_hash`` equals the row's is unchanged without comparing, ``columnar_same``);
3. ``columnar_changes_write`` writes the changed ones: ``COPY`` (SQLite: ``executemany``) into a
   temporary table and one ``UPDATE … FROM``, a delete and a ``COPY`` of the replaced steps and
   supplements, the events, the fact deltas of ``facts.contribute_columns`` (old rows subtracted),
   the per-official facts moved likewise (``official_facts.remember`` and ``settle``).

Dossiers of the file the ledger does not have yet are written by ``columnar.write_columns``, in the same
transaction, after the changed ones (as the row path writes a chunk's updates before its inserts).
``tests/test_columnar_changes_*`` import the same changes both ways and compare every table, event and
fact.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import polars as pl
from django.db import connection

from cchc.dossiers import bulk
from cchc.dossiers.actions.upsert_checks import Lookups
from cchc.dossiers.actions.upsert_rows import (
    DERIVED_COLUMNS,
    DOSSIER_COLUMNS,
    STEP_COLUMNS,
    SUPPLEMENT_COLUMNS,
    UNIT_FKS,
    lookup_chunk,
)
from cchc.dossiers.models import Dossier, DossierStep, Supplement
from cchc.dossiers.records import LOCAL_TZ

ProgressFn = Callable[[str, int, int], Any]
SHOWN_INSTANT = "%Y-%m-%dT%H:%M:%S"  # as ``upsert_rows.shown_value`` shows an instant


@dataclass
class Compared:
    """The file's rows against the stored ones. Positions are the rows' positions in the file."""

    fresh: np.ndarray[Any, Any]  # positions of the dossiers the ledger does not have yet
    changed: np.ndarray[Any, Any]  # positions of the changed dossiers, in file order
    ids: np.ndarray[Any, Any]  # their stored ids
    children: np.ndarray[Any, Any]  # per changed dossier: are its steps or supplements replaced
    changes: list[dict[str, Any]] = field(default_factory=list)  # per changed dossier, as the event says
    old: pl.DataFrame = field(default_factory=pl.DataFrame)  # the changed dossiers' stored columns
    old_second_request: np.ndarray[Any, Any] = field(default_factory=lambda: np.array([]))


def _select(columns: Sequence[str], schema: dict[str, pl.DataType], alias: str) -> str:
    """The columns as the comparison reads them. PostgreSQL: instants as local wall-clock time
    (``AT TIME ZONE``), the causes as JSON text; SQLite stores both as text (``_from_sqlite``)."""
    if not bulk.is_postgres():
        return ", ".join(f"{alias}{c}" for c in columns)
    zone = LOCAL_TZ.key.replace("'", "''")
    out = []
    for c in columns:
        if isinstance(schema[c], pl.Datetime):
            out.append(f"({alias}{c} AT TIME ZONE '{zone}') AS {c}")
        elif c == "late_causes":
            out.append(f"{alias}{c}::text AS {c}")
        else:
            out.append(f"{alias}{c}")
    return ", ".join(out)


def _fetch(sql: str, column: str, values: list[Any], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """The rows of ``sql`` (``{where}`` for ``column`` among ``values``), in chunks, as a frame."""
    pg = bulk.is_postgres()
    rows: list[tuple[Any, ...]] = []
    size = lookup_chunk()
    with connection.cursor() as cur:
        for i in range(0, len(values), size):
            chunk = values[i : i + size]
            if pg:
                cur.execute(sql.format(where=f"{column} = ANY(%s)"), [chunk])
            else:
                cur.execute(sql.format(where=f"{column} IN ({', '.join(['%s'] * len(chunk))})"), chunk)
            rows.extend(cur.fetchall())
    if pg:
        return pl.DataFrame(rows, schema=schema, orient="row")
    return _from_sqlite(rows, schema)


def _from_sqlite(rows: list[tuple[Any, ...]], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """Django's SQLite converters give naive UTC instants: shown as local wall-clock time here, through
    the time-zone database as ``records.LOCAL_TZ`` (days and booleans arrive as they are)."""
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    local = [
        pl.col(c).dt.replace_time_zone("UTC").dt.convert_time_zone(LOCAL_TZ.key).dt.replace_time_zone(None)
        for c, t in schema.items()
        if isinstance(t, pl.Datetime)
    ]
    return frame.with_columns(local) if local else frame


def stored_dossiers(codes: list[str], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """id, code, import_hash and ``DOSSIER_COLUMNS`` of the stored dossiers with these codes
    (instants as naive local time, the causes as JSON text)."""
    full = {"id": pl.Int64(), "code": pl.String(), "import_hash": pl.Int64(), **schema}
    cols = _select(DOSSIER_COLUMNS, full, "d.")
    sql = f"SELECT d.id, d.code, d.import_hash, {cols} FROM {Dossier._meta.db_table} d WHERE {{where}}"
    return _fetch(sql, "d.code", codes, full)


def stored_children(
    model: Any, columns: Sequence[str], ids: list[int], schema: dict[str, pl.DataType]
) -> pl.DataFrame:
    """dossier_id and ``columns`` of the steps or supplements of these dossiers, in seq order."""
    full = {"dossier_id": pl.Int64(), **schema}
    sql = f"SELECT c.dossier_id, {_select(columns, full, 'c.')} FROM {model._meta.db_table} c WHERE {{where}}"
    return _fetch(sql, "c.dossier_id", ids, full).sort("dossier_id", "seq")


def _positioned(frame: pl.DataFrame, owner: str) -> pl.DataFrame:
    """Each child's place among its dossier's (0, 1, …): the row path compares the lists in order."""
    return frame.with_columns(pl.int_range(pl.len()).over(owner).alias("place"))


def _children_differ(
    old: pl.DataFrame, new: pl.DataFrame, columns: Sequence[str], n: int
) -> np.ndarray[Any, Any]:
    """Per candidate (``owner`` 0…n-1 in both frames): do its lists differ in length or any value?"""
    a = _positioned(old.sort("owner", "seq"), "owner")
    b = _positioned(new.sort("owner", "seq"), "owner")
    joined = a.join(b, on=["owner", "place"], how="full", suffix="_new", coalesce=True)
    differs = pl.any_horizontal([~pl.col(c).eq_missing(pl.col(f"{c}_new")) for c in columns])
    owners = joined.filter(differs)["owner"].unique().to_numpy()
    out = np.zeros(n, dtype=np.bool_)
    out[owners] = True
    return out


def _causes_equal(old: list[str | None], new: list[str | None]) -> np.ndarray[Any, Any]:
    """The stored causes (jsonb text, keys reordered) against the file's (``json.dumps``), as values."""
    out = np.ones(len(old), dtype=np.bool_)
    for i, (a, b) in enumerate(zip(old, new, strict=True)):
        if a != b:
            out[i] = (json.loads(a) if a is not None else None) == (json.loads(b) if b is not None else None)
    return out


def _shown(column: str, values: pl.Series, lk: Lookups) -> list[Any]:
    """``upsert_rows.shown_value`` for a whole column: units and procedures by code, instants to the
    second, days as ISO text, causes as lists."""
    if column in UNIT_FKS:
        return [lk.unit_code.get(v, v) if v is not None else None for v in values.to_list()]
    if column == "procedure_id":
        return [lk.procedure_code.get(v, v) if v is not None else None for v in values.to_list()]
    if isinstance(values.dtype, pl.Datetime):
        return values.dt.strftime(SHOWN_INSTANT).to_list()
    if isinstance(values.dtype, pl.Date):
        return values.dt.strftime("%Y-%m-%d").to_list()
    if column == "late_causes":
        return [json.loads(v) if v is not None else None for v in values.to_list()]
    return values.to_list()


def compare(
    frame: pl.DataFrame,
    steps: pl.DataFrame,
    sups: pl.DataFrame,
    stored: pl.DataFrame,
    hashes: pl.Series,
    lk: Lookups,
) -> Compared:
    """Which of the file's dossiers (``frame``: ``judged_frame``'s) are new, which differ from the
    stored ones and how, with the row path's equality: every stored column, then the steps and supplements
    as ordered lists."""
    n = frame.height
    at = pl.DataFrame({"code": frame["code"], "hash": hashes, "pos": np.arange(n, dtype=np.int64)})
    joined = at.join(stored, on="code", how="left", maintain_order="left")
    fresh = joined["id"].is_null().to_numpy()
    # An equal digest: the stored row was written from this very row in this very context.
    same_digest = joined["hash"].eq_missing(joined["import_hash"]).fill_null(False).to_numpy()
    cand = np.nonzero(~same_digest & ~fresh)[0]
    old = joined[cand]
    new = frame[cand]
    k = cand.size
    differs: dict[str, np.ndarray[Any, Any]] = {}
    for c in DOSSIER_COLUMNS:
        if c == "late_causes":
            differs[c] = ~_causes_equal(old[c].to_list(), new[c].to_list())
        else:
            differs[c] = (~old[c].eq_missing(new[c])).to_numpy()
    ids = old["id"].to_numpy()
    owner_of = pl.DataFrame({"dossier_id": ids, "owner": np.arange(k, dtype=np.int64)})
    new_owner = pl.DataFrame({"file_owner": cand, "owner": np.arange(k, dtype=np.int64)})
    id_list = ids.tolist()

    def pair(model: Any, columns: Sequence[str], fresh: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        schema = {c: fresh.schema[c] for c in columns}
        kept = stored_children(model, columns, id_list, schema).join(owner_of, on="dossier_id")
        mine = fresh.rename({"owner": "file_owner"}).join(new_owner, on="file_owner")
        return kept.select("owner", *columns), mine.select("owner", *columns)

    old_steps, new_steps = pair(DossierStep, STEP_COLUMNS, steps)
    old_sups, new_sups = pair(Supplement, SUPPLEMENT_COLUMNS, sups)
    steps_differ = _children_differ(old_steps, new_steps, STEP_COLUMNS, k)
    sups_differ = _children_differ(old_sups, new_sups, SUPPLEMENT_COLUMNS, k)
    changed_mask = steps_differ | sups_differ
    for mask in differs.values():
        changed_mask = changed_mask | mask
    picked = np.nonzero(changed_mask)[0]

    changes: list[dict[str, Any]] = [{} for _ in range(picked.size)]
    for c in DOSSIER_COLUMNS:
        if c in DERIVED_COLUMNS:
            continue
        hit = differs[c][picked]
        if not hit.any():
            continue
        where = np.nonzero(hit)[0]
        rows = picked[where]
        before = _shown(c, old[c].gather(rows), lk)
        after = _shown(c, new[c].gather(rows), lk)
        name = c.removesuffix("_id")
        for j, a, b in zip(where.tolist(), before, after, strict=True):
            changes[j][name] = [a, b]
    counts = [
        ("steps", steps_differ, old_steps, new_steps),
        ("supplements", sups_differ, old_sups, new_sups),
    ]
    for name, mask, was, now in counts:
        hit = mask[picked]
        if not hit.any():
            continue
        before_n = _count_by_owner(was, k)
        after_n = _count_by_owner(now, k)
        for j in np.nonzero(hit)[0].tolist():
            o = int(picked[j])
            changes[j][name] = [int(before_n[o]), int(after_n[o])]

    second = np.full(k, np.datetime64("NaT", "us"))
    seconds = _positioned(old_sups.sort("owner", "seq"), "owner").filter(pl.col("place") == 1)
    second[seconds["owner"].to_numpy()] = seconds["requested_at"].to_numpy().astype("datetime64[us]")
    return Compared(
        fresh=np.nonzero(fresh)[0],
        changed=cand[picked],
        ids=ids[picked],
        children=(steps_differ | sups_differ)[picked],
        changes=changes,
        old=old[picked],
        old_second_request=second[picked],
    )


def _count_by_owner(frame: pl.DataFrame, k: int) -> np.ndarray[Any, Any]:
    out = np.zeros(k, dtype=np.int64)
    counts = frame.group_by("owner").len()
    out[counts["owner"].to_numpy()] = counts["len"].to_numpy()
    return out
