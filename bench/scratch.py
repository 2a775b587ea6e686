"""A scratch database for one benchmark process: a fresh PostgreSQL database (created with psql,
dropped afterwards) or a fresh SQLite file under BENCH_DIR. Sets DATABASE_URL before Django starts."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PSQL = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qc"]


def psql_value(db: str, sql: str) -> str:
    """What one query answers on the local server's database ``db`` (unaligned, tuples only), stripped."""
    return subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-Atc", sql],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def workdir() -> Path:
    path = Path(os.environ.get("BENCH_DIR", "/tmp/cchc-bench"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def scratch_database(engine: str, name: str) -> Iterator[Path]:
    """Yields the work directory; ``name`` names the database (PostgreSQL: suffixed with the pid)."""
    folder = workdir()
    db_name = None
    if engine == "postgres":
        db_name = f"{name}_{os.getpid()}"
        subprocess.run([*PSQL, f"CREATE DATABASE {db_name}"], check=True)
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{db_name}"
    else:
        db = folder / f"{name}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    # A throw-away database needs no real secret; production settings otherwise refuse to start.
    os.environ.setdefault("SECRET_KEY", "bench-scratch-database-only")
    os.environ.setdefault("CCHC_TESTING", "1")
    try:
        yield folder
    finally:
        if db_name:
            from django.db import connections

            connections.close_all()
            subprocess.run([*PSQL, f"DROP DATABASE IF EXISTS {db_name}"], check=False)
