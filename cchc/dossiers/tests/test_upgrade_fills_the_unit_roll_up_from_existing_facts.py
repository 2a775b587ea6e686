"""An installation that already has daily facts gets its unit × day roll-up when migration 0003 runs,
so league tables and ``dossier-stats`` never read an empty table after an upgrade."""

import datetime as dt

import pytest

from cchc.testing.upgrades import migrated_back_to

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("dossiers", "0002_dossier_finished_on")]


def test_migrating_to_0003_rolls_up_the_facts_already_recorded(world):
    from cchc.dossiers.models import Procedure

    unit = world.units["p1"]
    with migrated_back_to(BEFORE) as old:
        OldProcedure = old.get_model("dossiers", "Procedure")
        OldFact = old.get_model("dossiers", "DailyFact")
        procs = [OldProcedure.objects.create(national_code=f"1.00{i}", name=f"Thủ tục {i}") for i in (1, 2)]
        day = dt.date(2022, 3, 1)
        OldFact.objects.create(day=day, unit_id=unit.pk, procedure=procs[0], received=3, finished_late=1)
        OldFact.objects.create(day=day, unit_id=unit.pk, procedure=procs[1], received=2, open_within_delta=2)
        OldFact.objects.create(
            day=day + dt.timedelta(days=1), unit_id=unit.pk, procedure=procs[0]
        )  # all zero

    from cchc.dossiers.models import UnitDailyFact

    rows = list(
        UnitDailyFact.objects.values_list("unit_id", "day", "received", "finished_late", "open_within_delta")
    )
    assert rows == [(unit.pk, dt.date(2022, 3, 1), 5, 1, 2)]
    assert Procedure.objects.count() == 2
