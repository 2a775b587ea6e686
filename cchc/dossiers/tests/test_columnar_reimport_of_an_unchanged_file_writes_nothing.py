"""Re-importing an unchanged file is recognised on the columns (the digest of each row kept with its
dossier, ``columnar_same``): nothing compared dossier by dossier, nothing written, and the same answer
the row path gives. Whatever may have changed since — a dossier written by another path, a row of the
file, a procedure's legal limit — sends those rows to a full comparison, the set-based one of
``columnar_changes``, which writes what the row path writes. Run on both engines by CI
(DATABASE_URL)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cchc.core.models import AuditEvent
from cchc.dossiers.actions import set_status
from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import Dossier, Procedure
from cchc.dossiers.tests.columnar_helpers import clear_ledger, ledger_snapshot, rich_file
from cchc.dossiers.tests.import_helpers import as_csv, make_catalogue

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2022, 4, 15)


def counts(out) -> tuple[int, int, int]:
    return (out.result.created, out.result.updated, out.result.unchanged)


def audit_rows() -> int:
    return AuditEvent.objects.filter(verb="dossiers.upsert").count()


def fast(data: bytes, world, settings):
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    return import_bytes(data, "hoso.csv", actor=world.users["office"], as_of=AS_OF)


def rows(data: bytes, world, settings):
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 0
    return import_bytes(data, "hoso.csv", actor=world.users["office"], as_of=AS_OF)


def test_an_unchanged_file_is_recognised_on_the_columns_and_nothing_is_written(world, settings):
    make_catalogue()
    data = as_csv(rich_file(150, seed=5))
    assert fast(data, world, settings).result.created == 150
    assert Dossier.objects.filter(import_hash__isnull=True).count() == 0
    before, audits = ledger_snapshot(), audit_rows()

    again = fast(data, world, settings)
    assert again.ok and again.path == "columnar"
    assert counts(again) == (0, 0, 150)
    assert ledger_snapshot() == before and audit_rows() == audits
    # The row path, comparing dossier by dossier, gives the same answer on the same ledger.
    assert counts(rows(data, world, settings)) == (0, 0, 150)
    assert ledger_snapshot() == before and audit_rows() == audits


def test_a_dry_run_of_an_unchanged_file_counts_it_unchanged(world, settings):
    make_catalogue()
    data = as_csv(rich_file(60, seed=6))
    fast(data, world, settings)
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    out = import_bytes(data, "hoso.csv", actor=world.users["office"], as_of=AS_OF, dry_run=True)
    assert out.path == "columnar" and out.result.dry_run and counts(out) == (0, 0, 60)


def changed_then_reimported(world, settings, change) -> tuple[object, dict, object, dict]:
    """The ledger after the fast path's re-import and after the row path's, from the same start."""
    make_catalogue()
    data = as_csv(rich_file(80, seed=8))
    fast(data, world, settings)
    new_data = change(data)
    out_fast = fast(new_data, world, settings)
    after_fast = ledger_snapshot()
    clear_ledger()
    Procedure.objects.filter(national_code="1.004227").update(limit_value=Decimal("3"))
    fast(data, world, settings)
    change(data)
    out_rows = rows(new_data, world, settings)
    return out_fast, after_fast, out_rows, ledger_snapshot()


def without_events(snapshot: dict) -> dict:
    # Event data names the batch and source alike, but the second import of each pair is a new batch.
    return {k: v for k, v in snapshot.items() if k != "events"}


def test_a_dossier_written_since_by_another_path_is_compared_and_restored(world, settings):
    def change(data: bytes) -> bytes:
        dossier = Dossier.objects.filter(status=4).order_by("code").first()
        assert dossier is not None and dossier.import_hash is not None
        set_status(dossier, 10, actor=world.users["office"], at=dt.datetime(2022, 3, 20, 9))
        assert Dossier.objects.get(pk=dossier.pk).import_hash is None
        return data

    out_fast, after_fast, out_rows, after_rows = changed_then_reimported(world, settings, change)
    assert out_fast.path == "columnar" and counts(out_fast) == (0, 1, 79)
    assert counts(out_rows) == counts(out_fast)
    assert without_events(after_fast) == without_events(after_rows)


def test_a_changed_row_is_compared_and_written_as_the_row_path_writes(world, settings):
    def change(data: bytes) -> bytes:
        return data.replace("Nguyễn Văn Dân".encode(), "Nguyễn Văn Dần".encode(), 1)

    out_fast, after_fast, out_rows, after_rows = changed_then_reimported(world, settings, change)
    assert out_fast.path == "columnar" and counts(out_fast) == (0, 1, 79)
    assert counts(out_rows) == counts(out_fast)
    assert without_events(after_fast) == without_events(after_rows)


def test_a_changed_legal_limit_changes_the_key_and_the_file_is_judged_again(world, settings):
    def change(data: bytes) -> bytes:
        Procedure.objects.filter(national_code="1.004227").update(limit_value=Decimal("1"))
        return data

    out_fast, after_fast, out_rows, after_rows = changed_then_reimported(world, settings, change)
    assert out_fast.path == "columnar" and out_fast.result.updated > 0
    assert counts(out_rows) == counts(out_fast)
    assert without_events(after_fast) == without_events(after_rows)


def test_saving_a_dossier_clears_its_digest(world, settings):
    make_catalogue()
    fast(as_csv(rich_file(10, seed=9)), world, settings)
    dossier = Dossier.objects.order_by("code").first()
    dossier.summary = "Sửa tay"
    dossier.save(update_fields=["summary"])
    assert Dossier.objects.get(pk=dossier.pk).import_hash is None
