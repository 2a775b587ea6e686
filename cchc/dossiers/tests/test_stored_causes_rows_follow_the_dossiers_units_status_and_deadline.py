"""The causes' rows (``DossierCause``) carry the dossier's columns the late list counts on (units, status,
outcome, deadlines, named cause: ``models.causes.COPIED``) and keep them equal to the dossier's after every
write — the row import and the columnar import (new and changed dossiers, a dossier moved to another unit
among them), ``Dossier.save`` with and without the causes, ``cause_marks.rebuild`` — so the list's counts
read from those rows alone (``late_rows.cause_rows``) stay exact. Run on both engines by CI."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cchc.dossiers import cause_marks
from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import Dossier, DossierCause, Outcome, Status
from cchc.dossiers.models.causes import COPIED
from cchc.dossiers.tests.columnar_helpers import clear_ledger, rich_file
from cchc.dossiers.tests.factories import dossier
from cchc.dossiers.tests.import_helpers import as_csv, make_catalogue

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2022, 4, 15)


def out_of_step() -> list[tuple[Any, ...]]:
    """Rows whose copied columns differ from their dossier's."""
    dossiers = {row[0]: row[1:] for row in Dossier.objects.values_list("pk", *COPIED)}
    return [
        row for row in DossierCause.objects.values_list("dossier_id", *COPIED) if row[1:] != dossiers[row[0]]
    ]


def units_of_dossiers_with_rows() -> dict[str, int]:
    with_rows = set(DossierCause.objects.values_list("dossier_id", flat=True))
    return {
        code: u
        for pk, code, u in Dossier.objects.values_list("pk", "code", "handling_unit_id")
        if pk in with_rows
    }


@pytest.mark.parametrize("columnar", [False, True])
def test_both_import_paths_copy_the_columns_and_a_changed_dossier_moves_its_rows(world, settings, columnar):
    make_catalogue()
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1 if columnar else 0
    path = "columnar" if columnar else "rows"
    first = import_bytes(as_csv(rich_file(300)), "hoso.csv", actor=world.users["office"], as_of=AS_OF)
    assert first.ok and first.path == path
    assert DossierCause.objects.filter(handling_unit__isnull=False).count() > 20
    assert out_of_step() == []
    before = units_of_dossiers_with_rows()

    # The same codes with other contents: units, statuses, outcomes and deadlines change.
    second = import_bytes(
        as_csv(rich_file(300, seed=8)),
        "hoso.csv",
        actor=world.users["office"],
        as_of=AS_OF + dt.timedelta(30),
    )
    assert second.ok and second.path == path and second.result.updated
    assert out_of_step() == []
    after = units_of_dossiers_with_rows()
    moved = [code for code in before.keys() & after.keys() if before[code] != after[code]]
    assert moved  # dossiers with causes before and after that changed unit: their rows followed
    clear_ledger()


def test_a_save_with_or_without_the_causes_carries_the_columns_to_the_rows(world):
    d = dossier(
        world,
        "CP-SAVE",
        handling="p1",
        receiving="p1_mc",
        outcome=Outcome.LATE,
        causes=[{"kind": "unattributed"}, {"kind": "software_closing", "official": None}],
    )
    assert DossierCause.objects.filter(dossier=d).count() == 2
    assert out_of_step() == []
    row = DossierCause.objects.filter(dossier=d).values(*COPIED).first()
    assert row is not None and row["handling_unit_id"] == world.units["p1"].pk and row["named_cause"]

    # Moved to another unit, reopened, its deadline shifted: saves that leave the causes alone.
    d.handling_unit = world.units["p2"]
    d.save(update_fields=["handling_unit"])
    d.status, d.outcome = Status.PROCESSING, Outcome.OPEN_OVERDUE
    d.save(update_fields=["status", "outcome"])
    d.effective_appointment_at = d.appointment_at + dt.timedelta(days=9)
    d.save(update_fields=["effective_appointment_at"])
    assert out_of_step() == []
    assert set(DossierCause.objects.filter(dossier=d).values_list("handling_unit_id", flat=True)) == {
        world.units["p2"].pk
    }
    d.receiving_unit = world.units["p2"]
    d.save()
    assert out_of_step() == []
    # Written behind the model's back (what no write path does): ``rebuild`` restores the copies.
    Dossier.objects.filter(pk=d.pk).update(handling_unit=world.units["p1"])
    assert out_of_step()
    assert cause_marks.rebuild() == 2
    assert out_of_step() == []
