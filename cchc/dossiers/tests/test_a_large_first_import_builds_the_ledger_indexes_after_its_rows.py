"""A columnar import of new dossiers into empty ledger tables drops their secondary indexes inside its
transaction and builds them again after the writes (``deferred_indexes``): the stored rows are the
ones the import writes with its indexes kept (dossiers, causes, steps, supplements, events, daily and
unit facts, per-official facts), in one piece and in slices; the indexes afterwards are the ones the
tables had; an import that fails after the drop leaves the indexes and the ledger as they were; a
table holding rows keeps its indexes. Run on both engines by CI (DATABASE_URL)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction

from cchc.dossiers import deferred_indexes, facts
from cchc.dossiers.columnar import LEDGER_TABLES
from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import Dossier, OfficialDailyFact
from cchc.dossiers.tests.columnar_helpers import clear_ledger, ledger_snapshot, rich_file
from cchc.dossiers.tests.import_helpers import as_csv, make_catalogue

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2022, 4, 15)
SLICE = 6000  # bytes: 120 rich rows make several slices
KEPT = 10**9  # a threshold no test file reaches: the indexes are kept


def indexes() -> dict[str, dict]:
    """Every index and constraint of the ledger tables as the database describes them."""
    with connection.cursor() as cur:
        return {t: connection.introspection.get_constraints(cur, t) for t in LEDGER_TABLES}


def official_facts() -> list:
    return sorted(
        OfficialDailyFact.objects.values_list(
            "day", "handling_unit_id", "receiving_unit_id", "official_id", "name_key", "finished", "late"
        ),
        key=repr,
    )


def import_new(data: bytes, office, settings, *, rebuild: bool, sliced: bool):
    clear_ledger()
    OfficialDailyFact.objects.all().delete()
    settings.CCHC_IMPORT_REBUILD_INDEXES_MIN_ROWS = 1 if rebuild else KEPT
    settings.CCHC_IMPORT_COLUMNAR_MAX_BYTES = SLICE if sliced else 64 * 1024 * 1024
    out = import_bytes(data, "hoso.csv", actor=office, as_of=AS_OF)
    assert out.ok and out.path == "columnar" and out.result.created == 120, out.errors[:3]
    return ledger_snapshot(), official_facts()


@pytest.mark.parametrize("sliced", [False, True], ids=["one piece", "slices"])
def test_the_rebuilt_indexes_and_the_stored_rows_are_the_kept_indexes_ones(world, settings, sliced):
    make_catalogue()
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    data = as_csv(rich_file(120, seed=11))
    office = world.users["office"]
    before = indexes()

    kept = import_new(data, office, settings, rebuild=False, sliced=sliced)
    rebuilt = import_new(data, office, settings, rebuild=True, sliced=sliced)

    assert kept[0]["dossiers"] and kept[0]["steps"] and kept[0]["facts"] and kept[1]
    for table in ("dossiers", "causes", "steps", "supplements", "events", "facts", "unit_facts"):
        assert rebuilt[0][table] == kept[0][table], table
    assert rebuilt[1] == kept[1]
    assert indexes() == before


def test_the_secondary_indexes_are_really_dropped_while_the_rows_are_written(world, settings):
    settings.CCHC_IMPORT_REBUILD_INDEXES_MIN_ROWS = 1
    before = indexes()
    dossiers = Dossier._meta.db_table
    # The plain ones: on every column list (the late list's partial indexes stay on PostgreSQL).
    plain = {
        n
        for n, c in before[dossiers].items()
        if c["index"] and not c["unique"] and None not in c["columns"] and "late" not in n and "open" not in n
    }
    assert {"dossier_list_order_idx", "dossier_updated_idx"} < plain and len(plain) >= 5
    with transaction.atomic(), deferred_indexes.rebuilt_after(LEDGER_TABLES, 5) as deferred:
        assert dossiers in deferred
        during = indexes()[dossiers]
        assert not plain & set(during)
        assert "dossier_code_unique" in during  # unique ones keep checking every row
    assert indexes() == before


def test_an_import_failing_after_the_drop_leaves_the_indexes_and_the_ledger_as_they_were(
    world, settings, monkeypatch
):
    make_catalogue()
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    settings.CCHC_IMPORT_REBUILD_INDEXES_MIN_ROWS = 1
    before, ledger = indexes(), ledger_snapshot()

    def broken(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(facts, "apply_columns", broken)
    with pytest.raises(RuntimeError):
        import_bytes(as_csv(rich_file(120, seed=12)), "hoso.csv", actor=world.users["office"], as_of=AS_OF)
    assert indexes() == before
    assert ledger_snapshot() == ledger


def test_a_table_holding_rows_keeps_its_indexes(world, settings):
    make_catalogue()
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    settings.CCHC_IMPORT_REBUILD_INDEXES_MIN_ROWS = KEPT
    import_bytes(as_csv(rich_file(120, seed=13)), "hoso.csv", actor=world.users["office"], as_of=AS_OF)
    settings.CCHC_IMPORT_REBUILD_INDEXES_MIN_ROWS = 1
    with transaction.atomic(), deferred_indexes.rebuilt_after(LEDGER_TABLES, 5) as deferred:
        assert deferred == []
    assert Dossier.objects.count() == 120
