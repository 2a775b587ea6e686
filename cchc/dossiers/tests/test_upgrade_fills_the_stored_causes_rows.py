"""Dossiers stored before the causes' rows (``DossierCause``) get them when migration 0015 runs: the rows
``blame.cause_marks`` gives for each dossier's stored causes, computed set-based from the JSON."""

import pytest

from cchc.testing.upgrades import migrated_back_to

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("dossiers", "0014_import_batch_started_at")]


def test_migrating_to_0015_fills_the_rows_of_every_stored_cause(world):
    ward = world.officials["ward_officer"]
    p1, p1_mc = world.units["p1"], world.units["p1_mc"]
    causes = {
        "UP-ACCOUNT": [
            {"kind": "step_overrun", "unit": "P1", "official": ward.full_name, "official_id": ward.pk},
            {"kind": "software_closing", "unit": "P1", "official": ward.full_name, "official_id": ward.pk},
        ],
        "UP-NAME": [
            {"kind": "step_overrun", "unit": "P2", "official": "  Trần  VĂN Bình", "official_id": None}
        ],
        "UP-NONE": [{"kind": "unattributed", "unit": None, "official": None}, "not a dict"],
        "UP-EMPTY": [],
    }
    with migrated_back_to(BEFORE) as old:
        procedure = old.get_model("dossiers", "Procedure").objects.create(
            national_code="1.001", name="Thủ tục"
        )
        for code, stored in causes.items():
            old.get_model("dossiers", "Dossier").objects.create(
                code=code,
                procedure=procedure,
                receiving_unit_id=p1_mc.pk,
                handling_unit_id=p1.pk,
                status=10,
                legal_basis="nd61",
                outcome="late",
                late_causes=stored,
            )

    from cchc.dossiers.models import DossierCause

    rows = {
        (d, kind, official, name)
        for d, kind, official, name in DossierCause.objects.values_list(
            "dossier__code", "kind", "official_id", "name_key"
        )
    }
    assert rows == {
        ("UP-ACCOUNT", "step_overrun", ward.pk, ""),
        ("UP-ACCOUNT", "software_closing", None, ""),
        ("UP-NAME", "step_overrun", None, "trần văn bình"),
        ("UP-NONE", "unattributed", None, ""),
    }
