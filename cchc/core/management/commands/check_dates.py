"""cchc check-dates [--repair]: stored dates outside the plausible window (core.plausible).

Exit 0 when every stored date is plausible (after the repair, if asked), 1 when some remain.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cchc.core.date_repair import implausible_dates, repair
from cchc.core.plausible import earliest, latest


class Command(BaseCommand):
    help = "Liệt kê (và sửa với --repair) các ngày đã lưu nằm ngoài khoảng hợp lý."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--repair",
            action="store_true",
            help="Xoá giá trị không bắt buộc nằm ngoài khoảng (có ghi nhật ký); giá trị bắt buộc sửa tay.",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        window = f"{earliest():%d/%m/%Y} – {latest(deadline=True):%d/%m/%Y}"
        findings = implausible_dates()
        if findings and opts["repair"]:
            changed = repair(findings, actor="cchc check-dates --repair")
            self.stdout.write(f"Đã xoá {changed} giá trị ngoài khoảng hợp lý (ghi trong nhật ký hệ thống).")
            findings = implausible_dates()
        if not findings:
            self.stdout.write(f"Mọi ngày đã lưu đều nằm trong khoảng hợp lý ({window}).")
            return
        for f in findings:
            ids = ", ".join(str(pk) for pk in f.pks) + (" …" if f.count > len(f.pks) else "")
            how = "sửa bằng --repair" if f.repairable else "bắt buộc: cần sửa tay"
            self.stdout.write(f"{f.where}: {f.count} dòng ngoài khoảng {window} ({how}) — mã dòng: {ids}")
        raise SystemExit(1)
