"""The columnar path for a CSV file larger than one slice: read and checked slice by slice, so memory is
bounded by the slice (``CCHC_IMPORT_COLUMNAR_MAX_BYTES``, 64 MB by default), not by the file: one
slice's bytes, its columns and what is written from them are freed before the next slice is read.

A file is cut at record boundaries (a line end outside quotes) into slices of at most that many bytes,
each given the heading again and its own first row number, so every row keeps the number the row path
gives it. Two passes, as the row path makes (``importing._check`` then ``_write``):

1. every slice is parsed and looked at (``columnar.look``), nothing written: the errors of every slice,
   whether every row is stored unchanged, whether any dossier is already stored, and every code (a
   code repeated across slices is the row path's to report, with the row it repeats);
2. only when every slice is valid, the slices are written one by one in one transaction
   (``columnar.write_columns``; a slice naming stored dossiers through ``columnar_changes_write``),
   then the daily facts of all slices summed and written once, the per-official facts of all their
   groups and one audit row, as a one-slice import writes them. A file of new dossiers is written from
   the columns the first pass parsed and kept on disk (Arrow IPC in a temporary folder, each slice's
   removed once read back; the row digests stay in memory); any other file is parsed again.

What the slices cannot settle alone goes to the row path (``NotColumnar``) before anything is written:
a code in two slices, rows in another spelling, and a file with errors that also names stored dossiers
(the row path checks those per chunk of 20,000 records without another error, across what would be
slice boundaries).
"""

from __future__ import annotations

import datetime as dt
import functools
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import polars as pl
from django.db import transaction

from cchc.dossiers import bulk, columnar_same, deferred_indexes, facts, official_facts, result_facts
from cchc.dossiers.actions import UpsertResult, record_upsert
from cchc.dossiers.actions.upsert_checks import WriteScope, resolve_scope
from cchc.dossiers.columnar import (
    LEDGER_TABLES,
    digests,
    fact_rows_of,
    hash_key,
    judged_frame,
    look,
    write_columns,
)
from cchc.dossiers.columnar_changes_write import compared, finish, write_changes
from cchc.dossiers.columnar_parse import ParsedColumns, parse_csv_rows, refuse
from cchc.dossiers.models import Dossier
from cchc.dossiers.records import RowError
from cchc.org.models import Jurisdiction

ProgressFn = Callable[[str, int, int], Any]
READ = 1 << 22  # bytes read at a time while looking for a slice's end


def slices(fh: IO[bytes], size: int) -> Iterator[bytes]:
    """The file as its heading plus at most ``size`` bytes of whole records per slice (more only when
    one record alone is longer). A line end inside quotes (a cell spanning lines) is not a record's
    end: the quotes before it, "" included, must be even."""
    data = fh.read(size)
    end = _record_end(data, 0)
    while end < 0:
        more = fh.read(READ)
        if not more:
            yield data
            return
        data += more
        end = _record_end(data, 0)
    heading, pending = data[: end + 1], data[end + 1 :]
    del data
    while True:
        want = size - len(pending)
        data = pending + (fh.read(want) if want > 0 else b"")
        del pending
        if len(data) < size:  # the end of the file
            if data.strip():
                box = [heading + data]
                del data
                yield box.pop()
            return
        cut = _last_record_end(data, size)
        while cut < 0:  # one record longer than a slice
            more = fh.read(READ)
            if not more:
                yield heading + data
                return
            data += more
            cut = _last_record_end(data, len(data))
        # Nothing of the slice stays referenced here while the caller works on it: the bytes are
        # freed the moment the caller lets go of them (once parsed), not when the next slice is read.
        box = [heading + data[: cut + 1]]
        pending = data[cut + 1 :]
        del data
        yield box.pop()


def _record_end(data: bytes, start: int) -> int:
    """The first line end at or after ``start`` outside quotes (``data`` starts at a record), or -1."""
    pos = data.find(b"\n", start)
    while pos >= 0 and data.count(b'"', 0, pos) % 2:
        pos = data.find(b"\n", pos + 1)
    return pos


def _last_record_end(data: bytes, before: int) -> int:
    """The last line end outside quotes before ``before`` (``data`` starts at a record), or -1."""
    pos = data.rfind(b"\n", 0, before)
    while pos >= 0 and data.count(b'"', 0, pos) % 2:
        pos = data.rfind(b"\n", 0, pos)
    return pos


def import_slices(
    open_file: Callable[[], Any],
    size: int,
    *,
    actor: Any,
    source: str,
    batch: Any = None,
    as_of: dt.date | None = None,
    dry_run: bool = False,
    jurisdiction: Jurisdiction | None = None,
    progress: ProgressFn | None = None,
) -> tuple[int, UpsertResult]:
    """(rows, result) of the file ``open_file`` opens (twice at most), slice by slice; ``NotColumnar``
    before any write when the row path must do it. Same result as ``columnar.import_columns``."""
    with tempfile.TemporaryDirectory(prefix="cchc-import-") as spool:
        write = {"source": source, "batch": batch, "as_of": as_of, "progress": progress}
        return _import_slices(
            open_file, size, Path(spool), resolve_scope(actor, jurisdiction), dry_run=dry_run, **write
        )


def _spooled(spool: Path, i: int) -> Path:
    return spool / f"slice-{i}"


def _spool(p: ParsedColumns, folder: Path) -> None:
    """A new slice's parsed columns on disk (Arrow IPC, uncompressed), so the writing pass reads them
    back instead of parsing the slice again (a tenth of the import's Python work)."""
    assert p.cells is not None
    folder.mkdir()
    # The cells' headings only (what the digests' key is made of), not the cells.
    kept = {"dossiers": p.dossiers, "steps": p.steps, "supplements": p.supplements, "cells": p.cells.clear()}
    for name, frame in kept.items():
        frame.write_ipc(folder / name, compression="uncompressed")


def _unspool(folder: Path) -> ParsedColumns:
    frames = {name: pl.read_ipc(folder / name) for name in _SPOOLED}
    shutil.rmtree(folder)  # the disk is given back slice by slice
    return ParsedColumns(frames["dossiers"], frames["steps"], frames["supplements"], cells=frames["cells"])


_SPOOLED = ("dossiers", "steps", "supplements", "cells")


def _import_slices(
    open_file: Callable[[], Any],
    size: int,
    spool: Path,
    scope: WriteScope,
    *,
    source: str,
    batch: Any,
    as_of: dt.date | None,
    dry_run: bool,
    progress: ProgressFn | None,
) -> tuple[int, UpsertResult]:
    errors: list[RowError] = []
    states: list[str] = []
    known: list[tuple[bytes, pl.Series | None]] = []
    codes: list[pl.Series] = []
    stored_any = False
    first_row = 2
    rows = 0
    with open_file() as fh:
        for data in slices(fh, size):
            p = parse_csv_rows(data, first_row)
            first_row += p.records
            rows += len(p)
            del data
            lk, found, hashes, state = look(p, scope)
            states.append(state)
            # Kept for the writing pass while every slice so far is new and valid (what it writes).
            if not dry_run and set(states) == {"new"} and not errors and not found:
                _spool(p, _spooled(spool, len(states) - 1))
            # The digests are kept for the second pass (8 bytes a row), with the key they were made with.
            known.append((hash_key(p, lk, scope), hashes))
            del lk, hashes
            errors.extend(found)
            codes.append(p.dossiers["code"])
            if found and not stored_any and Dossier.objects.exists():
                stored_any = columnar_same.stored_hashes(p.dossiers["code"]).height > 0
            del p, found  # before the next slice is read and parsed, not after
            if progress:
                progress("parse", rows, 0)
    every = pl.concat(codes) if codes else pl.Series("code", [], dtype=pl.String)
    del codes
    refuse(every.is_duplicated().any(), "a code repeated across slices")
    kinds = set(states)
    if errors:
        refuse(stored_any or "stored" in kinds or "unchanged" in kinds, "errors among stored dossiers")
        return rows, UpsertResult(errors=sorted(errors, key=lambda e: (e.row, e.field)))
    n = every.len()
    if kinds == {"unchanged"}:
        return rows, UpsertResult(dry_run=dry_run, unchanged=n)
    if kinds != {"new"}:
        # Changes to stored dossiers (with new and unchanged slices among them, maybe): compared and
        # written slice by slice as ``columnar_changes`` does for one piece.
        write = {"source": source, "batch": batch, "as_of": as_of, "progress": progress}
        return rows, _changes(open_file, size, states, known, every, scope, dry_run=dry_run, **write)
    result = UpsertResult(dry_run=dry_run, created=n, codes_created=every.to_list())
    if dry_run:
        return rows, result
    groups: set[official_facts.Group] = set()
    sink: list[pl.DataFrame] = []
    with bulk.bulk_session(), transaction.atomic():
        with deferred_indexes.rebuilt_after(LEDGER_TABLES, n):
            # The slices as the first pass parsed them (``_spool``), not the file read and parsed again.
            for i, seen in enumerate(known):
                p = _unspool(_spooled(spool, i))
                lk, hashes = digests(p, scope, seen)
                # The digests of the first pass are the rows' unless the catalogue they are keyed by
                # changed in between (the spool keeps no cells to make them again): the row path then.
                refuse(hashes is not seen[1], "the catalogue changed while the file was read")
                p.cells = None
                groups |= write_columns(
                    p,
                    lk,
                    hashes,
                    scope,
                    source=source,
                    batch=batch,
                    as_of=as_of,
                    progress=progress,
                    fact_sink=sink,
                )
                del p, lk, hashes
                sink[:] = [facts.summed(sink)]  # one frame as large as the days' keys, not one per slice
            if progress:
                progress("facts", n, n)
            # The slices' daily facts summed and written once: later slices fall on the days earlier
            # ones wrote, and merging them into the table slice by slice cost the server more.
            facts.apply_columns(facts.summed(sink))
            del sink
        # The indexes are back (``rebuilt_after`` has left) before the per-official facts read them.
        official_facts.refresh(groups)
        result_facts.add_new(every.to_list())
        record_upsert(scope, source, batch, result, every.head(2).to_list(), n)
    return rows, result


def _changes(
    open_file: Callable[[], Any],
    size: int,
    states: list[str],
    known: list[tuple[bytes, pl.Series | None]],
    every: pl.Series,
    scope: WriteScope,
    *,
    source: str,
    batch: Any,
    as_of: dt.date | None,
    dry_run: bool,
    progress: ProgressFn | None,
) -> UpsertResult:
    """A file of several slices that changes stored dossiers, in one transaction: each slice judged,
    compared with the ledger and written (``columnar_changes_write``: changed dossiers, then new ones;
    an unchanged slice is only counted), then the daily facts of every slice, the
    per-official facts moved by the changed and new dossiers' contributions and the one audit row, as
    for one piece. ``states``: each slice's ``look``."""
    result = UpsertResult(dry_run=dry_run)
    sink: list[pl.DataFrame] = []
    first_row = 2
    with open_file() as fh, bulk.bulk_session(), transaction.atomic():
        for state, seen, data in zip(states, known, slices(fh, size), strict=True):
            p = parse_csv_rows(data, first_row)
            first_row += p.records
            del data
            if state == "unchanged":
                result.unchanged += len(p)
                continue
            lk, hashes = digests(p, scope, seen)
            p.cells = None
            write_new = functools.partial(
                write_columns, lk=lk, scope=scope, source=source, batch=batch, as_of=as_of, progress=progress
            )
            judged = judged_frame(p, lk, scope, source=source, as_of=as_of, progress=progress)
            found, part = compared(p, judged, lk, hashes, dry_run=dry_run)
            result.created += part.created
            result.updated += part.updated
            result.unchanged += part.unchanged
            result.codes_created += part.codes_created
            result.codes_updated += part.codes_updated
            if not dry_run and (part.created or part.updated):
                if progress:
                    progress("write", 0, len(p))
                write_changes(
                    p,
                    judged,
                    found,
                    fact_rows_of,
                    write_new,
                    hashes,
                    scope,
                    source=source,
                    batch=batch,
                    progress=progress,
                    fact_sink=sink,
                )
            del p, lk, hashes, judged, found
            sink[:] = [facts.summed(sink)]
        if dry_run or not (result.created or result.updated):
            return result
        if progress:
            progress("facts", len(every), len(every))
        facts.apply_columns(facts.summed(sink))
        del sink
        finish(scope, source, batch, result, every.head(2).to_list(), len(every))
    return result
