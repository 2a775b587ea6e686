"""Back up and restore an installation of 5,000,000 dossiers (``cchc backup`` / ``cchc restore``), and the
same on SQLite.

    python -m bench bench_backup_restore                        # both engines, BENCH_ROWS dossiers
    python -m bench.bench_backup_restore --engine postgres --dossiers 5000000
    python -m bench.bench_backup_restore --engine postgres --dossiers 5000000 --keep-source
    python -m bench.bench_backup_restore --engine postgres --source-db ledger5m --target-db restored \
        --runs 1 --keep-target --files 1000

The source installation is made by the import benchmark's generator (``bench_dossier_import.records``:
100 units, 40 procedures, two steps per dossier, supplements, every status) and imported through the
project's own importer in files of 1,000,000 rows, plus 200 uploaded files of 64 KiB under a scratch
media folder. It lives in a database named ``cchc_bench_backup_src`` (SQLite: a file under BENCH_DIR)
that ``--keep-source`` keeps for the next run (building 5M dossiers takes much longer than backing them
up). Then, timed: the backup (one archive: database dump, files, manifest of counts, record samples
and checksums); the restore into a fresh database and an empty media folder, with its check (every
table's count, the sampled records, every file's checksum), three times each; median and spread.

``--source-db NAME`` backs up an installation that already exists (another benchmark's ledger): it is
only read (``pg_dump`` and the manifest's counts, inside one snapshot), never built, written or dropped;
its uploaded files are ``--media DIR`` or, without it, ``--files`` generated ones of the sizes scanned
documents have (``sample_files``). ``--target-db`` names the restored database and ``--keep-target``
keeps the last one (and its media folder) for the next benchmark, ``--keep-archive`` the last archive.
Every phase is reported with its
wall clock, the CPU of the ``cchc`` process and its children (``pg_dump``/``pg_restore``), the CPU of
the server processes working for them (``bench.pg_cpu``) and the load average before and after.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.pg_cpu import APP, ServerCpu
from bench.scratch import PSQL, psql_value, workdir

SOURCE = "cchc_bench_backup_src"
TARGET = "cchc_bench_backup_dst"
CHUNK = 1_000_000
FILES = 200
RUNS = int(os.environ.get("BENCH_RUNS", 3))


def pg_url(name: str) -> str:
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def pg_exists(name: str) -> bool:
    return psql_value("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"


def populate(engine: str, dossiers: int, folder: Path) -> None:
    """Import ``dossiers`` generated dossiers in files of CHUNK rows into the configured database."""
    import django

    django.setup()
    from django.core.management import call_command

    from bench.bench_dossier_import import HEADER, csv_cell, records, setup_org
    from cchc.dossiers.importing import import_bytes

    call_command("migrate", verbosity=0)
    setup_org()
    t_all = time.perf_counter()
    stream = records(dossiers)
    done = 0
    while done < dossiers:
        n = min(CHUNK, dossiers - done)
        lines = [",".join(HEADER)]
        for _ in range(n):
            rec = next(stream)
            lines.append(
                ",".join(
                    (csv_cell(json.dumps(v, ensure_ascii=False)) if v else "") if isinstance(v, list) else v
                    for v in rec.values()
                )
            )
        data = ("\n".join(lines) + "\n").encode()
        del lines
        t0 = time.perf_counter()
        res = import_bytes(data, f"chunk-{done // CHUNK}.csv", actor="bench", as_of=dt.date(2026, 1, 31))
        assert res.ok, res.errors[:3]
        done += n
        print(f"  imported {done:,} dossiers ({time.perf_counter() - t0:.0f} s for this file)", flush=True)
    media = folder / f"backup-src-media-{engine}"
    (media / "evidence").mkdir(parents=True, exist_ok=True)
    for i in range(FILES):
        (media / "evidence" / f"minh-chung-{i:03d}.pdf").write_bytes(os.urandom(64 * 1024))
    print(f"  source built in {time.perf_counter() - t_all:.0f} s", flush=True)


def sample_files(media: Path, count: int, seed: int = 2026) -> int:
    """``count`` uploaded files as an installation holds them: directives, evidence, petitions' attachments
    and import files in folders by kind and month, sizes of scanned documents (log-normal around
    150 KB, from 8 KB to 6 MB), contents that do not compress (as PDFs and photos). Returns the bytes."""
    rng = random.Random(seed)
    kinds = ("directives", "evidence", "petitions", "imports")
    total = 0
    for i in range(count):
        size = int(min(6_000_000, max(8_000, rng.lognormvariate(11.9, 1.0))))
        folder = media / kinds[i % len(kinds)] / f"2025/{1 + i % 12:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"tep-{i:05d}.pdf").write_bytes(rng.randbytes(size))
        total += size
    return total


def timed_command(args: list[str], env: dict[str, str], databases: list[str] | None = None) -> dict[str, Any]:
    """One ``python -m cchc …`` process: wall clock, its CPU and its children's (``pg_dump``,
    ``pg_restore``), the server's CPU for it (PostgreSQL: ``databases``), the load average before/after."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load0 = os.getloadavg()[0]
    started = time.strftime("%H:%M:%S", time.gmtime())
    t0 = time.perf_counter()
    if databases:
        with ServerCpu(databases) as server:
            subprocess.run([sys.executable, "-m", "cchc", *args], env={**env, "PGAPPNAME": APP}, check=True)
    else:
        subprocess.run([sys.executable, "-m", "cchc", *args], env=env, check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    out: dict[str, Any] = {
        "wall_s": round(wall, 1),
        "client_cpu_s": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 1),
        "utc": f"{started}–{time.strftime('%H:%M:%S', time.gmtime())}",
        "load": [round(load0, 1), round(os.getloadavg()[0], 1)],
    }
    if databases:
        out["server_cpu_s"] = round(server.seconds, 1)
        out["server_cpu_by_name"] = server.by_name()
        out["tool_span_s"] = {k: round(v[1] - v[0], 1) for k, v in server.spans.items() if k != APP}
    print(f"  {args[0]}: {json.dumps(out, ensure_ascii=False)}", flush=True)
    return out


def run_engine(
    engine: str,
    dossiers: int,
    keep_source: bool,
    *,
    source_db: str = "",
    target_db: str = TARGET,
    keep_target: bool = False,
    media_dir: str = "",
    files: int = 0,
    keep_archive: bool = False,
) -> dict[str, object]:
    folder = workdir()
    base = {**os.environ, "SECRET_KEY": "bench-scratch-database-only", "CCHC_TESTING": "1"}
    base["DJANGO_SETTINGS_MODULE"] = "cchc.settings"
    source = source_db or SOURCE
    if source_db:  # another benchmark's installation: read only, never built, written or dropped
        if engine != "postgres" or not pg_exists(source_db):
            raise SystemExit(f"--source-db {source_db}: no such PostgreSQL database")
        keep_source = True
    if engine == "postgres":
        src_url = pg_url(source)
        built = pg_exists(source)
        if not built:
            subprocess.run([*PSQL, f"CREATE DATABASE {source}"], check=True)
    else:
        src_file = folder / "backup-src.sqlite3"
        src_url = f"sqlite:///{src_file}"
        built = src_file.exists()
    media = Path(media_dir) if media_dir else folder / f"backup-src-media-{engine}"
    out: dict[str, object] = {"engine": engine, "dossiers": dossiers, "load_average": os.getloadavg()[0]}
    if source_db:
        out["source_db"] = source_db
        out["dossiers"] = int(psql_value(source_db, "SELECT count(*) FROM dossiers_dossier"))
        out["database_mb"] = pg_size_mb(source_db)
        if not media_dir:
            shutil.rmtree(media, ignore_errors=True)
            out["media_mb"] = round(sample_files(media, files or FILES) / 1e6)
        out["media_files"] = sum(1 for p in media.rglob("*") if p.is_file())
    if not built:
        env = {**base, "DATABASE_URL": src_url, "MEDIA_ROOT": str(media)}
        t0 = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.bench_backup_restore",
                "--populate",
                engine,
                "--dossiers",
                str(dossiers),
            ],
            env=env,
            check=True,
        )
        out["build_s"] = round(time.perf_counter() - t0)
    archive = folder / f"backup-{engine}.cchc-backup"
    backups: list[float] = []
    restores: list[float] = []
    phases: list[dict[str, Any]] = []
    dst_media = folder / "backup-dst-media"
    for _ in range(RUNS):
        archive.unlink(missing_ok=True)
        env = {**base, "DATABASE_URL": src_url, "MEDIA_ROOT": str(media)}
        pg = [source] if engine == "postgres" else None
        done = timed_command(["backup", str(archive)], env, pg)
        backups.append(done["wall_s"])
        done["archive_mb"] = round(archive.stat().st_size / 1e6)
        phases.append({"backup": done})
        shutil.rmtree(dst_media, ignore_errors=True)
        if engine == "postgres":
            subprocess.run([*PSQL, f"DROP DATABASE IF EXISTS {target_db}"], check=True)
            subprocess.run([*PSQL, f"CREATE DATABASE {target_db}"], check=True)
            dst_url = pg_url(target_db)
        else:
            dst_file = folder / "backup-dst.sqlite3"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{dst_file}{suffix}").unlink(missing_ok=True)
            dst_url = f"sqlite:///{dst_file}"
        env = {**base, "DATABASE_URL": dst_url, "MEDIA_ROOT": str(dst_media)}
        done = timed_command(["restore", str(archive)], env, [target_db] if engine == "postgres" else None)
        restores.append(done["wall_s"])
        if engine == "postgres":
            done["database_mb"] = pg_size_mb(target_db)
        phases[-1]["restore"] = done
    out["runs"] = phases
    out["archive_mb"] = round(archive.stat().st_size / 1e6)
    out["backup_s"] = round(statistics.median(backups), 1)
    out["backup_spread_s"] = [round(min(backups), 1), round(max(backups), 1)]
    out["restore_and_check_s"] = round(statistics.median(restores), 1)
    out["restore_spread_s"] = [round(min(restores), 1), round(max(restores), 1)]
    out["load_average_end"] = os.getloadavg()[0]
    if keep_archive:
        out["archive"] = str(archive)
    else:
        archive.unlink(missing_ok=True)
    if keep_target:
        out["kept"] = {"database": target_db, "media": str(dst_media)}
    else:
        shutil.rmtree(dst_media, ignore_errors=True)
    if engine == "postgres" and not keep_target:
        subprocess.run([*PSQL, f"DROP DATABASE IF EXISTS {target_db}"], check=False)
    if engine == "postgres":
        if not keep_source:
            subprocess.run([*PSQL, f"DROP DATABASE IF EXISTS {SOURCE}"], check=False)
    else:
        names = ["backup-dst.sqlite3"] + ([] if keep_source else ["backup-src.sqlite3"])
        for name in names:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{folder / name}{suffix}").unlink(missing_ok=True)
    if not keep_source or (source_db and not media_dir):
        shutil.rmtree(media, ignore_errors=True)  # the generated files, never a folder we were given
    return out


def pg_size_mb(name: str) -> int:
    return round(int(psql_value("postgres", f"SELECT pg_database_size('{name}')")) / 1e6)


def main() -> None:
    dossiers = int(os.environ.get("BENCH_ROWS", 5_000_000))
    for engine in ("postgres", "sqlite"):
        print(f"-- {engine}, {dossiers:,} dossiers", flush=True)
        print("RESULT " + json.dumps(run_engine(engine, dossiers, keep_source=False)), flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=("postgres", "sqlite"))
    parser.add_argument("--populate", choices=("postgres", "sqlite"))
    parser.add_argument("--dossiers", type=int, default=5_000_000)
    parser.add_argument("--keep-source", action="store_true")
    parser.add_argument("--source-db", default="", help="an existing database, only read")
    parser.add_argument("--target-db", default=TARGET)
    parser.add_argument("--keep-target", action="store_true")
    parser.add_argument("--media", default="", help="the source's uploaded files (default: generated)")
    parser.add_argument("--files", type=int, default=0, help="how many files to generate")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--keep-archive", action="store_true")
    args = parser.parse_args()
    RUNS = args.runs
    if args.populate:
        populate(args.populate, args.dossiers, workdir())
    elif args.engine:
        result = run_engine(
            args.engine,
            args.dossiers,
            args.keep_source,
            source_db=args.source_db,
            target_db=args.target_db,
            keep_target=args.keep_target,
            media_dir=args.media,
            files=args.files,
            keep_archive=args.keep_archive,
        )
        print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)
    else:
        os.environ["BENCH_ROWS"] = str(args.dossiers)
        main()
