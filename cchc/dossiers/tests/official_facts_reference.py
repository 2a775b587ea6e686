"""The per-official daily facts as the per-dossier Python reading computed them before the set-based
``official_facts`` (unchanged from that module, minus the writing): the reference the set-based rows are
held equal to (``test_set_based_official_facts_equal_the_python_reading.py``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from cchc.dossiers.blame import blames, fold, overrun_causes
from cchc.dossiers.facts import local_day
from cchc.dossiers.models import Dossier, DossierStep, OfficialDailyFact, Outcome
from cchc.dossiers.official_facts import ROW_COLUMNS

FINISHED = (Outcome.EARLY, Outcome.ON_TIME, Outcome.LATE)
RowKey = tuple[dt.date, int, int | None, int | None, str]
CHUNK = 500


def contributions(dossiers: Iterable[tuple[Any, ...]], out: dict[RowKey, list[int]]) -> None:
    """Add the contributions of ``dossiers`` (pk, handling unit, receiving unit, end_at, outcome,
    late_causes; finished ones) to ``out``: {row key: [finished, late, first step]}."""
    by_pk = {d[0]: d for d in dossiers}
    ids = list(by_pk)
    for i in range(0, len(ids), CHUNK):
        steps: dict[int, list[tuple[Any, ...]]] = {}
        for step in DossierStep.objects.filter(dossier_id__in=ids[i : i + CHUNK]).values_list(
            "dossier_id", "pk", "official_id", "official_name"
        ):
            steps.setdefault(step[0], []).append(step)
        for pk, one in steps.items():
            _, unit, receiving, end_at, outcome, causes = by_pk[pk]
            day = local_day(end_at)
            named = overrun_causes(causes) if outcome == Outcome.LATE else []
            first: dict[tuple[int | None, str], int] = {}
            blamed: set[tuple[int | None, str]] = set()
            for step in one:
                if step[2] is not None:
                    who: tuple[int | None, str] = (step[2], "")
                elif (step[3] or "").strip():
                    who = (None, fold(step[3]))
                else:
                    continue
                if who not in first or step[1] < first[who]:
                    first[who] = step[1]
                if named and who not in blamed and any(blames(c, step[2], step[3]) for c in named):
                    blamed.add(who)
            for who, step_pk in first.items():
                key: RowKey = (day, unit, receiving, who[0], who[1])  # type: ignore[assignment]
                row = out.get(key)
                if row is None:
                    out[key] = [1, int(who in blamed), step_pk]
                else:
                    row[0] += 1
                    row[1] += int(who in blamed)
                    row[2] = min(row[2], step_pk)


def reference_rows() -> list[tuple[Any, ...]]:
    """Every row the Python reading gives for the whole ledger, as (day, handling unit, receiving unit,
    official, name key, finished, late, first step), sorted."""
    out: dict[RowKey, list[int]] = {}
    values = Dossier.objects.filter(outcome__in=FINISHED, end_at__isnull=False).values_list(
        "pk", "handling_unit_id", "receiving_unit_id", "end_at", "outcome", "late_causes"
    )
    contributions(list(values), out)
    return sorted(((*k, *v) for k, v in out.items()), key=repr)


def stored_rows() -> list[tuple[Any, ...]]:
    """Every stored per-official fact, in the columns and order of ``reference_rows``."""
    return sorted(OfficialDailyFact.objects.values_list(*ROW_COLUMNS), key=repr)
