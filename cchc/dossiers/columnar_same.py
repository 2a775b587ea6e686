"""Which rows of a file the ledger already holds as they are: the unchanged re-import, in columns.

The columnar import stores with each dossier it writes a 64-bit digest (``Dossier.import_hash``) of
the file row's cells, keyed by everything else the stored values were derived from: the file's
columns, the catalogue limits of its procedures, the units and officials (steps are matched to them
by code and name), the importer's scope (a unit outside it makes a step external) and the working
calendar (appointments and outcomes). Re-importing a file whose every row has the digest stored for
its code therefore has nothing to compare and nothing to write: the row path would have found every
dossier equal. Any other write of a dossier (the row path, the push API, ``Dossier.save``) clears the
digest, and a changed catalogue, organisation or calendar changes the key, so a stale digest can only
send a row to the full comparison, never skip a change. blake2b, not polars' own hash: the digest
must stay the same across library versions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import numpy as np
import polars as pl
from django.db import connection

from cchc.dossiers.actions.upsert_checks import Lookups, WriteScope
from cchc.dossiers.actions.upsert_rows import lookup_chunk
from cchc.dossiers.judging import calendar_for
from cchc.dossiers.models import Dossier

VERSION = b"cchc-import-row-v1"


def context_key(columns: Sequence[str], lk: Lookups, scope: WriteScope) -> bytes:
    """The blake2b key of a file's row digests: what besides the row its stored values depend on."""
    cal = calendar_for(scope.jurisdiction)
    parts: list[Any] = [
        VERSION,
        list(columns),
        sorted((code, pk, lim.value, str(lim.unit)) for code, (pk, lim) in lk.procedures.items()),
        sorted(lk.unit_by_code.items()),
        sorted((name, pk or 0) for name, pk in lk.unit_by_name.items()),
        sorted((u, name, pk or 0) for (u, name), pk in lk.officials.items()),
        None if scope.unit_ids is None else sorted(scope.unit_ids),
        sorted(cal.days_off),
        sorted(cal.extra_workdays),
        sorted(cal.weekly_rest),
        repr(cal.hours),
    ]
    return hashlib.blake2b(repr(parts).encode(), digest_size=32).digest()


def row_hashes(cells: pl.DataFrame, key: bytes) -> pl.Series:
    """One signed 64-bit digest per row of the cells as read (an empty cell and a missing one read
    alike, as the row parser reads them; which columns the file has is in the key)."""
    columns = [c for c in cells.columns if c != "row"]
    joined = cells.select(
        pl.concat_str([pl.col(c).fill_null("") for c in columns], separator="\x1f").alias("v")
    ).to_series()
    digest = hashlib.blake2b
    values = np.fromiter(
        (
            int.from_bytes(digest(text.encode(), digest_size=8, key=key).digest(), "little", signed=True)
            for text in joined
        ),
        dtype=np.int64,
        count=len(joined),
    )
    return pl.Series("import_hash", values, dtype=pl.Int64)


def stored_hashes(codes: pl.Series) -> pl.DataFrame:
    """(code, import_hash) of the stored dossiers among ``codes`` (the hash null when none is kept)."""
    table = Dossier._meta.db_table
    found: list[tuple[str, int | None]] = []
    values = codes.to_list()
    size = lookup_chunk()
    with connection.cursor() as cur:
        for i in range(0, len(values), size):
            chunk = values[i : i + size]
            if connection.vendor == "postgresql":
                cur.execute(f'SELECT code, import_hash FROM "{table}" WHERE code = ANY(%s)', [chunk])
            else:
                marks = ", ".join(["%s"] * len(chunk))
                cur.execute(f'SELECT code, import_hash FROM "{table}" WHERE code IN ({marks})', chunk)
            found.extend(cur.fetchall())
    return pl.DataFrame(found, schema={"code": pl.String, "stored": pl.Int64}, orient="row")


def all_unchanged(codes: pl.Series, hashes: pl.Series, stored: pl.DataFrame) -> bool:
    """Is every row's dossier stored with the very digest the row has?"""
    if stored.height != len(codes):
        return False
    joined = pl.DataFrame({"code": codes, "hash": hashes}).join(stored, on="code", how="left")
    return bool((joined["hash"] == joined["stored"]).fill_null(False).all())
