"""A stored dossier's steps written again keep their ids, position by position.

An import that changes a dossier's steps or supplements deletes its steps and writes the file's list
again (both paths: ``actions.upsert`` and ``columnar_changes_write``). The list's k-th step takes the id
the k-th stored step had (in id order, which is the order they were written in); steps beyond the stored
ones get new ids, so the ids still follow the list's order. Why: the per-official facts keep each
official's earliest step (the smallest id, ``official_facts``), and an appended step would otherwise
give every step of the dossier a new, larger id — every row the dossier held the earliest step of would
lose it and have its (unit, day) group recomputed from the ledger instead of being moved by differences.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import connection

from cchc.dossiers.models import DossierStep

if TYPE_CHECKING:  # polars is loaded by the import that splits frames, not by every command's help
    import polars as pl

CHUNK = 900  # SQLite's variable limit


def stored(dossier_ids: Sequence[int]) -> tuple[list[int], list[int]]:
    """The stored steps of these dossiers as (dossier ids, step ids), ordered by dossier then id."""
    table = DossierStep._meta.db_table
    rows: list[tuple[int, int]] = []
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                f'SELECT dossier_id, id FROM "{table}" WHERE dossier_id = ANY(%s)', [list(dossier_ids)]
            )
            rows = cur.fetchall()
        else:
            for i in range(0, len(dossier_ids), CHUNK):
                chunk = list(dossier_ids[i : i + CHUNK])
                marks = ", ".join(["%s"] * len(chunk))
                cur.execute(f'SELECT dossier_id, id FROM "{table}" WHERE dossier_id IN ({marks})', chunk)
                rows.extend(cur.fetchall())
    rows.sort()
    return [r[0] for r in rows], [r[1] for r in rows]


def split_rows(
    rows: Sequence[tuple[Any, ...]], kept: tuple[list[int], list[int]]
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Rows ``(dossier id, *values)``, each dossier's in list order, as (rows with the id they keep
    first, rows that need a new id)."""
    ids: dict[int, list[int]] = {}
    for owner, pk in zip(*kept, strict=True):
        ids.setdefault(owner, []).append(pk)
    at: dict[int, int] = {}
    keeping: list[tuple[Any, ...]] = []
    fresh: list[tuple[Any, ...]] = []
    for row in rows:
        owner = row[0]
        k = at.get(owner, 0)
        at[owner] = k + 1
        old = ids.get(owner, ())
        if k < len(old):
            keeping.append((old[k], *row))
        else:
            fresh.append(row)
    return keeping, fresh


def split_frame(frame: pl.DataFrame, kept: tuple[list[int], list[int]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``split_rows`` for a frame with a ``dossier_id`` column, each dossier's rows in list order: (the
    rows with an ``id`` column, the rows without)."""
    import polars as pl

    stored_ids = pl.DataFrame(
        {"dossier_id": kept[0], "id": kept[1]}, schema={"dossier_id": pl.Int64, "id": pl.Int64}
    ).with_columns(pl.int_range(pl.len()).over("dossier_id").alias("_k"))
    stored_ids = stored_ids.with_columns(pl.col("dossier_id").cast(frame.schema["dossier_id"]))
    ranked = frame.with_columns(pl.int_range(pl.len()).over("dossier_id").alias("_k"))
    joined = ranked.join(stored_ids, on=["dossier_id", "_k"], how="left", maintain_order="left")
    keeping = joined.filter(pl.col("id").is_not_null()).select("id", *frame.columns)
    fresh = joined.filter(pl.col("id").is_null()).select(frame.columns)
    return keeping, fresh
