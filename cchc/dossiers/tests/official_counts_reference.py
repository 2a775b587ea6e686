"""The officials' ranking counted step by step, as it was before the set-based query: the reference the
equality test and ``bench/bench_official_ranking.py`` hold ``rankings.official_counts`` to. Steps are
read in recording order so a row's name and unit come from the official's earliest step, as now."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from cchc.dossiers.models import Dossier, DossierStep, Outcome
from cchc.dossiers.queries import FINISHED_OUTCOMES
from cchc.dossiers.rankings import LeagueRow, cause_names_official, official_key


def official_counts_step_by_step(dossiers: QuerySet[Dossier]) -> list[LeagueRow]:
    finished = dossiers.filter(outcome__in=FINISHED_OUTCOMES)
    causes_by: dict[int, list[dict[str, Any]]] = {}
    for pk, outcome, causes in finished.values_list("pk", "outcome", "late_causes").iterator():
        if outcome == Outcome.LATE:
            causes_by[pk] = [
                c for c in (causes or []) if isinstance(c, dict) and c.get("kind") == "step_overrun"
            ]
    rows: dict[str, LeagueRow] = {}
    seen: set[tuple[str, int]] = set()
    blamed: set[tuple[str, int]] = set()
    steps = (
        DossierStep.objects.filter(dossier__in=finished.values("pk"))
        .order_by("pk")
        .values(
            "dossier_id",
            "official_id",
            "official_name",
            "official__full_name",
            "official__code",
            "official__unit__name",
            "unit__name",
            "unit_name",
        )
    )
    for step in steps.iterator():
        if not (step["official_id"] or (step["official_name"] or "").strip()):
            continue
        key = official_key(step)
        dossier_id = step["dossier_id"]
        row = rows.get(key)
        if row is None:
            row = rows[key] = LeagueRow(
                key,
                step["official__full_name"] or step["official_name"],
                unit_name=step["official__unit__name"] or step["unit__name"] or step["unit_name"] or "",
            )
        if (key, dossier_id) not in seen:
            seen.add((key, dossier_id))
            row.finished += 1
        if (key, dossier_id) not in blamed and any(
            cause_names_official(c, step) for c in causes_by.get(dossier_id, [])
        ):
            blamed.add((key, dossier_id))
            row.late += 1
    return list(rows.values())
