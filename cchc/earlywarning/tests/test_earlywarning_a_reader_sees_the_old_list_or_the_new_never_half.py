"""While the refresh replaces the stored risks, another connection (a page being served) sees the old
list or the new one, whole: never half of each, never an empty or missing table, never an error.

PostgreSQL only (the refresh swaps tables there; SQLite's in-memory test database cannot serve a second
connection while one writes). The reader runs in a thread with its own connection, at fixed moments:
while the new table is being filled (it must see the old list at once), and between the swap and the
commit (it must wait, then see the new list), then in a loop during a whole refresh. A connection that
holds the table for long (a backup's pg_dump) does not keep the refresh, or the pages, waiting: the new
set is then copied in row by row."""

import datetime as dt
import random
import threading
import time

import pytest
from django.db import connection, transaction

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

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a second connection during the write needs a server database"
)
LATER, LATER_NOW = TODAY + dt.timedelta(days=1), NOW + dt.timedelta(days=1)


def _look() -> tuple[int, tuple[dt.date, ...]]:
    """What a page sees in one statement: how many rows, and which mornings they were computed on."""
    with connection.cursor() as c:
        c.execute(f"SELECT count(*), array_agg(DISTINCT computed_on) FROM {Risk._meta.db_table}")
        n, days = c.fetchone()
    return n, tuple(sorted(days or []))


class Reader(threading.Thread):
    def __init__(self, times: int = 1) -> None:
        super().__init__()
        self.times = times
        self.seen: list[tuple[int, tuple[dt.date, ...]]] = []
        self.errors: list[BaseException] = []

    def run(self) -> None:
        try:
            for _ in range(self.times):
                self.seen.append(_look())
        except BaseException as exc:  # reported by the test: a thread's exception would vanish
            self.errors.append(exc)
        finally:
            connection.close()


def _waiting_on_a_lock() -> bool:
    with connection.cursor() as c:
        c.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return c.fetchone()[0] > 0


@pytest.mark.django_db(transaction=True)
def test_a_reader_sees_the_old_list_while_filling_and_the_new_one_after_the_swap(
    world, settings, monkeypatch
):
    settings.CCHC_EARLY_WARNING_MIN_HISTORY = 4
    _ledger(world, random.Random(3))
    refresh(TODAY, NOW)
    old = _look()
    assert old[0] > 50 and old[1] == (TODAY,)

    during_fill: list[Reader] = []
    real_write = bulk.write_dossier_risks

    def write_and_look(*args, **kwargs):
        real_write(*args, **kwargs)  # the new table is full, not yet swapped in
        reader = Reader()
        reader.start()
        reader.join(timeout=30)
        during_fill.append(reader)

    after_swap: list[Reader] = []
    real_bulk_create = Risk.objects.bulk_create

    def bulk_create_and_look(*args, **kwargs):  # runs after the swap, before the commit
        reader = Reader()
        reader.start()
        deadline = time.monotonic() + 30
        while not _waiting_on_a_lock() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert reader.is_alive(), "the reader did not wait for the swap's commit"
        after_swap.append(reader)
        return real_bulk_create(*args, **kwargs)

    monkeypatch.setattr(bulk, "write_dossier_risks", write_and_look)
    monkeypatch.setattr(Risk.objects, "bulk_create", bulk_create_and_look)
    refresh(LATER, LATER_NOW)
    new = _look()
    after_swap[0].join(timeout=30)

    assert new[1] == (LATER,)
    assert [r.errors for r in during_fill + after_swap] == [[], []]
    assert during_fill[0].seen == [old]
    assert after_swap[0].seen == [new]


@pytest.mark.django_db(transaction=True)
def test_a_reader_polling_through_whole_refreshes_only_ever_sees_a_whole_list(world, settings):
    settings.CCHC_EARLY_WARNING_MIN_HISTORY = 4
    _ledger(world, random.Random(11))
    refresh(TODAY, NOW)
    lists = {_look()}
    stop = threading.Event()
    seen: list[tuple[int, tuple[dt.date, ...]]] = []
    errors: list[BaseException] = []

    def poll() -> None:
        try:
            while not stop.is_set():
                seen.append(_look())
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    reader = threading.Thread(target=poll)
    reader.start()
    try:
        for k in range(1, 3):
            refresh(TODAY + dt.timedelta(days=k), NOW + dt.timedelta(days=k))
            lists.add(_look())
    finally:
        stop.set()
        reader.join(timeout=60)
    assert not errors, errors[:1]
    assert len(lists) == 3 and seen and set(seen) <= lists


@pytest.mark.django_db(transaction=True)
def test_a_backup_holding_the_table_makes_the_refresh_copy_row_by_row_instead_of_waiting(
    world, settings, monkeypatch
):
    settings.CCHC_EARLY_WARNING_MIN_HISTORY = 4
    monkeypatch.setattr(bulk, "SWAP_WAIT_MS", 200)
    _ledger(world, random.Random(13))
    for n in range(3):  # tasks: written after the copy, their ids after the copied rows' ids
        _deadline(world, 900 + n, start=TODAY - dt.timedelta(days=20), due=TODAY + dt.timedelta(days=n))
    refresh(TODAY, NOW)
    holding, release = threading.Event(), threading.Event()
    backup = Reader()

    def hold() -> None:  # what pg_dump does: one transaction that has read every table, for minutes
        try:
            with transaction.atomic():
                backup.seen.append(_look())
                holding.set()
                release.wait(timeout=120)
                backup.seen.append(_look())  # its snapshot is per statement: the new list, whole
        except BaseException as exc:
            backup.errors.append(exc)
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(timeout=30)
        refresh(LATER, LATER_NOW)
        new = _look()
    finally:
        release.set()
        holder.join(timeout=30)
    assert not backup.errors, backup.errors[:1]
    assert new[1] == (LATER,) and backup.seen[1] == new
    assert Risk.objects.filter(kind=Kind.TASK).count() == 3
    assert Risk.objects.values("id").distinct().count() == new[0]
