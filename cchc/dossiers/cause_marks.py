"""Keeping ``DossierCause`` (the causes where an index can read them) in step with ``Dossier.late_causes``.

The rows are ``blame.cause_marks(late_causes)`` — one definition. Every path that writes causes writes
them in the same transaction: ``Dossier.save``, the row path (``actions.upsert``: new dossiers' rows,
changed dossiers' rows replaced) and the columnar path (``columnar.write_columns``) through ``write``;
``rebuild`` recomputes the whole table set-based (the migration that created it, ``cchc rebuild-facts``).
The dossier's columns the late list counts on (``models.causes.COPIED``) are copied onto the rows from
the dossiers' table after the dossiers are written (``copy_columns``), so the import paths pass nothing
more; ``Dossier.save`` copies them itself, and follows a save of those columns without the causes.

``rebuild`` reads the JSON in SQL (one ``INSERT … SELECT`` over every dossier's causes on PostgreSQL and
SQLite) and folds only the distinct names of causes without an account in Python (``blame.fold``:
``casefold`` has no SQL equal on either engine), joined back as a small table — as
``official_facts._compute`` does. ``tests/test_late_list_filters_read_the_stored_causes.py`` holds its
rows equal to ``write``'s on random and malformed causes, on both engines.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db import connection

from cchc.dossiers import bulk
from cchc.dossiers.blame import KINDS, cause_marks, fold
from cchc.dossiers.models import Dossier, DossierCause
from cchc.dossiers.models.causes import COPIED
from cchc.lib.outcomes import CauseKind

COLUMNS = ("dossier_id", "kind", "official_id", "name_key")
OVERRUN = CauseKind.STEP_OVERRUN.value
MAX_ID = 2**63 - 1


def rows_of[K](pairs: Iterable[tuple[K, Any]]) -> Iterator[tuple[K, str, int | None, str]]:
    """(dossier, kind, account id, name key) for each (dossier id or code, stored causes)."""
    for pk, causes in pairs:
        if causes:
            for kind, account, name in cause_marks(causes):
                yield pk, kind, account, name


def write(pairs: Iterable[tuple[int, Any]], replace: Sequence[int] = ()) -> int:
    """The rows of these dossiers' causes, inside the caller's transaction; ``replace``: dossiers whose
    old rows go first (changed dossiers). Returns the rows written."""
    table = DossierCause._meta.db_table
    if replace:
        bulk.delete_in(table, "dossier_id", list(replace))
    rows = list(rows_of(pairs))
    if not rows:
        return 0
    written = bulk.insert_rows(table, COLUMNS, rows)
    copy_columns(sorted({r[0] for r in rows}))
    return written


def copy_columns(dossiers: Sequence[int]) -> None:
    """The dossiers' copied columns (``models.causes.COPIED``) onto their rows, set-based from the
    dossiers' table: the import paths call ``write`` after writing the dossiers, so the rows take what
    was just written without those paths passing the values."""
    table, dossier = DossierCause._meta.db_table, Dossier._meta.db_table
    sets = ", ".join(f'"{c}" = d."{c}"' for c in COPIED)
    sql = f'UPDATE "{table}" SET {sets} FROM "{dossier}" AS d WHERE d.id = "{table}".dossier_id AND '
    with connection.cursor() as cur:
        if bulk.is_postgres():
            for i in range(0, len(dossiers), 100000):
                cur.execute(sql + f'"{table}".dossier_id = ANY(%s)', [list(dossiers[i : i + 100000])])
            return
        for i in range(0, len(dossiers), 900):
            chunk = list(dossiers[i : i + 900])
            cur.execute(sql + f'"{table}".dossier_id IN ({", ".join(["%s"] * len(chunk))})', chunk)


def _raw_sql(table: str, kinds: Sequence[str]) -> str:
    """Every cause of a known kind as (dossier, kind, account id, raw name) into ``cm_raw``: the account
    when a step overrun's ``official_id`` is a whole number in the bigint range, the name when it has
    no ``official_id`` and its ``official`` is text (``blame.cause_marks``)."""
    marks = ", ".join(["%s"] * len(kinds))
    if connection.vendor == "postgresql":
        return f"""
            INSERT INTO cm_raw
            SELECT d.id, c.value ->> 'kind',
                   CASE WHEN c.value ->> 'kind' = %s AND jsonb_typeof(c.value -> 'official_id') = 'number'
                        THEN CASE WHEN (c.value ->> 'official_id')::numeric > 0
                                   AND (c.value ->> 'official_id')::numeric <= {MAX_ID}
                                   AND (c.value ->> 'official_id')::numeric
                                       = trunc((c.value ->> 'official_id')::numeric)
                                  THEN (c.value ->> 'official_id')::numeric::bigint END END,
                   CASE WHEN c.value ->> 'kind' = %s
                             AND coalesce(jsonb_typeof(c.value -> 'official_id'), 'null') = 'null'
                             AND jsonb_typeof(c.value -> 'official') = 'string'
                        THEN c.value ->> 'official' END
            FROM {table} d
            CROSS JOIN LATERAL jsonb_array_elements(
                CASE WHEN jsonb_typeof(d.late_causes) = 'array' THEN d.late_causes ELSE '[]'::jsonb END
            ) AS c(value)
            WHERE jsonb_typeof(d.late_causes) = 'array' AND d.late_causes <> '[]'::jsonb
              AND jsonb_typeof(c.value) = 'object' AND jsonb_typeof(c.value -> 'kind') = 'string'
              AND c.value ->> 'kind' IN ({marks})
        """
    return f"""
        INSERT INTO cm_raw
        SELECT d.id, json_extract(c.value, '$.kind'),
               CASE WHEN json_extract(c.value, '$.kind') = %s
                         AND json_type(c.value, '$.official_id') IN ('integer', 'real')
                         AND json_extract(c.value, '$.official_id') > 0
                         AND json_extract(c.value, '$.official_id') <= {MAX_ID}
                         AND json_extract(c.value, '$.official_id')
                             = CAST(json_extract(c.value, '$.official_id') AS INTEGER)
                    THEN CAST(json_extract(c.value, '$.official_id') AS INTEGER) END,
               CASE WHEN json_extract(c.value, '$.kind') = %s
                         AND coalesce(json_type(c.value, '$.official_id'), 'null') = 'null'
                         AND json_type(c.value, '$.official') = 'text'
                    THEN json_extract(c.value, '$.official') END
        FROM {table} d,
             json_each(CASE WHEN json_type(d.late_causes) = 'array' THEN d.late_causes ELSE '[]' END) AS c
        WHERE json_type(d.late_causes) = 'array' AND d.late_causes <> '[]'
          AND c.type = 'object' AND json_type(c.value, '$.kind') = 'text'
          AND json_extract(c.value, '$.kind') IN ({marks})
    """


def rebuild(copy: bool = True) -> int:
    """Every dossier's rows recomputed from its stored causes, set-based; returns the rows written.
    ``copy``: with the dossier's copied columns (False only for migration 0015, before they exist)."""
    pg = connection.vendor == "postgresql"
    table, dossier = DossierCause._meta.db_table, Dossier._meta.db_table
    kinds = sorted(KINDS)
    with connection.cursor() as cur:
        for name in ("cm_raw", "cm_names"):
            cur.execute(f"DROP TABLE IF EXISTS {name}")
        cur.execute("CREATE TEMP TABLE cm_raw (dossier_id bigint, kind text, official_id bigint, raw text)")
        cur.execute(_raw_sql(dossier, kinds), [OVERRUN, OVERRUN, *kinds])
        cur.execute("SELECT DISTINCT raw FROM cm_raw WHERE raw IS NOT NULL")
        names = [(raw, key) for (raw,) in cur.fetchall() if (key := fold(raw))]
        cur.execute("CREATE TEMP TABLE cm_names (raw text, name_key text)")
        if names:
            if pg:
                cur.execute(
                    "INSERT INTO cm_names SELECT * FROM unnest(%s::text[], %s::text[])",
                    [[n[0] for n in names], [n[1] for n in names]],
                )
            else:
                cur.executemany("INSERT INTO cm_names VALUES (%s, %s)", names)
        if pg:
            cur.execute("ANALYZE cm_raw")
            cur.execute("ANALYZE cm_names")
        cur.execute(f"DELETE FROM {table}")
        into = ", ".join((*COLUMNS, *COPIED) if copy else COLUMNS)
        copied = "".join(f", d.{c}" for c in COPIED) if copy else ""
        cur.execute(
            f"""INSERT INTO {table} ({into})
                SELECT DISTINCT r.dossier_id, r.kind, r.official_id, coalesce(n.name_key, ''){copied}
                FROM cm_raw r LEFT JOIN cm_names n ON n.raw = r.raw JOIN {dossier} d ON d.id = r.dossier_id
                ORDER BY 1"""
        )
        written = cur.rowcount
        for name in ("cm_raw", "cm_names"):
            cur.execute(f"DROP TABLE {name}")
    return int(written)
