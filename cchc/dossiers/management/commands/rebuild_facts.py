"""``cchc rebuild-facts``: recompute every daily fact from the dossier ledger (facts are derived data)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from cchc.core.events import record
from cchc.dossiers import facts
from cchc.dossiers.audit_events import DossiersEvents


class Command(BaseCommand):
    help = "Tính lại toàn bộ số liệu ngày (DailyFact, UnitDailyFact) từ sổ hồ sơ."

    def handle(self, *args: Any, **opts: Any) -> None:
        def progress(n: int) -> None:
            sys.stderr.write(f"\r{n:,} hồ sơ…")
            sys.stderr.flush()

        out = facts.rebuild(progress if sys.stderr.isatty() else None)
        record(
            "cchc rebuild-facts",
            DossiersEvents.FACTS_REBUILT,
            object_type="dossiers.dailyfact",
            object_id="*",
            summary=f"Tính lại số liệu ngày: {out['rows']} dòng (theo đơn vị: {out['unit_rows']}) "
            f"từ {out['dossiers']} hồ sơ",
            data=out,
        )
        self.stdout.write(
            f"Đã tính lại số liệu ngày: {out['rows']} dòng, {out['unit_rows']} dòng theo đơn vị, "
            f"từ {out['dossiers']} hồ sơ."
        )
