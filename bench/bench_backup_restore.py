"""Back up and restore an installation of 5,000,000 dossiers (``cchc backup`` / ``cchc restore``), and the
same on SQLite.

    python -m bench bench_backup_restore                        # both engines, BENCH_ROWS dossiers
    python -m bench.bench_backup_restore --engine postgres --dossiers 5000000
    python -m bench.bench_backup_restore --engine postgres --dossiers 5000000 --keep-source

The source installation is made by the import benchmark's generator (``bench_dossier_import.records``:
100 units, 40 procedures, two steps per dossier, supplements, every status) and imported through the
project's own importer in files of 1,000,000 rows, plus 200 uploaded files of 64 KiB under a scratch
media folder. It lives in a database named ``cchc_bench_backup_src`` (SQLite: a file under BENCH_DIR)
that ``--keep-source`` keeps for the next run (building 5M dossiers takes much longer than backing them
up). Then, timed: the backup (one archive: database dump, files, manifest of counts, record samples
and checksums); the restore into a fresh database and an empty media folder, with its check (every
table's count, the sampled records, every file's checksum), three times each; median and spread.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.scratch import PSQL, workdir

SOURCE = "cchc_bench_backup_src"
TARGET = "cchc_bench_backup_dst"
CHUNK = 1_000_000
FILES = 200
RUNS = int(os.environ.get("BENCH_RUNS", 3))


def pg_url(name: str) -> str:
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def pg_exists(name: str) -> bool:
    out = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-Atc",
            f"SELECT 1 FROM pg_database WHERE datname = '{name}'",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip() == "1"


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


def timed_command(args: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cchc", *args], env=env, check=True)
    return time.perf_counter() - t0


def run_engine(engine: str, dossiers: int, keep_source: bool) -> dict[str, object]:
    folder = workdir()
    base = {**os.environ, "SECRET_KEY": "bench-scratch-database-only", "CCHC_TESTING": "1"}
    base["DJANGO_SETTINGS_MODULE"] = "cchc.settings"
    if engine == "postgres":
        src_url = pg_url(SOURCE)
        built = pg_exists(SOURCE)
        if not built:
            subprocess.run([*PSQL, f"CREATE DATABASE {SOURCE}"], check=True)
    else:
        src_file = folder / "backup-src.sqlite3"
        src_url = f"sqlite:///{src_file}"
        built = src_file.exists()
    media = folder / f"backup-src-media-{engine}"
    out: dict[str, object] = {"engine": engine, "dossiers": dossiers, "load_average": os.getloadavg()[0]}
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
    for _ in range(RUNS):
        archive.unlink(missing_ok=True)
        env = {**base, "DATABASE_URL": src_url, "MEDIA_ROOT": str(media)}
        backups.append(timed_command(["backup", str(archive)], env))
        dst_media = folder / "backup-dst-media"
        shutil.rmtree(dst_media, ignore_errors=True)
        if engine == "postgres":
            subprocess.run([*PSQL, f"DROP DATABASE IF EXISTS {TARGET}"], check=True)
            subprocess.run([*PSQL, f"CREATE DATABASE {TARGET}"], check=True)
            dst_url = pg_url(TARGET)
        else:
            dst_file = folder / "backup-dst.sqlite3"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{dst_file}{suffix}").unlink(missing_ok=True)
            dst_url = f"sqlite:///{dst_file}"
        env = {**base, "DATABASE_URL": dst_url, "MEDIA_ROOT": str(dst_media)}
        restores.append(timed_command(["restore", str(archive)], env))
    out["archive_mb"] = round(archive.stat().st_size / 1e6)
    out["backup_s"] = round(statistics.median(backups), 1)
    out["backup_spread_s"] = [round(min(backups), 1), round(max(backups), 1)]
    out["restore_and_check_s"] = round(statistics.median(restores), 1)
    out["restore_spread_s"] = [round(min(restores), 1), round(max(restores), 1)]
    out["load_average_end"] = os.getloadavg()[0]
    archive.unlink(missing_ok=True)
    shutil.rmtree(folder / "backup-dst-media", ignore_errors=True)
    if engine == "postgres":
        subprocess.run([*PSQL, f"DROP DATABASE IF EXISTS {TARGET}"], check=False)
        if not keep_source:
            subprocess.run([*PSQL, f"DROP DATABASE IF EXISTS {SOURCE}"], check=False)
    else:
        names = ["backup-dst.sqlite3"] + ([] if keep_source else ["backup-src.sqlite3"])
        for name in names:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{folder / name}{suffix}").unlink(missing_ok=True)
    if not keep_source:
        shutil.rmtree(media, ignore_errors=True)
    return out


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
    args = parser.parse_args()
    if args.populate:
        populate(args.populate, args.dossiers, workdir())
    elif args.engine:
        print("RESULT " + json.dumps(run_engine(args.engine, args.dossiers, args.keep_source)), flush=True)
    else:
        os.environ["BENCH_ROWS"] = str(args.dossiers)
        main()
