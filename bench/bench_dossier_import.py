"""Import 1,000,000 national-format dossier rows: new ones, one bad row among them, the same file again,
and a day's changes to 200,000 of them (targets: under 60, 30, 30 and 60 s on PostgreSQL).

    python -m bench bench_dossier_import                     # both engines
    python -m bench.bench_dossier_import --engine postgres --rows 1000000

Each engine runs in its own process on a scratch database (PostgreSQL: a database created with psql
and dropped afterwards; SQLite: a file in /tmp). Measured, in order, on an empty ledger:
  (a) plain load: the CSV into a bare table of text columns (PostgreSQL COPY … FORMAT csv; SQLite
      csv.reader + executemany in one transaction);
  (c) the same file with one bad row in the middle: must write nothing and name the row;
  (b) the full import (parse, validate, outcomes, dossiers + steps + supplements + events, facts);
  (d) the same file again (idempotent: nothing changes, nothing written);
  (e) a file changing 200,000 of those dossiers (finished, a step, a supplement or a new summary).
Each figure comes with this process's CPU seconds (less sensitive to other jobs' load than the wall
clock) and the path that did the work. ``BENCH_SEED`` picks another generated file (kept in BENCH_DIR
and reused), ``BENCH_SKIP_PLAIN=1`` skips (a), ``BENCH_ONLY_CHANGES=1`` skips (a), (c) and (d),
``BENCH_CHANGES=0`` skips (e), ``BENCH_ONLY_IMPORT=1`` measures (b) alone, ``BENCH_COPIES=5`` makes
the stored ledger five times the file inside PostgreSQL before (e) (``replicate``). (e) first runs the changes
through the set-based path and through the row path, each rolled back (``BENCH_CHANGES_BOTH=0`` skips
them), with the PostgreSQL backend's CPU seconds beside this process's (also given for (b), (c) and
(d)). ``BENCH_DATABASE`` names the scratch database.
The generator is deterministic and self-contained (the demo generator is another module's job).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.driver import Driver

ROWS = 1_000_000
UNITS = 100
PROCEDURES = 40
HEADER = [
    "MaHoSo",
    "MaTTHC",
    "DonViXuLy",
    "DonViTiepNhan",
    "ChuHoSo",
    "SoGiayToChuHoSo",
    "SoDienThoai",
    "KenhThucHien",
    "TrangThaiHoSo",
    "NgayNopHoSo",
    "NgayTiepNhan",
    "NgayHenTra",
    "NgayKetThucXuLy",
    "NgayTra",
    "TrichYeuHoSo",
    "DanhSachHoSoBoSung",
    "QuaTrinhXuLy",
]
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Phương"]


def ts(d: dt.datetime) -> str:
    return d.strftime("%Y%m%d%H%M%S")


def csv_cell(s: str) -> str:
    if any(c in s for c in ',"\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def records(n: int, seed: int = 2025, first: int = 0) -> Iterator[dict[str, Any]]:
    """n dossiers received in 2025 by UNITS units for PROCEDURES procedures, as national-shape objects
    (the CSV's cells; the lists as lists). Deterministic; ``first`` numbers the codes (several files
    of one ledger use different ranges)."""
    rng = random.Random(seed)
    start = dt.datetime(2025, 1, 2, 7, 30)
    for i in range(first, first + n):
        unit = f"U{rng.randrange(UNITS):03d}"
        proc = f"9.{rng.randrange(PROCEDURES):06d}"
        received = start + dt.timedelta(days=rng.randrange(330), minutes=rng.randrange(540))
        limit = 3 + (int(proc[-2:]) % 13)
        appointment = (received + dt.timedelta(days=limit + limit // 2)).replace(hour=17, minute=0)
        roll = rng.random()
        status = 10 if roll < 0.85 else 9 if roll < 0.90 else 4 if roll < 0.98 else 5
        took = dt.timedelta(days=rng.randrange(1, limit * 2 + 2), minutes=rng.randrange(400))
        end = received + took
        sups = []
        if rng.random() < 0.1 or status == 5:
            req = received + dt.timedelta(days=1, hours=2)
            done = None if status == 5 else req + dt.timedelta(days=rng.randrange(1, 4))
            sups.append({"NgayBoSung": ts(req), "NgayTiepNhanBoSung": ts(done) if done else ""})
        mid = received + took / 3
        steps = [
            {
                "PhongBanXuLy": unit,
                "NguoiXuLy": f"Cán bộ một cửa {unit}",
                "NgayBatDau": ts(received),
                "ThoiDiemXuLy": ts(received + dt.timedelta(hours=1)),
                "NgayKetThucTheoQuyDinh": ts(received + dt.timedelta(hours=8)),
            },
            {
                "PhongBanXuLy": unit,
                "NguoiXuLy": f"Chuyên viên {unit}",
                "NgayBatDau": ts(received + dt.timedelta(hours=1)),
                "ThoiDiemXuLy": ts(mid) if status in (9, 10) else "",
                "NgayKetThucTheoQuyDinh": ts(appointment - dt.timedelta(days=1)),
            },
        ]
        finished = status in (9, 10)
        cells: list[Any] = [
            f"{unit}-{received:%y%m%d}-{i:07d}",
            proc,
            unit,
            "",
            rng.choice(NAMES),
            f"0770{rng.randrange(10**8):08d}",
            f"09{rng.randrange(10**8):08d}",
            str(1 + (rng.random() < 0.35)),
            str(status),
            ts(received - dt.timedelta(minutes=5)),
            ts(received),
            ts(appointment),
            ts(end) if finished else "",
            ts(end + dt.timedelta(hours=1)) if status == 10 else "",
            "Đề nghị giải quyết thủ tục",
            sups,
            steps,
        ]
        yield dict(zip(HEADER, cells, strict=True))


def generate(path: Path, n: int, seed: int = 2025, first: int = 0) -> None:
    """The records as the national CSV (lists as JSON text in their cells)."""
    write_csv(path, records(n, seed, first))


def generate_json(path: Path, n: int, *, lines: bool, seed: int = 2025) -> None:
    """The records as one ``{"data": [...]}`` object (``lines=False``) or one per line, written as
    they are made (a million never held at once)."""
    with path.open("w", encoding="utf-8") as fh:
        if not lines:
            fh.write('{"data": [')
        for i, rec in enumerate(records(n, seed)):
            text = json.dumps(rec, ensure_ascii=False)
            fh.write(text + "\n" if lines else ((", " if i else "") + text))
        if not lines:
            fh.write("]}")


def changed(rec: dict[str, Any], i: int) -> dict[str, Any]:
    """A day's change to a stored dossier: an open one finishes (status, end, return, its last step
    done), a finished one gets a step, a supplement or a new summary, in turn."""
    rec = dict(rec)
    steps = [dict(s) for s in rec["QuaTrinhXuLy"]]
    received = dt.datetime.strptime(rec["NgayTiepNhan"], "%Y%m%d%H%M%S")
    if rec["TrangThaiHoSo"] in ("4", "5"):
        end = received + dt.timedelta(days=5, hours=2)
        rec.update(TrangThaiHoSo="10", NgayKetThucXuLy=ts(end), NgayTra=ts(end + dt.timedelta(hours=1)))
        steps[-1]["ThoiDiemXuLy"] = ts(end)
        rec["DanhSachHoSoBoSung"] = [
            {**s, "NgayTiepNhanBoSung": s["NgayTiepNhanBoSung"] or ts(end - dt.timedelta(days=1))}
            for s in rec["DanhSachHoSoBoSung"]
        ]
    elif i % 3 == 0:
        steps.append(
            {**steps[-1], "NguoiXuLy": "Lãnh đạo " + rec["DonViXuLy"], "NgayBatDau": steps[-1]["NgayBatDau"]}
        )
    elif i % 3 == 1 and not rec["DanhSachHoSoBoSung"]:
        asked = received + dt.timedelta(hours=3)
        rec["DanhSachHoSoBoSung"] = [
            {"NgayBoSung": ts(asked), "NgayTiepNhanBoSung": ts(asked + dt.timedelta(days=1))}
        ]
    else:
        rec["TrichYeuHoSo"] = "Đề nghị giải quyết thủ tục (bổ sung thông tin)"
    rec["QuaTrinhXuLy"] = steps
    return rec


def write_csv(path: Path, recs: Iterator[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(",".join(HEADER) + "\n")
        for rec in recs:
            row = [
                (csv_cell(json.dumps(v, ensure_ascii=False)) if v else "") if isinstance(v, list) else v
                for v in rec.values()
            ]
            fh.write(",".join(row) + "\n")


def generate_changes(path: Path, n: int, seed: int) -> None:
    """A file changing the first ``n`` dossiers of the file ``generate(…, seed)`` made."""
    write_csv(path, (changed(rec, i) for i, rec in enumerate(records(n, seed))))


def with_bad_row(src: Path, dst: Path, bad_index: int) -> int:
    """Copy src with the received date of one row made unreadable; returns that row's number."""
    with src.open(encoding="utf-8") as fin, dst.open("w", encoding="utf-8") as fout:
        for i, line in enumerate(fin):
            if i == bad_index:
                cells = line.split(",", 11)
                cells[10] = "2025-13-45"
                line = ",".join(cells)
            fout.write(line)
    return bad_index + 1  # header is row 1


def setup_org() -> None:
    from decimal import Decimal

    from cchc.dossiers.models import LimitUnit, Procedure
    from cchc.org.models import Jurisdiction, JurisdictionLevel, Official, Unit, UnitKind

    area = Jurisdiction.objects.create(code="B1", name="Tỉnh đo hiệu năng", level=JurisdictionLevel.PROVINCE)
    for u in range(UNITS):
        unit = Unit.objects.create(
            code=f"U{u:03d}", name=f"Đơn vị {u}", kind=UnitKind.AGENCY, jurisdiction=area
        )
        Official.objects.create(code=f"O{u:03d}a", full_name=f"Chuyên viên U{u:03d}", unit=unit)
        Official.objects.create(code=f"O{u:03d}b", full_name=f"Cán bộ một cửa U{u:03d}", unit=unit)
    for p in range(PROCEDURES):
        Procedure.objects.create(
            national_code=f"9.{p:06d}",
            name=f"Thủ tục {p}",
            limit_value=Decimal(3 + p % 13),
            limit_unit=LimitUnit.WORKING_DAYS,
        )


def plain_load(path: Path) -> float:
    import csv

    from django.db import connection, transaction

    cols = ", ".join(f'"{h}" text' for h in HEADER)
    with connection.cursor() as cur:
        cur.execute(f"CREATE TABLE bench_bare ({cols})")
    t0 = time.perf_counter()
    if connection.vendor == "postgresql":
        with transaction.atomic():
            raw = connection.connection.cursor()
            with (
                raw.copy("COPY bench_bare FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
                path.open("rb") as fh,
            ):
                while chunk := fh.read(1 << 20):
                    copy.write(chunk)
    else:
        with transaction.atomic(), path.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            next(reader)
            marks = ", ".join(["?"] * len(HEADER))
            raw = connection.connection.cursor()
            batch: list[list[str]] = []
            for row in reader:
                batch.append(row)
                if len(batch) == 50000:
                    raw.executemany(f"INSERT INTO bench_bare VALUES ({marks})", batch)
                    batch.clear()
            raw.executemany(f"INSERT INTO bench_bare VALUES ({marks})", batch)
    elapsed = time.perf_counter() - t0
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM bench_bare")
        assert cur.fetchone()[0] == ROWS_RUN, "plain load lost rows"
        cur.execute("DROP TABLE bench_bare")
    return elapsed


class _Undo(Exception):
    """Raised to roll a measured import back, so the next one starts from the same ledger."""


def _db_cpu() -> float:
    """CPU seconds of this connection's PostgreSQL backend process so far (0 on SQLite, or when its
    /proc entry cannot be read): the set-based work runs there, not in this process."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        pid = cur.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _fact_sums() -> list[int]:
    """Sums of every DailyFact count: a cheap fingerprint for comparing two paths' facts."""
    from django.db.models import Sum

    from cchc.dossiers.facts import FACT_COLUMNS
    from cchc.dossiers.models import DailyFact

    sums = DailyFact.objects.aggregate(**{c: Sum(c) for c in FACT_COLUMNS})
    return [int(sums[c] or 0) for c in FACT_COLUMNS]


def _changes_undone(label: str, data: bytes, name: str, as_of: dt.date, least: int) -> dict[str, object]:
    """Import the changes with CCHC_IMPORT_COLUMNAR_MIN_ROWS=``least`` inside a transaction that is
    then rolled back; the figures under keys starting with ``label``."""
    from django.conf import settings
    from django.db import transaction

    from cchc.dossiers.importing import import_bytes
    from cchc.dossiers.models import DossierEvent

    kept = settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = least
    got: dict[str, object] = {}
    try:
        with transaction.atomic():
            events = DossierEvent.objects.count()
            db0 = _db_cpu()
            res, wall, cpu = _timed(lambda: import_bytes(data, name, actor="bench", as_of=as_of))
            assert res.ok, res.errors[:3]
            got = {
                f"{label}_s": round(wall, 1),
                f"{label}_cpu_s": round(cpu, 1),
                f"{label}_db_cpu_s": round(_db_cpu() - db0, 1),
                f"{label}_path": res.path,
                f"{label}_updated": res.result.updated,
                f"{label}_events": DossierEvent.objects.count() - events,
                f"{label}_fact_sums": _fact_sums(),
                f"{label}_load": os.getloadavg()[0],
            }
            raise _Undo
    except _Undo:
        pass
    finally:
        settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = kept
    print(
        f"  (e/{label}) {got[f'{label}_s']} s (CPU {got[f'{label}_cpu_s']} s, database CPU "
        f"{got[f'{label}_db_cpu_s']} s, {got[f'{label}_path']} path), updated {got[f'{label}_updated']:,}, "
        f"load {os.getloadavg()[0]:.1f}; rolled back",
        flush=True,
    )
    return got


ROWS_RUN = ROWS


def _timed(fn: Any) -> tuple[Any, float, float]:
    """(result, wall seconds, this process's CPU seconds)."""
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - t0, time.process_time() - c0


def run_engine(engine: str, rows: int, workdir: Path) -> dict[str, object]:
    global ROWS_RUN
    ROWS_RUN = rows
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # The columnar path reads a file larger than CCHC_IMPORT_COLUMNAR_MAX_BYTES (64 MB) slice by slice;
    # BENCH_COLUMNAR_MAX_BYTES sets another slice (1 GB: a million rows in one piece, as before 7/12).
    if os.environ.get("BENCH_COLUMNAR_MAX_BYTES"):
        settings.CCHC_IMPORT_COLUMNAR_MAX_BYTES = int(os.environ["BENCH_COLUMNAR_MAX_BYTES"])
    seed = int(os.environ.get("BENCH_SEED", 2025))
    as_of = dt.date(2026, 1, 31)
    call_command("migrate", verbosity=0)
    setup_org()
    src = workdir / (f"dossiers-{rows}.csv" if seed == 2025 else f"dossiers-{rows}-seed{seed}.csv")
    if not src.exists():
        t0 = time.perf_counter()
        generate(src, rows, seed)
        print(
            f"  generated {rows:,} rows in {time.perf_counter() - t0:.1f} s "
            f"({src.stat().st_size / 1e6:.0f} MB)"
        )
    out: dict[str, object] = {
        "engine": engine,
        "rows": rows,
        "file_mb": round(src.stat().st_size / 1e6),
        "load_average": os.getloadavg()[0],
    }

    only_import = bool(os.environ.get("BENCH_ONLY_IMPORT"))
    only_changes = bool(os.environ.get("BENCH_ONLY_CHANGES")) or only_import
    if not os.environ.get("BENCH_SKIP_PLAIN") and not only_changes:
        plain_s = plain_load(src)
        out["plain_load_s"] = round(plain_s, 1)
        print(f"  (a) plain bulk load: {out['plain_load_s']} s", flush=True)

    if not only_changes:
        _bad_row(src, rows, workdir, as_of, out)
    _full_import(src, rows, as_of, out)
    if not only_changes:
        _reimport(src, rows, as_of, out)
    copies = int(os.environ.get("BENCH_COPIES", 1))
    if copies > 1 and engine == "postgres":
        t0 = time.perf_counter()
        out["stored"] = replicate(copies)
        out["replicate_s"] = round(time.perf_counter() - t0, 1)
        print(f"  stored ledger made {out['stored']:,} dossiers in {out['replicate_s']} s", flush=True)
    if not only_import:
        _changes(rows, seed, workdir, as_of, out)
    import resource

    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    out["load_average_end"] = os.getloadavg()[0]
    return out


def replicate(copies: int) -> int:
    """The imported ledger made ``copies`` times larger inside PostgreSQL (as ``bench_list_pages`` does):
    copies 1…copies-1 of every dossier (code suffixed ``-cK``, id shifted) with its steps,
    supplements, events and causes' rows; the daily, unit and per-official facts multiplied (a copy
    falls on the same units, procedures and days; its steps have larger ids, so every official's first
    step stays the original's). Building 5,000,000 through the importer took about 30 minutes per
    million under load; this takes minutes, and the changes file names only the original codes, whose
    stored rows, steps, supplements, digests and facts are the importer's own. Returns the dossiers."""
    from django.db import connection, transaction

    from cchc.dossiers.facts import FACT_COLUMNS
    from cchc.dossiers.models import (
        DailyFact,
        Dossier,
        DossierCause,
        DossierEvent,
        DossierStep,
        OfficialDailyFact,
        Supplement,
        UnitDailyFact,
    )

    def cols(table: str, without: tuple[str, ...]) -> list[str]:
        with connection.cursor() as cur:
            cur.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                "ORDER BY ordinal_position",
                [table],
            )
            return [r[0] for r in cur.fetchall() if r[0] not in without]

    d = Dossier._meta.db_table
    children = [m._meta.db_table for m in (DossierStep, Supplement, DossierEvent, DossierCause)]
    d_cols = cols(d, ("id", "code"))
    c_cols = {t: cols(t, ("id", "dossier_id")) for t in children}
    with connection.cursor() as cur:
        cur.execute(f"SELECT max(id) FROM {d}")
        top = int(cur.fetchone()[0])
    for k in range(1, copies):
        shift = k * top
        with transaction.atomic(), connection.cursor() as cur:
            listed = ", ".join(d_cols)
            cur.execute(
                f"INSERT INTO {d} (id, code, {listed}) "
                f"SELECT id + {shift}, code || '-c{k}', {listed} FROM {d} WHERE id <= {top}"
            )
            for t in children:
                listed = ", ".join(c_cols[t])
                cur.execute(
                    f"INSERT INTO {t} (dossier_id, {listed}) "
                    f"SELECT dossier_id + {shift}, {listed} FROM {t} WHERE dossier_id <= {top}"
                )
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(f"SELECT setval(pg_get_serial_sequence('{d}', 'id'), (SELECT max(id) FROM {d}))")
        times = ", ".join(f"{c} = {c} * {copies}" for c in FACT_COLUMNS)
        cur.execute(f"UPDATE {DailyFact._meta.db_table} SET {times}")
        cur.execute(f"UPDATE {UnitDailyFact._meta.db_table} SET {times}")
        cur.execute(
            f"UPDATE {OfficialDailyFact._meta.db_table} SET finished = finished * {copies}, "
            f"late = late * {copies}"
        )
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return Dossier.objects.count()


def _bad_row(src: Path, rows: int, workdir: Path, as_of: dt.date, out: dict[str, object]) -> None:
    from cchc.dossiers.importing import import_path
    from cchc.dossiers.models import Dossier, DossierEvent

    bad = workdir / f"dossiers-{rows}-bad.csv"
    bad_row = with_bad_row(src, bad, rows // 2)
    # From the disk, as an uploaded file is imported: never held whole (``importing.import_path``).
    db0 = _db_cpu()
    res, wall, cpu = _timed(lambda: import_path(bad, actor="bench", as_of=as_of))
    out["bad_row_s"], out["bad_row_cpu_s"], out["bad_row_path"] = round(wall, 1), round(cpu, 1), res.path
    out["bad_row_db_cpu_s"] = round(_db_cpu() - db0, 1)
    named = [(e.row, e.field) for e in res.errors]
    out["bad_row_named"] = named == [(bad_row, "NgayTiepNhan")]
    out["bad_row_message"] = str(res.errors[0]) if res.errors else ""
    out["bad_row_wrote_nothing"] = not Dossier.objects.exists() and not DossierEvent.objects.exists()
    print(
        f"  (c) one bad row: {out['bad_row_s']} s (CPU {out['bad_row_cpu_s']} s, database CPU "
        f"{out['bad_row_db_cpu_s']} s, {res.path} path), "
        f"errors={named}, wrote nothing={out['bad_row_wrote_nothing']}, load {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    bad.unlink()


def _full_import(src: Path, rows: int, as_of: dt.date, out: dict[str, object]) -> None:
    from cchc.dossiers.importing import import_path
    from cchc.dossiers.models import DailyFact, Dossier, DossierEvent, DossierStep

    stages: dict[str, float] = {}
    t_start = time.perf_counter()
    last = [t_start, "parse"]

    def progress(stage: str, done: int, total: int) -> None:
        if stage != last[1]:
            now = time.perf_counter()
            stages[str(last[1])] = stages.get(str(last[1]), 0) + now - float(last[0])  # type: ignore[arg-type]
            last[0], last[1] = now, stage

    db0 = _db_cpu()
    res, total, cpu = _timed(lambda: import_path(src, actor="bench", as_of=as_of, progress=progress))
    out["import_db_cpu_s"] = round(_db_cpu() - db0, 1)
    stages[str(last[1])] = stages.get(str(last[1]), 0) + time.perf_counter() - float(last[0])  # type: ignore[arg-type]
    assert res.ok, res.errors[:3]
    out["import_s"], out["import_cpu_s"] = round(total, 1), round(cpu, 1)
    out["stages_s"] = {k: round(v, 1) for k, v in stages.items()}
    if "plain_load_s" in out:
        out["ratio"] = round(total / float(out["plain_load_s"]), 2)  # type: ignore[arg-type]
    out["created"] = res.result.created
    out["path"] = res.path
    out["dossiers"] = Dossier.objects.count()
    out["steps"] = DossierStep.objects.count()
    out["events"] = DossierEvent.objects.count()
    out["fact_rows"] = DailyFact.objects.count()
    print(
        f"  (b) full import: {out['import_s']} s (Python CPU {out['import_cpu_s']} s, database CPU "
        f"{out['import_db_cpu_s']} s, {res.path} path); "
        f"stages {out['stages_s']}, load {os.getloadavg()[0]:.1f}",
        flush=True,
    )


def _reimport(src: Path, rows: int, as_of: dt.date, out: dict[str, object]) -> None:
    from cchc.dossiers.importing import import_path
    from cchc.dossiers.models import DossierEvent

    db0 = _db_cpu()
    again, wall, cpu = _timed(lambda: import_path(src, actor="bench", as_of=as_of))
    out["reimport_db_cpu_s"] = round(_db_cpu() - db0, 1)
    out["reimport_s"], out["reimport_cpu_s"], out["reimport_path"] = round(wall, 1), round(cpu, 1), again.path
    out["reimport_unchanged"] = (
        again.result.unchanged == rows and DossierEvent.objects.count() == out["events"]
    )
    print(
        f"  (d) re-import unchanged: {out['reimport_s']} s (CPU {out['reimport_cpu_s']} s, database CPU "
        f"{out['reimport_db_cpu_s']} s, {again.path} "
        f"path), nothing changed={out['reimport_unchanged']}, load {os.getloadavg()[0]:.1f}",
        flush=True,
    )


def _changes(rows: int, seed: int, workdir: Path, as_of: dt.date, out: dict[str, object]) -> None:
    from cchc.dossiers.importing import import_bytes
    from cchc.dossiers.models import DossierEvent

    n_changes = min(rows, int(os.environ.get("BENCH_CHANGES", 200_000)))
    if n_changes:
        changes = workdir / f"changes-{n_changes}-seed{seed}.csv"
        if not changes.exists():
            generate_changes(changes, n_changes, seed)
        data = changes.read_bytes()
        out["changes"] = n_changes
        if os.environ.get("BENCH_CHANGES_BOTH", "1") != "0":
            # The same file on the same ledger through each path, each rolled back afterwards: the
            # set-based path (``columnar_changes``), then the row path it replaces (forced by
            # CCHC_IMPORT_COLUMNAR_MIN_ROWS=0), then the set-based path again for real below.
            for label, least in (("changes_set_first", 1), ("changes_rows", 0)):
                out.update(_changes_undone(label, data, changes.name, as_of, least))
        events = DossierEvent.objects.count()
        db0 = _db_cpu()
        res, wall, cpu = _timed(lambda: import_bytes(data, changes.name, actor="bench", as_of=as_of))
        assert res.ok, res.errors[:3]
        out["changes_s"], out["changes_cpu_s"], out["changes_path"] = round(wall, 1), round(cpu, 1), res.path
        out["changes_db_cpu_s"] = round(_db_cpu() - db0, 1)
        out["changes_updated"] = res.result.updated
        out["changes_events"] = DossierEvent.objects.count() - events
        out["changes_fact_sums"] = _fact_sums()
        print(
            f"  (e) {n_changes:,} changes against {rows:,} stored: {out['changes_s']} s (CPU "
            f"{out['changes_cpu_s']} s, database CPU {out['changes_db_cpu_s']} s, {res.path} path), "
            f"updated {res.result.updated:,}, events {out['changes_events']:,}, "
            f"load {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        if "changes_rows_fact_sums" in out:
            same = out["changes_rows_fact_sums"] == out["changes_fact_sums"] and (
                out["changes_rows_updated"],
                out["changes_rows_events"],
            ) == (out["changes_updated"], out["changes_events"])
            out["changes_paths_agree"] = same
            print(f"      row path and set-based path agree (counts, events, fact sums): {same}", flush=True)


DRIVER = Driver(
    "bench.bench_dossier_import",
    os.environ.get("BENCH_DATABASE", "cchc_bench_import"),
    run_engine,
    default=ROWS,
    count="rows",
    result_prefix="RESULT ",
    with_folder=True,
)


def main(n: int | None = None) -> None:
    DRIVER.each_engine(n)


if __name__ == "__main__":
    DRIVER.command_line()
