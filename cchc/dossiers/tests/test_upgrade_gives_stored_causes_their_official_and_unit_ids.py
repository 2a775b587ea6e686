"""Late causes stored by name before the ids were kept get them when migration 0012 runs: the step the
old name rule matched (preferring the unit the cause names), its unit and its official's account; a
cause that names nobody gets none; the dossier's import digest is cleared so its next import re-judges it."""

import pytest

from cchc.testing.upgrades import migrated_back_to

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("dossiers", "0011_dossier_import_hash")]


def test_migrating_to_0012_gives_stored_causes_their_ids(world):
    ward = world.officials["ward_officer"]
    p1, p1_mc, p2 = world.units["p1"], world.units["p1_mc"], world.units["p2"]
    with migrated_back_to(BEFORE) as old:
        procedure = old.get_model("dossiers", "Procedure").objects.create(
            national_code="1.001", name="Thủ tục"
        )
        dossier = old.get_model("dossiers", "Dossier").objects.create(
            code="UPGRADE-1",
            procedure=procedure,
            receiving_unit_id=p1_mc.pk,
            handling_unit_id=p1.pk,
            status=10,
            legal_basis="nd61",
            outcome="late",
            import_hash=12345,
            late_causes=[
                {"kind": "step_overrun", "unit": "P1", "official": ward.full_name.upper()},
                {"kind": "unattributed", "unit": None, "official": None},
            ],
        )
        Step = old.get_model("dossiers", "DossierStep")
        # A namesake's step without an account comes first, in another unit: the cause's unit decides.
        Step.objects.create(
            dossier=dossier, seq=1, unit_id=p2.pk, unit_name="P2", official_name=ward.full_name
        )
        Step.objects.create(
            dossier=dossier,
            seq=2,
            unit_id=p1.pk,
            unit_name="P1",
            official_id=ward.pk,
            official_name=ward.full_name,
        )

    from cchc.dossiers.models import Dossier

    stored = Dossier.objects.get(code="UPGRADE-1")
    overrun, unexplained = stored.late_causes
    assert (overrun["step"], overrun["unit_id"], overrun["official_id"]) == (2, p1.pk, ward.pk)
    assert (unexplained["step"], unexplained["unit_id"], unexplained["official_id"]) == (None, None, None)
    assert stored.import_hash is None
