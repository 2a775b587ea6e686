"""Import 1,000,000 national-format dossier rows, against a plain bulk load of the same file: target ≤ 2.5×
the plain load, and < 120 s on PostgreSQL.

    python -m bench bench_dossier_import                     # both engines
    python -m bench.bench_dossier_import --engine postgres --rows 1000000

Each engine runs in its own process on a scratch database (PostgreSQL: a database created with psql
and dropped afterwards; SQLite: a file in /tmp). Measured, in order, on an empty ledger:
  (a) plain load: the CSV into a bare table of text columns (PostgreSQL COPY … FORMAT csv; SQLite
      csv.reader + executemany in one transaction);
  (c) the same file with one bad row in the middle: must write nothing and name the row;
  (b) the full import (parse, validate, outcomes, dossiers + steps + supplements + events, facts);
  (d) the same file again (idempotent: nothing changes, nothing written).
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


def records(n: int, seed: int = 2025) -> Iterator[dict[str, Any]]:
    """n dossiers received in 2025 by UNITS units for PROCEDURES procedures, as national-shape objects
    (the CSV's cells; the lists as lists). Deterministic."""
    rng = random.Random(seed)
    start = dt.datetime(2025, 1, 2, 7, 30)
    for i in range(n):
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


def generate(path: Path, n: int, seed: int = 2025) -> None:
    """The records as the national CSV (lists as JSON text in their cells)."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(",".join(HEADER) + "\n")
        for rec in records(n, seed):
            row = [
                (csv_cell(json.dumps(v, ensure_ascii=False)) if v else "") if isinstance(v, list) else v
                for v in rec.values()
            ]
            fh.write(",".join(row) + "\n")


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


ROWS_RUN = ROWS


def run_engine(engine: str, rows: int, workdir: Path) -> dict[str, object]:
    global ROWS_RUN
    ROWS_RUN = rows
    import django

    django.setup()
    from django.core.management import call_command

    from cchc.dossiers.importing import import_bytes
    from cchc.dossiers.models import DailyFact, Dossier, DossierEvent, DossierStep

    call_command("migrate", verbosity=0)
    setup_org()
    src = workdir / f"dossiers-{rows}.csv"
    if not src.exists():
        t0 = time.perf_counter()
        generate(src, rows)
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

    plain_s = plain_load(src)
    out["plain_load_s"] = round(plain_s, 1)
    print(f"  (a) plain bulk load: {out['plain_load_s']} s", flush=True)

    bad = workdir / f"dossiers-{rows}-bad.csv"
    bad_row = with_bad_row(src, bad, rows // 2)
    t0 = time.perf_counter()
    res = import_bytes(bad.read_bytes(), bad.name, actor="bench", as_of=dt.date(2026, 1, 31))
    out["bad_row_s"] = round(time.perf_counter() - t0, 1)
    named = [(e.row, e.field) for e in res.errors]
    out["bad_row_named"] = named == [(bad_row, "NgayTiepNhan")]
    out["bad_row_wrote_nothing"] = not Dossier.objects.exists() and not DossierEvent.objects.exists()
    print(
        f"  (c) one bad row: {out['bad_row_s']} s, errors={named}, "
        f"wrote nothing={out['bad_row_wrote_nothing']}"
    )
    bad.unlink()

    stages: dict[str, float] = {}
    t_start = time.perf_counter()
    last = [t_start, "parse"]

    def progress(stage: str, done: int, total: int) -> None:
        if stage != last[1]:
            now = time.perf_counter()
            stages[str(last[1])] = stages.get(str(last[1]), 0) + now - float(last[0])  # type: ignore[arg-type]
            last[0], last[1] = now, stage

    cpu0 = time.process_time()
    res = import_bytes(
        src.read_bytes(), src.name, actor="bench", as_of=dt.date(2026, 1, 31), progress=progress
    )
    total = time.perf_counter() - t_start
    out["import_cpu_s"] = round(time.process_time() - cpu0, 1)
    stages[str(last[1])] = stages.get(str(last[1]), 0) + time.perf_counter() - float(last[0])  # type: ignore[arg-type]
    assert res.ok, res.errors[:3]
    out["import_s"] = round(total, 1)
    out["stages_s"] = {k: round(v, 1) for k, v in stages.items()}
    out["ratio"] = round(total / plain_s, 2)  # unrounded: a small smoke run loads in under 0.05 s
    out["created"] = res.result.created
    out["path"] = res.path
    out["dossiers"] = Dossier.objects.count()
    out["steps"] = DossierStep.objects.count()
    out["events"] = DossierEvent.objects.count()
    out["fact_rows"] = DailyFact.objects.count()
    print(
        f"  (b) full import: {out['import_s']} s (Python CPU {out['import_cpu_s']} s) "
        f"= {out['ratio']}× plain; "
        f"stages {out['stages_s']}",
        flush=True,
    )

    t0 = time.perf_counter()
    again = import_bytes(src.read_bytes(), src.name, actor="bench", as_of=dt.date(2026, 1, 31))
    out["reimport_s"] = round(time.perf_counter() - t0, 1)
    out["reimport_unchanged"] = (
        again.result.unchanged == rows and DossierEvent.objects.count() == out["events"]
    )
    print(f"  (d) re-import unchanged: {out['reimport_s']} s, nothing changed={out['reimport_unchanged']}")
    out["load_average_end"] = os.getloadavg()[0]
    return out


DRIVER = Driver(
    "bench.bench_dossier_import",
    "cchc_bench_import",
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
