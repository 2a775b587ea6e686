"""Recomputing the daily facts from the ledger (they are derived data), with its audit row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from cchc.core.events import record
from cchc.dossiers import cause_marks, facts, official_facts
from cchc.dossiers.audit_events import DossiersEvents


def rebuild_facts(actor: Any, progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Rebuild every DailyFact, UnitDailyFact, OfficialDailyFact, the results report's summary
    (``result_facts``) and the late causes' rows the late list filters on (``cause_marks``); returns the
    counts the rebuilds report."""
    # Loaded here: the summary frames need polars, which ``cchc rebuild-facts --help`` must not load.
    from cchc.dossiers import result_facts

    out = facts.rebuild(progress)
    out.update(official_facts.rebuild())
    out.update(result_facts.rebuild())
    with transaction.atomic():
        out["cause_rows"] = cause_marks.rebuild()
    record(
        actor,
        DossiersEvents.FACTS_REBUILT,
        object_type="dossiers.dailyfact",
        object_id="*",
        summary=f"Tính lại số liệu ngày: {out['rows']} dòng (theo đơn vị: {out['unit_rows']}, "
        f"theo cán bộ: {out['official_rows']}) "
        f"từ {out['dossiers']} hồ sơ",
        data=out,
    )
    return out
