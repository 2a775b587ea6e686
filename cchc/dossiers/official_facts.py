"""Per-official daily facts: what the officials' ranking reads instead of every step of the period.

A finished dossier (early, on time or late, with an end instant) contributes, for every official who
handled one of its steps, one finished dossier and, when it is late and a stored ``step_overrun`` cause
blames that official (by account id, ``blame.blames``), one late dossier — the attribution ``rankings``
uses. The row is keyed by the local day the dossier ended (what ``rankings.finished_between`` filters
on), its handling and receiving units (what ``queries.dossiers_for`` scopes on) and the official: the
account when the step has one, else the step's name with spaces and case folded. ``first_step`` is the
official's earliest step among those dossiers, where the ranking takes a row's name and unit from.

Rows are not adjusted by differences (the earliest step cannot be subtracted): every write recomputes
the (handling unit, day) groups its dossiers were in before and are in after, from the ledger, in the
write transaction (``kept_for``). ``rebuild`` recomputes everything with the same function, and
``tests/test_official_facts_equal_the_ledger_reading.py`` holds both to the reading from the steps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction
from django.db.models import Max, QuerySet

from cchc.dossiers.blame import blames, fold, overrun_causes
from cchc.dossiers.facts import local_day
from cchc.dossiers.models import Dossier, DossierStep, OfficialDailyFact, Outcome

FINISHED = (Outcome.EARLY, Outcome.ON_TIME, Outcome.LATE)
ROW_COLUMNS = (
    "day",
    "handling_unit_id",
    "receiving_unit_id",
    "official_id",
    "name_key",
    "finished",
    "late",
    "first_step",
)
Group = tuple[int, dt.date]  # (handling unit, local day the dossier ended)
RowKey = tuple[dt.date, int, int | None, int | None, str]
CHUNK = 500  # ids per ``__in``: SQLite's variable limit, and small enough for one reading of steps


def _names_official(cause: dict[str, Any], step: tuple[Any, ...]) -> bool:
    """``blame.blames`` on a step tuple (dossier, pk, account id, name)."""
    return blames(cause, step[2], step[3])


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
                if named and who not in blamed and any(_names_official(c, step) for c in named):
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


def _finished(qs: QuerySet[Dossier]) -> QuerySet[Dossier]:
    return qs.filter(outcome__in=FINISHED, end_at__isnull=False)


def _values(qs: QuerySet[Dossier]) -> Iterator[tuple[Any, ...]]:
    return (
        _finished(qs)
        .values_list("pk", "handling_unit_id", "receiving_unit_id", "end_at", "outcome", "late_causes")
        .iterator(chunk_size=5000)
    )


def _write(out: dict[RowKey, list[int]]) -> None:
    from cchc.dossiers import bulk

    rows = ((*k[:3], k[3], k[4], *v) for k, v in sorted(out.items(), key=lambda kv: kv[0][:2]))
    bulk.insert_rows(OfficialDailyFact._meta.db_table, ROW_COLUMNS, rows)


def _batched(values: Iterator[tuple[Any, ...]], size: int = 20000) -> Iterator[list[tuple[Any, ...]]]:
    batch: list[tuple[Any, ...]] = []
    for v in values:
        batch.append(v)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def rebuild(progress: Callable[[int], Any] | None = None) -> dict[str, int]:
    """Replace every row by a fresh computation from the ledger (one transaction; dossiers read by
    ranges of ids so memory stays bounded)."""
    out: dict[RowKey, list[int]] = {}
    top = Dossier.objects.aggregate(m=Max("pk"))["m"] or 0
    step = 50000
    done = 0
    for start in range(0, top + 1, step):
        for batch in _batched(_values(Dossier.objects.filter(pk__gte=start, pk__lt=start + step))):
            contributions(batch, out)
            done += len(batch)
        if progress is not None:
            progress(done)
    with transaction.atomic():
        OfficialDailyFact.objects.all().delete()
        _write(out)
    return {"official_rows": len(out)}


def refresh(groups: Iterable[Group]) -> int:
    """Recompute the rows of these (handling unit, day) groups from the ledger, inside the caller's
    transaction. Returns the number of rows written."""
    by_day: dict[dt.date, set[int]] = {}
    for unit, day in groups:
        if unit is not None and day is not None:
            by_day.setdefault(day, set()).add(unit)
    if not by_day:
        return 0
    from cchc.dossiers.queries import local_day_start

    table = OfficialDailyFact._meta.db_table
    out: dict[RowKey, list[int]] = {}
    with connection.cursor() as cur:
        for day, units in sorted(by_day.items()):
            unit_ids = sorted(units)
            for i in range(0, len(unit_ids), CHUNK):
                chunk = unit_ids[i : i + CHUNK]
                marks = ", ".join(["%s"] * len(chunk))
                cur.execute(
                    f"DELETE FROM {table} WHERE day = %s AND handling_unit_id IN ({marks})", [day, *chunk]
                )
                qs = Dossier.objects.filter(
                    handling_unit_id__in=chunk,
                    end_at__gte=local_day_start(day),
                    end_at__lt=local_day_start(day + dt.timedelta(days=1)),
                )
                contributions(list(_values(qs)), out)
    _write(out)
    return len(out)


def groups_of(codes: list[str]) -> set[Group]:
    """The (handling unit, day) groups the finished dossiers with these codes are counted in now."""
    found: set[Group] = set()
    for i in range(0, len(codes), CHUNK):
        for unit, end_at in _finished(Dossier.objects.filter(code__in=codes[i : i + CHUNK])).values_list(
            "handling_unit_id", "end_at"
        ):
            found.add((unit, local_day(end_at)))  # type: ignore[arg-type]
    return found


@contextmanager
def kept_for(codes: list[str], *, new: bool = False) -> Iterator[None]:
    """Around a write of the dossiers with these codes, inside its transaction: the groups they were
    counted in before (none when ``new``: the batch only creates dossiers) and after are recomputed."""
    before = set() if new else groups_of(codes)
    yield
    refresh(before | groups_of(codes))
