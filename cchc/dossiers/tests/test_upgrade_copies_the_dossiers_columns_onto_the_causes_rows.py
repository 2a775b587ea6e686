"""Causes' rows stored before migration 0016 get their dossier's units, status, outcome, deadlines and
named cause when it runs (one ``UPDATE … FROM`` over every row)."""

import datetime as dt

import pytest
from django.utils import timezone

from cchc.testing.upgrades import migrated_back_to

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("dossiers", "0015_dossier_causes")]


def test_migrating_to_0016_copies_each_dossiers_columns_onto_its_rows(world):
    p1, p2, p1_mc = world.units["p1"], world.units["p2"], world.units["p1_mc"]
    due = timezone.now() - dt.timedelta(days=3)
    with migrated_back_to(BEFORE) as old:
        procedure = old.get_model("dossiers", "Procedure").objects.create(
            national_code="1.001", name="Thủ tục"
        )
        Dossier = old.get_model("dossiers", "Dossier")
        Cause = old.get_model("dossiers", "DossierCause")
        late = Dossier.objects.create(
            code="UP-LATE",
            procedure=procedure,
            receiving_unit_id=p1_mc.pk,
            handling_unit_id=p1.pk,
            status=10,
            legal_basis="nd61",
            outcome="late",
            appointment_at=due,
            named_cause=True,
        )
        still_open = Dossier.objects.create(
            code="UP-OPEN",
            procedure=procedure,
            receiving_unit_id=p2.pk,
            handling_unit_id=p2.pk,
            status=4,
            legal_basis="nd61",
            outcome="",
            appointment_at=due,
            effective_appointment_at=due + dt.timedelta(days=1),
        )
        Cause.objects.create(dossier_id=late.pk, kind="software_closing")
        Cause.objects.create(dossier_id=late.pk, kind="unattributed")
        Cause.objects.create(dossier_id=still_open.pk, kind="unattributed")

    from cchc.dossiers.models import DossierCause

    rows = sorted(
        DossierCause.objects.values_list(
            "dossier__code",
            "kind",
            "handling_unit_id",
            "receiving_unit_id",
            "status",
            "outcome",
            "appointment_at",
            "effective_appointment_at",
            "named_cause",
        )
    )
    assert rows == [
        ("UP-LATE", "software_closing", p1.pk, p1_mc.pk, 10, "late", due, None, True),
        ("UP-LATE", "unattributed", p1.pk, p1_mc.pk, 10, "late", due, None, True),
        ("UP-OPEN", "unattributed", p2.pk, p2.pk, 4, "", due, due + dt.timedelta(days=1), False),
    ]
