"""The refresh's PostgreSQL write path (the new set built in a second table and swapped in) stores
exactly the rows the row-by-row path (delete everything, insert the new set) stores, on random ledgers;
after the swap the risk table has the same indexes and constraints under the same names, and its ids
keep counting. On SQLite both calls take the row-by-row path (there is no swap), and the test checks
that it is repeatable."""

import datetime as dt
import random

import pytest
from django.db import IntegrityError, connection, transaction

from cchc.earlywarning import bulk
from cchc.earlywarning.models import Kind, Risk
from cchc.earlywarning.refresh import refresh
from cchc.earlywarning.tests.test_earlywarning_refresh_stores_what_the_per_dossier_model_says import (
    NOW,
    TODAY,
    _ledger,
)
from cchc.earlywarning.tests.test_earlywarning_scores_tasks_and_petitions_from_the_units_history import (
    _deadline,
)


def _rows() -> dict[tuple[str, int], dict[str, object]]:
    """Every stored risk, all columns but the id (a new id per refresh), by item."""
    fields = [f.attname for f in Risk._meta.concrete_fields if f.attname != "id"]
    return {(r["kind"], r["object_id"]): r for r in Risk.objects.values(*fields)}


def _catalogue() -> list[tuple[str, str]]:
    with connection.cursor() as c:
        c.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s ORDER BY indexname",
            [Risk._meta.db_table],
        )
        indexes = c.fetchall()
        c.execute(
            "SELECT conname, contype FROM pg_constraint WHERE conrelid = %s::regclass ORDER BY conname",
            [Risk._meta.db_table],
        )
        return [*indexes, *c.fetchall()]


@pytest.mark.parametrize("seed", [19, 5, 2024])
def test_the_swapped_in_set_equals_the_row_by_row_set_to_the_last_digit(world, settings, monkeypatch, seed):
    settings.CCHC_EARLY_WARNING_MIN_HISTORY = 4
    _ledger(world, random.Random(seed))
    for n in range(3):  # tasks too: they are written after the swap, into the new table
        _deadline(world, 900 + n, start=TODAY - dt.timedelta(days=20), due=TODAY + dt.timedelta(days=n))
    swaps = bulk.swaps()
    catalogue = _catalogue() if swaps else []

    monkeypatch.setattr(bulk, "swaps", lambda: False)
    refresh(TODAY, NOW)
    row_by_row = _rows()
    last_id = max(Risk.objects.values_list("id", flat=True))

    monkeypatch.setattr(bulk, "swaps", lambda: swaps)
    refresh(TODAY, NOW)
    swapped = _rows()

    assert swapped == row_by_row
    assert (
        len(swapped) > 50
        and any(k == Kind.STEP for k, _ in swapped)
        and any(k == Kind.TASK for k, _ in swapped)
    )
    assert min(Risk.objects.values_list("id", flat=True)) > last_id  # yesterday's link names no new item
    if swaps:
        assert _catalogue() == catalogue
        # The unique key is a real constraint again, not only an index.
        r = Risk.objects.filter(kind=Kind.DOSSIER).first()
        assert r is not None
        r.pk = None
        with pytest.raises(IntegrityError), transaction.atomic():
            r.save()


def test_a_refresh_that_fails_midway_leaves_yesterdays_list(world, settings, monkeypatch):
    settings.CCHC_EARLY_WARNING_MIN_HISTORY = 4
    _ledger(world, random.Random(7))
    refresh(TODAY, NOW)
    before = _rows()

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Risk.objects, "bulk_create", broken)  # the last write of the refresh
    with pytest.raises(RuntimeError):
        refresh(TODAY + dt.timedelta(days=1), NOW + dt.timedelta(days=1))
    assert _rows() == before
