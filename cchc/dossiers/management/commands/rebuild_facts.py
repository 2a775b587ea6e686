"""``cchc rebuild-facts``: recompute every daily fact from the dossier ledger (facts are derived data)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from cchc.dossiers.actions.facts import rebuild_facts


class Command(BaseCommand):
    help = "Tính lại toàn bộ số liệu ngày (DailyFact, UnitDailyFact) từ sổ hồ sơ."

    def handle(self, *args: Any, **opts: Any) -> None:
        def progress(n: int) -> None:
            sys.stderr.write(f"\r{n:,} hồ sơ…")
            sys.stderr.flush()

        out = rebuild_facts("cchc rebuild-facts", progress if sys.stderr.isatty() else None)
        self.stdout.write(
            f"Đã tính lại số liệu ngày: {out['rows']} dòng, {out['unit_rows']} dòng theo đơn vị, "
            f"từ {out['dossiers']} hồ sơ."
        )
