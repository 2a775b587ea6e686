"""``cchc demo-dossiers --count N --seed S [--out FILE] [--year YYYY]``: a year of demo dossiers.

Without --year, the twelve months up to the demo's today (``CCHC_DEMO_TODAY`` or the date).

Loads the demo procedure catalogue, then writes the dossiers into the database (through the import
path, in batches, with a progress line on stderr) or, with --out, into a JSON file in the national
sync shape. The same seed gives the same dossiers. Bad input: a Vietnamese message, exit status 2.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cchc.dossiers.demo import progress_line, run
from cchc.dossiers.demo_generator import DEFAULT_SEED, DemoError


class Command(BaseCommand):
    help = (
        "Sinh hồ sơ TTHC trình diễn cho một năm của thành phố trình diễn (vào cơ sở dữ liệu hoặc tệp JSON)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", default="10000", help="số hồ sơ (mặc định 10000)")
        parser.add_argument(
            "--seed", default=str(DEFAULT_SEED), help=f"hạt giống ngẫu nhiên (mặc định {DEFAULT_SEED})"
        )
        parser.add_argument("--year", default="", help="một năm dương lịch (mặc định: 12 tháng tới hôm nay)")
        parser.add_argument(
            "--out", help="ghi ra tệp JSON theo tên trường của Cổng DVC quốc gia thay vì vào CSDL"
        )
        parser.add_argument("--quiet", action="store_true", help="không hiện dòng tiến độ")

    def fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(2)

    def handle(self, *args: Any, **opts: Any) -> None:
        numbers: dict[str, int] = {}
        for name, label in (("count", "--count"), ("seed", "--seed"), ("year", "--year")):
            if name == "year" and not str(opts[name]).strip():
                continue
            try:
                numbers[name] = int(str(opts[name]).replace(".", "").replace("_", ""))
            except ValueError:
                self.fail(f"{label} phải là một số nguyên, không phải «{opts[name]}».")
        if numbers["count"] < 1:
            self.fail("--count phải lớn hơn 0.")
        out = Path(opts["out"]) if opts.get("out") else None
        if out is not None and not out.parent.exists():
            self.fail(f"Thư mục {out.parent} không tồn tại (--out).")
        # The raw stream under Django's wrapper: the progress line rewrites itself with "\r" on a terminal.
        stream = getattr(self.stderr, "_out", sys.stderr)
        progress = None if opts.get("quiet") else progress_line(stream)
        try:
            result = run(
                numbers["count"], seed=numbers["seed"], year=numbers.get("year"), out=out, progress=progress
            )
        except DemoError as exc:
            self.fail(str(exc))
            return
        self.stdout.write(result.summary())
