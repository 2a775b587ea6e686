"""A 1.5 MB workbook that unpacks to 1.5 GB, and one just under the limit: how long the refusal (or the
check) takes and how much memory it needs (the target: a refusal in under 5 s and under 300 MB).

Run: ``.venv/bin/python -m bench bench_zip_bomb``.
"""

from __future__ import annotations

import io
import resource
import time
import tracemalloc
import zipfile

from cchc.lib.zipguard import Limits, WorkbookRefused, check_workbook

LIMITS = Limits(uncompressed_bytes=256 * 1024 * 1024, cells=10_000_000)
CHUNK = b"<c><v>0</v></c>" * 65536  # ~1 MB of sheet cells


def build(unpacked_mb: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(b'<worksheet><dimension ref="A1:B2"/><sheetData>')
            for _ in range(unpacked_mb):
                fh.write(CHUNK[: 1024 * 1024])
            fh.write(b"</sheetData></worksheet>")
    return buf.getvalue()


def measure(label: str, data: bytes) -> None:
    tracemalloc.start()
    start = time.perf_counter()
    try:
        check_workbook(data, LIMITS)
        verdict = "accepted"
    except WorkbookRefused:
        verdict = "refused"
    took = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{label}: file {len(data) / 1e6:.1f} MB, {verdict} in {took:.3f} s, "
        f"peak Python allocations {peak / 1e6:.1f} MB"
    )


def main() -> None:
    bomb = build(1500)
    measure("1.5 GB sheet", bomb)
    measure("250 MB sheet (just under the 256 MB limit: every byte streamed)", build(250))
    print(f"process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
