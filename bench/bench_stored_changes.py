"""A day's changes to dossiers already stored, imported into a ledger of any size (the 5,000,000-dossier
ledger of ``bench_list_pages``, restored by ``bench_backup_restore``), with the same file against a
smaller ledger as the baseline, and the audit trail checked for a sample.

    python -m bench.bench_stored_changes export --db D --changes 200000 --out FILE [--spread]
    python -m bench.bench_stored_changes subset --db SMALL --source D --dump ARCHIVE_DUMP --top 200000
    python -m bench.bench_stored_changes apply --db D --file FILE --runs 3 [--commit]

``export`` reads ``--changes`` stored dossiers (the first ones by id — the originals of a copied ledger —
or, ``--spread``, ids spread evenly over the whole table) with their steps and supplements, set-based,
writes each back as a national CSV row (``records_national.to_national``, as the demo export does) and
changes it as a day at the one-stop desk does (``changed``): an open dossier finishes (status 10, end,
return, its last step done), a finished one gets a step, a supplement or a new summary, in turn. The file
is made from what is stored, so it fits any ledger, whatever generator built it.

``subset`` makes the baseline ledger: the schema and the small tables of a ``pg_dump`` archive restored
into a new database SMALL, the dossiers ``id <= --top`` of D and their rows in every table that refers
to dossiers copied in by ``COPY … TO STDOUT | COPY … FROM STDIN``, then the indexes and constraints.

``apply`` imports the file ``--runs`` times through the project's importer (``importing.import_path``),
each run inside a transaction rolled back afterwards so every run starts from the same ledger (the last
one committed with ``--commit``), and gives per run the wall clock, this process's CPU, the CPU of the
server processes (``bench.pg_cpu``), the load average, the import path taken, and the slowest statements
(a Django execute wrapper; the ``COPY``s run outside it); then, inside the same transaction, the audit
trail of a sample of 200 changed dossiers: one ``updated`` event each, written by the importing user
at the run's time, naming what changed with the old and new values.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.bench_list_pages import setup_django
from bench.pg_cpu import ServerCpu

ACTOR = "Bộ phận một cửa (tệp thay đổi trong ngày)"
# Its own name on the server, so that a backup benchmark reading the same database counts apart.
APP = "cchc-bench-changes"
CHUNK = 20_000
SAMPLE = 200
FINISHED = {7, 8, 9, 10}


def setup(db: str) -> None:
    # A name is a database of the local PostgreSQL; a URL (sqlite:///…) a trial run of the script.
    setup_django(db, app=APP)


def log(**kw: Any) -> None:
    print(json.dumps({"at": time.strftime("%H:%M:%S", time.gmtime()), **kw}, ensure_ascii=False), flush=True)


# --- export -------------------------------------------------------------------------------------------


def picked_ids(n: int, spread: bool) -> list[int]:
    from django.db import connection

    with connection.cursor() as cur:
        if spread:
            cur.execute("SELECT count(*) FROM dossiers_dossier")
            total = int(cur.fetchone()[0])
            step = max(1, total // n)
            cur.execute(
                "SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS k FROM dossiers_dossier) t "
                "WHERE k %% %s = 0 ORDER BY id LIMIT %s",
                [step, n],
            )
        else:
            cur.execute("SELECT id FROM dossiers_dossier ORDER BY id LIMIT %s", [n])
        return [r[0] for r in cur.fetchall()]


def stored_records(ids: list[int]) -> Iterator[Any]:
    """The stored dossiers as ``DossierRecord``s, as ``upsert.record_from_dossier`` builds one, read
    ``CHUNK`` dossiers at a time in three statements."""
    from cchc.dossiers.actions.upsert_rows import wall_clock
    from cchc.dossiers.models import Dossier, DossierStep, Supplement
    from cchc.dossiers.records import DossierRecord, StepRecord, SupplementRecord

    fields = [
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
        "digitised_inputs",
        "electronic_result",
        "online_payment",
        "vneid_verified",
    ]
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        steps: dict[int, list[StepRecord]] = {}
        for row in (
            DossierStep.objects.filter(dossier_id__in=chunk)
            .order_by("dossier_id", "seq")
            .values_list(
                "dossier_id",
                "seq",
                "unit_name",
                "from_unit__code",
                "official_name",
                "position",
                "content",
                "started_at",
                "finished_at",
                "deadline_at",
                "external",
            )
        ):
            owner, seq, unit, from_unit, official, position, content, start, finish, deadline, ext = row
            steps.setdefault(owner, []).append(
                StepRecord(
                    seq,
                    unit,
                    from_unit or "",
                    official,
                    position,
                    content,
                    wall_clock(start),
                    wall_clock(finish),
                    wall_clock(deadline),
                    ext,
                )
            )
        sups: dict[int, list[SupplementRecord]] = {}
        for owner, seq, asked, done, content in (
            Supplement.objects.filter(dossier_id__in=chunk)
            .order_by("dossier_id", "seq")
            .values_list("dossier_id", "seq", "requested_at", "completed_at", "content")
        ):
            sups.setdefault(owner, []).append(
                SupplementRecord(seq, wall_clock(asked), wall_clock(done), content)
            )
        rows = (
            Dossier.objects.filter(pk__in=chunk)
            .order_by("pk")
            .values(
                "pk",
                "code",
                "procedure__national_code",
                "handling_unit__code",
                "receiving_unit__code",
                *fields,
            )
        )
        for d in rows:
            values = {f: wall_clock(d[f]) for f in fields}
            yield DossierRecord(
                row=1,
                code=d["code"],
                procedure_code=d["procedure__national_code"],
                handling_unit_code=d["handling_unit__code"],
                receiving_unit_code=d["receiving_unit__code"],
                steps=steps.get(d["pk"], []),
                supplements=sups.get(d["pk"], []),
                **values,
            )


def changed(rec: Any, i: int, now: dt.datetime) -> Any:
    """The day's change to one stored dossier (see the module's docstring)."""
    from cchc.dossiers.records import StepRecord, SupplementRecord

    steps = [dataclasses.replace(s) for s in rec.steps]
    sups = [dataclasses.replace(s) for s in rec.supplements]
    if rec.status not in FINISHED and rec.received_at is not None:
        known = (
            [rec.received_at]
            + [t for s in steps for t in (s.started_at, s.finished_at) if t is not None]
            + [t for s in sups for t in (s.requested_at, s.completed_at) if t is not None]
        )
        end = min(max(known) + dt.timedelta(minutes=30), max(now, max(known)))
        for s in sups:
            s.completed_at = s.completed_at or end
        if steps:
            steps[-1].finished_at = steps[-1].finished_at or end
        return dataclasses.replace(
            rec, status=10, end_at=end, returned_at=end, steps=steps, supplements=sups, refused_at=None
        )
    if i % 3 == 0 and steps:
        last = steps[-1]
        steps.append(
            StepRecord(
                last.seq + 1,
                last.unit_ref,
                "",
                "Lãnh đạo " + rec.handling_unit_code,
                "Lãnh đạo",
                "Ký duyệt kết quả",
                last.started_at,
                last.finished_at,
                last.deadline_at,
                False,
            )
        )
        return dataclasses.replace(rec, steps=steps)
    if i % 3 == 1 and not sups and rec.received_at is not None:
        asked = rec.received_at + dt.timedelta(hours=3)
        sups.append(SupplementRecord(1, asked, asked + dt.timedelta(days=1), "Bổ sung giấy tờ"))
        return dataclasses.replace(rec, supplements=sups)
    return dataclasses.replace(rec, summary=(rec.summary + " (bổ sung thông tin)")[:1000])


def national_row(rec: Any, header: list[str]) -> list[str]:
    from cchc.dossiers.records_national import to_national

    nat = to_national(rec)
    out = []
    for name in header:
        v = nat.get(name)
        if isinstance(v, list):
            out.append(json.dumps(v, ensure_ascii=False) if v else "")
        else:
            out.append("" if v is None else str(v))
    return out


def export(db: str, n: int, out: Path, spread: bool, unchanged: bool) -> None:
    setup(db)
    from cchc.lib.natsync_fields import FIELDS

    t0, c0 = time.perf_counter(), time.process_time()
    ids = picked_ids(n, spread)
    from django.db.models import Max

    from cchc.dossiers.actions.upsert_rows import wall_clock
    from cchc.dossiers.models import Dossier

    newest = Dossier.objects.aggregate(m=Max("updated_at"))["m"]

    now = wall_clock(newest) if newest else dt.datetime(2026, 1, 1)
    header = [f.national for f in FIELDS]
    kinds: dict[str, int] = {}
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        for i, rec in enumerate(stored_records(ids)):
            new = rec if unchanged else changed(rec, i, now)
            kind = (
                "finish"
                if new.status != rec.status
                else "step"
                if len(new.steps) != len(rec.steps)
                else "supplement"
                if len(new.supplements) != len(rec.supplements)
                else "summary"
                if new.summary != rec.summary
                else "none"
            )
            kinds[kind] = kinds.get(kind, 0) + 1
            writer.writerow(national_row(new, header))
    log(
        exported=len(ids),
        file=str(out),
        mb=round(out.stat().st_size / 1e6),
        kinds=kinds,
        first_id=ids[0],
        last_id=ids[-1],
        seconds=round(time.perf_counter() - t0, 1),
        cpu_s=round(time.process_time() - c0, 1),
    )


# --- the baseline ledger --------------------------------------------------------------------------


def psql(db: str, sql: str) -> str:
    return subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-Atc", sql],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def subset(small: str, source: str, dump: Path, top: int) -> None:
    """A ledger of the dossiers ``id <= top`` of ``source`` (see the module's docstring)."""
    t0 = time.perf_counter()
    pg = ["-h", "127.0.0.1", "-U", "postgres"]
    subprocess.run(["psql", *pg, "-d", "postgres", "-qc", f"CREATE DATABASE {small}"], check=True)
    subprocess.run(
        ["pg_restore", *pg, "--no-owner", "--no-privileges", "--section=pre-data", "-d", small, str(dump)],
        check=True,
    )
    # Every table that names a dossier (steps, supplements and events have no database constraint, so by
    # the column's name too), then the tables that name one of those by a foreign key.
    where = {"dossiers_dossier": f"id <= {top}"}
    for table in psql(
        source,
        "SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t "
        "ON t.table_name = c.table_name AND t.table_schema = c.table_schema "
        "WHERE c.table_schema = 'public' AND c.column_name = 'dossier_id' AND t.table_type = 'BASE TABLE'",
    ).splitlines():
        where[table] = f"dossier_id IS NULL OR dossier_id <= {top}"
    fks = [
        line.split("|")
        for line in psql(
            source,
            "SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text FROM pg_constraint c "
            "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] WHERE c.contype = 'f'",
        ).splitlines()
    ]
    for _ in range(3):
        for child, column, parent in fks:
            if parent in where and child not in where:
                where[child] = (
                    f"{column} IS NULL OR {column} IN (SELECT id FROM {parent} WHERE {where[parent]})"
                )
    log(filtered=sorted(where))
    listing = subprocess.run(
        ["pg_restore", "-l", str(dump)], check=True, capture_output=True, text=True
    ).stdout
    kept = []
    for line in listing.splitlines():
        parts = line.split()  # "1234; 0 16789 TABLE DATA public dossiers_dossier postgres"
        if " TABLE DATA " in line and len(parts) >= 7 and parts[6] in where:
            kept.append(";" + line)  # its rows come from the source, filtered
        else:
            kept.append(line)
    lst = dump.with_suffix(".subset-list")
    lst.write_text("\n".join(kept) + "\n")
    subprocess.run(
        [
            "pg_restore",
            *pg,
            "--no-owner",
            "--no-privileges",
            "--section=data",
            "-L",
            str(lst),
            "-d",
            small,
            str(dump),
        ],
        check=True,
    )
    for table, cond in where.items():
        t1 = time.perf_counter()
        out = subprocess.Popen(
            ["psql", *pg, "-d", source, "-qc", f"COPY (SELECT * FROM {table} WHERE {cond}) TO STDOUT"],
            stdout=subprocess.PIPE,
        )
        subprocess.run(
            ["psql", *pg, "-d", small, "-qc", f"COPY {table} FROM STDIN"], stdin=out.stdout, check=True
        )
        out.wait()
        log(
            copied=table,
            rows=psql(small, f"SELECT count(*) FROM {table}"),
            seconds=round(time.perf_counter() - t1, 1),
        )
    post = subprocess.run(
        ["pg_restore", *pg, "--no-owner", "--no-privileges", "--section=post-data", "-d", small, str(dump)],
        check=False,
        capture_output=True,
        text=True,
    )
    if post.returncode:  # a constraint the subset does not meet is reported, not fatal to a baseline
        log(post_data_errors=post.stderr.strip().splitlines()[-5:])
    psql(small, "ANALYZE")
    lst.unlink()
    log(
        subset=small,
        dossiers=psql(small, "SELECT count(*) FROM dossiers_dossier"),
        seconds=round(time.perf_counter() - t0, 1),
    )


# --- apply --------------------------------------------------------------------------------------------


class _Undo(Exception):
    pass


def audit_sample(codes: list[str], since: dt.datetime) -> dict[str, Any]:
    """Who changed what, when, for ``codes``: each must have exactly one ``updated`` event since the run
    began, by ACTOR, naming at least one changed field with its old and new values."""
    from cchc.dossiers.models import DossierEvent

    events = list(
        DossierEvent.objects.filter(dossier__code__in=codes, at__gte=since, kind="updated").values_list(
            "dossier__code", "actor_name", "at", "data"
        )
    )
    per: dict[str, int] = {}
    fields: dict[str, int] = {}
    good = 0
    for code, actor, _at, data in events:
        per[code] = per.get(code, 0) + 1
        changes = (data or {}).get("changes", {})
        for name in changes:
            fields[name] = fields.get(name, 0) + 1
        if actor == ACTOR and changes and all(isinstance(v, list) and len(v) == 2 for v in changes.values()):
            good += 1
    example = events[0] if events else None
    return {
        "sampled": len(codes),
        "one_event_each": all(per.get(c) == 1 for c in codes),
        "events_with_who_what_when": good,
        "fields_named": dict(sorted(fields.items(), key=lambda kv: -kv[1])),
        "example": [example[0], example[1], example[2].isoformat(), example[3]] if example else None,
    }


OFFICIAL = re.compile(r"\bo[fd]_[a-z]+\b|officialdailyfact")


class StageClock:
    """The importer's ``progress`` callback: wall seconds per stage (parse, judge, write, children,
    facts; a file of several slices goes through them once per slice, summed)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._stage, self._since = "start", time.perf_counter()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self._stage:
            self.stop()
            self._stage = stage

    def stop(self) -> None:
        now = time.perf_counter()
        self.seconds[self._stage] = self.seconds.get(self._stage, 0.0) + now - self._since
        self._since = now


def slow_statements() -> tuple[Any, list[tuple[float, str]]]:
    from django.db import connection

    seen: list[tuple[float, str]] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            seen.append((time.perf_counter() - t0, " ".join(str(sql).split())[:160]))

    return connection.execute_wrapper(wrapper), seen


def apply(db: str, path: Path, runs: int, commit: bool, explain: float) -> None:
    setup(db)
    from django.db import connection, transaction
    from django.utils import timezone

    from cchc.dossiers.importing import import_path
    from cchc.dossiers.models import Dossier

    codes = []
    with path.open(encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        for k, row in enumerate(reader):
            if k % 1000 == 0:
                codes.append(row[0])
    codes = codes[:SAMPLE]
    stored = Dossier.objects.count()
    if explain and "://" not in db:
        # The plans of this session's statements slower than ``explain`` seconds, with what each node
        # really did, go to the server's log (auto_explain; PostgreSQL superuser).
        with connection.cursor() as cur:
            cur.execute("LOAD 'auto_explain'")
            cur.execute(f"SET auto_explain.log_min_duration = '{int(explain * 1000)}ms'")
            cur.execute("SET auto_explain.log_analyze = on")
            cur.execute("SET auto_explain.log_buffers = on")
    results = []
    for run in range(runs):
        keep = commit and run == runs - 1
        got: dict[str, Any] = {"run": run + 1, "stored": stored, "committed": keep}
        try:
            with transaction.atomic():
                since = timezone.now() - dt.timedelta(seconds=1)
                wrap, seen = slow_statements()
                load0 = os.getloadavg()[0]
                t0, c0 = time.perf_counter(), time.process_time()
                # A trial on SQLite (a URL) has no server to read.
                stages = StageClock()
                with ServerCpu([db] if "://" not in db else [], (APP,)) as server, wrap:
                    res = import_path(path, actor=ACTOR, progress=stages)
                stages.stop()
                got.update(
                    wall_s=round(time.perf_counter() - t0, 1),
                    python_cpu_s=round(time.process_time() - c0, 1),
                    server_cpu_s=round(server.seconds, 1),
                    load=[round(load0, 1), round(os.getloadavg()[0], 1)],
                    utc=time.strftime("%H:%M:%S", time.gmtime()),
                    ok=res.ok,
                    path=res.path,
                    updated=res.result.updated,
                    created=res.result.created,
                    unchanged=res.result.unchanged,
                    errors=[str(e) for e in res.errors[:3]],
                )
                top = sorted(seen, reverse=True)[:8]
                got["slowest"] = [[round(s, 1), q] for s, q in top]
                got["statements_s"] = round(sum(s for s, _ in seen), 1)
                got["stages_s"] = {k: round(v, 1) for k, v in stages.seconds.items()}
                # The per-official facts' statements (their temporary tables and the facts' table).
                got["official_facts_statements_s"] = round(sum(s for s, q in seen if OFFICIAL.search(q)), 1)
                if res.ok:
                    got["audit"] = audit_sample(codes, since)
                if not keep:
                    raise _Undo
                t1 = time.perf_counter()
            got["commit_s"] = round(time.perf_counter() - t1, 1)
        except _Undo:
            pass
        log(**got)
        results.append(got)
    walls = [r["wall_s"] for r in results]
    both = [r["python_cpu_s"] + r["server_cpu_s"] for r in results]
    log(
        summary=str(path.name),
        stored=stored,
        runs=len(results),
        wall_median_s=statistics.median(walls),
        wall_spread_s=[min(walls), max(walls)],
        cpu_both_median_s=round(statistics.median(both), 1),
        cpu_both_spread_s=[min(both), max(both)],
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("export", "subset", "apply"))
    parser.add_argument("--db", required=True)
    parser.add_argument("--changes", type=int, default=200_000)
    parser.add_argument("--out", default="/tmp/cchc-bench/stored-changes.csv")
    parser.add_argument("--spread", action="store_true")
    parser.add_argument("--unchanged", action="store_true", help="export the stored rows as they are")
    parser.add_argument("--source", default="")
    parser.add_argument("--dump", default="")
    parser.add_argument("--top", type=int, default=200_000)
    parser.add_argument("--file", default="")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--commit", action="store_true")
    parser.add_argument("--explain", type=float, default=0.0, help="log the plans of statements over N s")
    args = parser.parse_args()
    if args.what == "export":
        export(args.db, args.changes, Path(args.out), args.spread, args.unchanged)
    elif args.what == "subset":
        subset(args.db, args.source, Path(args.dump), args.top)
    else:
        apply(args.db, Path(args.file), args.runs, args.commit, args.explain)
    sys.exit(0)
