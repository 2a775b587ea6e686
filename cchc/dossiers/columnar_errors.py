"""The rows a columnar import refuses, with the row path's own words (``importing`` reports them).

``columnar_parse.parse_csv_rows`` marks every row it cannot prove to be in the plain national shape;
the database checks of ``upsert_checks.validate`` (unknown procedure or unit, a unit outside the
writer's scope, a receipt in the future) are made here on the columns. Only the rows marked by
either are read again by the row parser (``records.parse_record``) and checked by ``validate``, so
their messages are the row path's, word for word; a repeated code and an existing dossier outside the
writer's scope are found on the columns of the whole file, the way ``importing`` finds them (the
latter chunk by chunk, as the row path does). A clean million-row file costs a few column
comparisons; one bad row costs one row of the row path, not a million.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import polars as pl
from django.utils import timezone

from cchc.dossiers.actions.upsert_checks import Lookups, WriteScope, lookups, validate
from cchc.dossiers.actions.upsert_rows import STORED_OUTSIDE_SCOPE, among, lookup_chunk
from cchc.dossiers.columnar_parse import ParsedColumns
from cchc.dossiers.models import Dossier
from cchc.dossiers.records import DossierRecord, RowError, parse_record

# Written as ``importing`` writes them (it owns the row path's chunks and its duplicate message).
DUPLICATE = "Mã hồ sơ trùng với dòng"
CHUNK = 20_000


@dataclass
class Findings:
    errors: list[RowError] = field(default_factory=list)
    # Marked rows the row parser read without a fault (another spelling): the row path must import.
    other_spelling: int = 0


def _db_suspects(d: pl.DataFrame, lk: Lookups, scope: WriteScope) -> np.ndarray[Any, Any]:
    """Rows ``validate`` would refuse, found on the columns (a superset is harmless: those rows are
    read and checked again by the row path's functions)."""
    allowed = [code for code, pk in lk.unit_by_code.items() if scope.allows(pk)]
    ok = (
        d["procedure_code"].is_in(list(lk.procedures))
        & d["handling_unit_code"].is_in(allowed)
        & (d["receiving_unit_code"].is_in(allowed) | (d["receiving_unit_code"] == d["handling_unit_code"]))
        & (d["received_at"].dt.date() <= timezone.localdate()).fill_null(True)
    )
    return ~ok.fill_null(False).to_numpy()


def _record(cells: pl.DataFrame, pos: int) -> tuple[DossierRecord | None, list[RowError]]:
    row = cells.row(pos, named=True)
    number = row.pop("row")
    # csv.reader gives "" for an empty cell where polars gives null.
    return parse_record(number, {k: ("" if v is None else v) for k, v in row.items()}, keyed=True)


def findings(p: ParsedColumns, lk: Lookups, scope: WriteScope) -> Findings:
    """Every error the row path would report for this file (empty when it has none)."""
    d = p.dossiers
    n = len(p)
    suspect = p.suspect if p.suspect is not None else np.zeros(n, dtype=np.bool_)
    again = suspect | _db_suspects(d, lk, scope)
    out = Findings()
    if not again.any() and not bool(d["code"].is_duplicated().any()) and scope.unit_ids is None:
        return out
    assert p.cells is not None
    parse_errors: list[RowError] = []
    failed = np.zeros(n, dtype=np.bool_)
    records: list[DossierRecord] = []
    codes = d["code"].to_numpy().copy()
    for pos in np.flatnonzero(again).tolist():
        rec, errs = _record(p.cells, pos)
        if rec is None:
            failed[pos] = True
            parse_errors.extend(errs)
            continue
        records.append(rec)
        codes[pos] = rec.code
        if suspect[pos]:
            out.other_spelling += 1
    if any(r.procedure_code not in lk.procedures for r in records):
        lk = lookups({*lk.procedures, *(r.procedure_code for r in records)}, with_officials=False)
    checked = validate(records, lk, scope)
    refused = [e for e in checked if not e.reason.startswith(DUPLICATE)]
    kept = pl.DataFrame({"row": d["row"], "code": pl.Series(codes, dtype=pl.String)}).filter(
        pl.Series(~failed)
    )
    kept = kept.with_columns(
        pl.col("row").first().over("code").alias("first"),
        (pl.int_range(pl.len()) // CHUNK).alias("chunk"),
    )
    repeats = kept.filter(pl.col("row") != pl.col("first"))
    duplicates = [
        RowError(row, "MaHoSo", code, f"{DUPLICATE} {first} trong cùng tệp.")
        for row, code, first in repeats.select("row", "code", "first").iter_rows()
    ]
    outside = _stored_outside_scope(kept, refused, scope)
    errors = parse_errors + duplicates + refused + outside
    out.errors = sorted(errors, key=lambda e: (e.row, e.field))
    return out


def _stored_outside_scope(kept: pl.DataFrame, refused: list[RowError], scope: WriteScope) -> list[RowError]:
    """``upsert_rows.stored_outside_scope`` as the row path applies it: per chunk of ``CHUNK`` parsed
    records, only in a chunk that ``validate`` left without an error (a code twice in the chunk
    included)."""
    if scope.unit_ids is None:
        return []
    bad_rows = {e.row for e in refused}
    twice = kept.filter(pl.col("code").is_duplicated().over("chunk"))
    blocked = set(kept.filter(pl.col("row").is_in(sorted(bad_rows)))["chunk"].to_list())
    blocked |= set(twice["chunk"].to_list())
    candidates = kept.filter(~pl.col("chunk").is_in(sorted(blocked)))
    codes = candidates["code"].to_list()
    outside: set[str] = set()
    size = lookup_chunk()
    for i in range(0, len(codes), size):
        for code, handling, receiving in Dossier.objects.filter(
            code__in=among(codes[i : i + size], "text")
        ).values_list("code", "handling_unit_id", "receiving_unit_id"):
            if not (scope.allows(handling) and scope.allows(receiving)):
                outside.add(code)
    if not outside:
        return []
    hits = candidates.filter(pl.col("code").is_in(sorted(outside)))
    return [
        RowError(row, "MaHoSo", code, STORED_OUTSIDE_SCOPE)
        for row, code in hits.select("row", "code").iter_rows()
    ]
