"""The readers of one-door exports on a million dossiers: peak memory and time of each command, against
DuckDB's naive date comparison on the same file and against the code before streaming (the baseline,
run in the same session).

    python -m bench bench_stream_readers                          # BENCH_DOSSIERS (default 1,000,000)
    python -m bench.bench_stream_readers --dossiers 1000000 --baseline REV --baseline-dossiers 200000
    python -m bench.bench_stream_readers --only outcomes,report,index,import,duckdb
    python -m bench.bench_stream_readers --dossiers 1000000 --only outcomes,duckdb --compare REV
    python -m bench.bench_stream_readers --only import --import-engine postgres --compare REV

Files come from the import benchmark's generator (``bench_dossier_import.records``, deterministic), in
three shapes under BENCH_DIR/stream/: ``N.json`` (one ``{"data": [...]}`` object), ``N.ndjson`` (one
dossier per line) and ``N.csv``. Each command runs in a process of its own, started by a small wrapper
process that reports the command's peak resident memory (``resource.getrusage(RUSAGE_CHILDREN)
.ru_maxrss``), CPU seconds (user + system, all threads) and wall seconds. The import runs
``cchc import-dossiers`` on a scratch SQLite database (its page cache counts in the process's memory)
or, with ``--import-engine postgres``, a scratch PostgreSQL database (the server's memory is not the
command's); ``--import-shapes`` picks the files, ``--compare REV`` imports each with REV first.

DuckDB (``requirements-bench.txt``, never a runtime dependency) reads the line-delimited file and writes
each dossier's code and a naive outcome — late when NgayKetThucXuLy's date is after NgayHenTra's — to a
CSV, which is what ``dossier-outcomes --format csv`` writes with the national rule.

The baseline (``--baseline REV``) checks REV out into a scratch work tree and runs the same commands from
it with this virtual environment; it reads whole files at once, so it is run on ``--baseline-dossiers``
only (at a million its memory would be ~10 GB on a shared machine). ``--compare REV`` runs
``dossier-outcomes`` of REV (a streamed revision: it reads a million in bounded memory) on the same
n-dossier line-delimited and ``{"data": [...]}`` files, beside this tree's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.scratch import PSQL, workdir

DOSSIERS = 1_000_000
AS_OF = "2026-01-31"
PERIOD = ["--from", "2025-01-01", "--to", "2025-12-31"]
ROOT = Path(__file__).resolve().parents[1]
CCHC = [sys.executable, "-m", "cchc"]
WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
with open(sys.argv[1], "wb") as out:
    done = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.PIPE)
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": done.returncode, "wall_s": round(time.perf_counter() - start, 1),
    "cpu_s": round(use.ru_utime + use.ru_stime, 1), "max_rss_mb": round(use.ru_maxrss / 1024),
    "stderr": done.stderr.decode("utf-8", "replace")[-300:]}))
"""
# Run code of another checkout: the editable install's finder would otherwise import this one.
BASELINE_BOOT = """
import sys
sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
sys.path.insert(0, {root!r})
import cchc
assert cchc.__file__.startswith({root!r}), cchc.__file__
from cchc.__main__ import main
sys.argv = ["cchc", *sys.argv[1:]]
sys.exit(main())
"""
DUCKDB_SQL = """
COPY (
  SELECT MaHoSo,
         CASE WHEN TrangThaiHoSo IN ('1', '3') THEN 'excluded'
              WHEN coalesce(NgayKetThucXuLy, '') = '' THEN 'open'
              WHEN strptime(NgayKetThucXuLy, '%Y%m%d%H%M%S')::DATE
                 > strptime(NgayHenTra, '%Y%m%d%H%M%S')::DATE
              THEN 'late' ELSE 'on_time' END AS outcome
  FROM read_json('{src}', format = 'newline_delimited')
) TO '{out}' (HEADER)
"""


def folder() -> Path:
    path = workdir() / "stream"
    path.mkdir(parents=True, exist_ok=True)
    return path


class Files(dict[str, Path]):
    """The n-dossier file of each shape, generated the first time it is asked for."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.n = n

    def __missing__(self, kind: str) -> Path:
        from bench.bench_dossier_import import generate, generate_json

        path = folder() / f"{self.n}.{kind}"
        if not path.exists():
            t0 = time.perf_counter()
            tmp = path.with_suffix(".part")
            if kind == "csv":
                generate(tmp, self.n)
            elif kind == "json" and (lines := folder() / f"{self.n}.ndjson").exists():
                _object_from_lines(lines, tmp)
            else:
                generate_json(tmp, self.n, lines=kind == "ndjson")
            tmp.rename(path)
            print(
                f"  {path.name}: {path.stat().st_size / 1e6:.0f} MB, made in {time.perf_counter() - t0:.0f} s"
            )
        self[kind] = path
        return path


def _object_from_lines(src: Path, dst: Path) -> None:
    """``{"data": [...]}`` with the line-delimited file's records: what ``generate_json`` writes."""
    with src.open("rb") as fin, dst.open("wb") as fout:
        fout.write(b'{"data": [')
        for i, line in enumerate(fin):
            fout.write((b", " if i else b"") + line.rstrip(b"\n"))
        fout.write(b"]}")


def measure(label: str, command: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    out = folder() / f"out-{os.getpid()}.tmp"
    load = os.getloadavg()[0]
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, str(out), *command],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    result.update(
        label=label, load_before=load, load_after=os.getloadavg()[0], out_mb=round(out.stat().st_size / 1e6)
    )
    out.unlink()
    print(
        f"  {label}: {result['wall_s']} s wall, {result['cpu_s']} s CPU, peak {result['max_rss_mb']} MB, "
        f"exit {result['rc']} (load {load:.1f} → {result['load_after']:.1f})",
        flush=True,
    )
    if result["rc"] not in (0, 1):
        print("    " + result["stderr"].replace("\n", "\n    "))
    return result


def duckdb(src: Path) -> dict[str, Any]:
    sql = DUCKDB_SQL.format(src=src, out=folder() / "duckdb-out.csv")
    return measure(
        "duckdb naive comparison (ndjson)", [sys.executable, "-c", f"import duckdb; duckdb.sql({sql!r})"]
    )


def commands(
    files: Files, *, cli: list[str], only: set[str], tag: str, kinds: tuple[str, ...]
) -> list[dict[str, Any]]:
    out = []
    if "outcomes" in only:
        for kind in kinds:
            out.append(
                measure(
                    f"{tag} dossier-outcomes ({kind})",
                    [*cli, "dossier-outcomes", str(files[kind]), "--as-of", AS_OF, "--format", "csv"],
                )
            )
    if "report" in only:
        for kind in kinds[:2]:
            out.append(
                measure(f"{tag} report-tthc ({kind})", [*cli, "report-tthc", str(files[kind]), *PERIOD])
            )
    if "index" in only:
        for kind in kinds[:2]:
            out.append(measure(f"{tag} index-766 ({kind})", [*cli, "index-766", str(files[kind]), *PERIOD]))
    return out


def import_run(src: Path, *, cli: list[str], tag: str, engine: str = "sqlite") -> dict[str, Any]:
    """``cchc import-dossiers`` of the file into a fresh, migrated database with the generator's units
    and procedures: a SQLite file, or (``engine="postgres"``) a PostgreSQL database created with psql
    (named ``BENCH_PG_NAME``, ``cchc_bench_stream`` by default, plus the pid) and dropped afterwards."""
    name = f"import-{tag.replace('@', '-')}-{os.getpid()}"
    db = folder() / f"{name}.sqlite3"
    pg = f"{os.environ.get('BENCH_PG_NAME', 'cchc_bench_stream')}_{os.getpid()}"
    if engine == "postgres":
        subprocess.run([*PSQL, f"DROP DATABASE IF EXISTS {pg}"], check=True)
        subprocess.run([*PSQL, f"CREATE DATABASE {pg}"], check=True)
        url = f"postgres://postgres@127.0.0.1:5432/{pg}"
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{db}"
    env = {
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "cchc.settings",
        "SECRET_KEY": "bench-scratch-database-only",
        "CCHC_TESTING": "1",
    }
    full_env = {**os.environ, **env}
    try:
        subprocess.run([*cli, "migrate", "-v0"], env=full_env, cwd=ROOT, check=True)
        setup = "import django; django.setup(); from bench.bench_dossier_import import setup_org; setup_org()"
        subprocess.run([sys.executable, "-c", setup], env=full_env, cwd=ROOT, check=True)
        args = [*cli, "import-dossiers", str(src), "--as-of", AS_OF, "--quiet", "--jurisdiction", "B1"]
        result = measure(f"{tag} import-dossiers ({src.suffix.lstrip('.')}, {engine})", args, env)
    finally:
        if engine == "postgres":
            subprocess.run([*PSQL, f"DROP DATABASE IF EXISTS {pg}"], check=False)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    return result


def baseline_cli(rev: str) -> list[str]:
    tree = folder() / "baseline-src"
    if tree.exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), rev], check=True)
    return [sys.executable, "-c", BASELINE_BOOT.format(root=str(tree))]


def main() -> None:
    run(
        int(os.environ.get("BENCH_DOSSIERS", DOSSIERS)),
        None,
        0,
        {"outcomes", "report", "index", "import", "duckdb"},
    )


def run(
    n: int,
    baseline: str | None,
    baseline_n: int,
    only: set[str],
    compare: str | None = None,
    *,
    engine: str = "sqlite",
    import_kinds: tuple[str, ...] = ("ndjson",),
) -> None:
    print(f"-- {n:,} dossiers, {time.strftime('%Y-%m-%d %H:%M')} UTC, load {os.getloadavg()}", flush=True)
    results: list[dict[str, Any]] = []
    if baseline:
        small = Files(baseline_n)
        old = baseline_cli(baseline)
        print(f"-- baseline {baseline} and this tree at {baseline_n:,} dossiers", flush=True)
        # The code before streaming reads no line-delimited JSON: compared on the other shapes.
        results += commands(small, cli=old, only=only, tag=f"baseline@{baseline_n}", kinds=("json", "csv"))
        results += commands(
            small, cli=CCHC, only=only, tag=f"streamed@{baseline_n}", kinds=("json", "csv", "ndjson")
        )
        if "duckdb" in only:
            results.append(duckdb(small["ndjson"]))
        if "import" in only:
            results.append(import_run(small["json"], cli=old, tag=f"baseline@{baseline_n}"))
            results.append(import_run(small["json"], cli=CCHC, tag=f"streamed@{baseline_n}"))
    files = Files(n)
    if "duckdb" in only:
        results.append(duckdb(files["ndjson"]))
    if compare and "outcomes" in only:
        results += commands(
            files,
            cli=baseline_cli(compare),
            only={"outcomes"},
            tag=f"{compare}@{n}",
            kinds=("ndjson", "json"),
        )
    results += commands(files, cli=CCHC, only=only, tag=f"streamed@{n}", kinds=("ndjson", "json"))
    if "import" in only:
        for kind in import_kinds:
            if compare:
                results.append(
                    import_run(files[kind], cli=baseline_cli(compare), tag=f"{compare}@{n}", engine=engine)
                )
            results.append(import_run(files[kind], cli=CCHC, tag=f"streamed@{n}", engine=engine))
    # Last: the CSV shape (its file takes longest to make).
    results += commands(files, cli=CCHC, only=only & {"outcomes"}, tag=f"streamed@{n}", kinds=("csv",))
    print("RESULT " + json.dumps(results, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=DOSSIERS)
    parser.add_argument("--baseline", help="a git revision to compare with (read whole files)")
    parser.add_argument("--baseline-dossiers", type=int, default=200_000)
    parser.add_argument("--only", default="outcomes,report,index,import,duckdb")
    parser.add_argument(
        "--compare", help="a streamed revision whose dossier-outcomes (and import) runs on the same files"
    )
    parser.add_argument("--import-engine", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--import-shapes", default="ndjson", help="of csv,json,ndjson")
    args = parser.parse_args()
    run(
        args.dossiers,
        args.baseline,
        args.baseline_dossiers,
        set(args.only.split(",")),
        args.compare,
        engine=args.import_engine,
        import_kinds=tuple(args.import_shapes.split(",")),
    )
