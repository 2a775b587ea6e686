"""The officials' ranking read from the per-official daily facts gives exactly the rows of the reading from
the steps (``rankings.official_counts``) on random ledgers — every period, the leader's and a unit
official's scope, one unit's drill-down, the monthly late list's handling units — and the facts the
write path keeps (row-by-row and columnar imports, re-imports that change units, dates, officials and
outcomes) equal a rebuild from the ledger. Run on both engines by CI (DATABASE_URL)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from cchc.dossiers import official_facts
from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import Dossier
from cchc.dossiers.queries import dossier_units_for, dossiers_for
from cchc.dossiers.rankings import finished_between, official_counts, official_league, official_rows
from cchc.dossiers.tests.columnar_helpers import rich_dossier
from cchc.dossiers.tests.import_helpers import as_csv, make_catalogue
from cchc.dossiers.tests.official_facts_reference import stored_rows
from cchc.dossiers.tests.test_official_ranking_set_based_equals_step_by_step import random_ledger

pytestmark = pytest.mark.django_db

PERIODS = [
    (dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
    (dt.date(2022, 3, 1), dt.date(2022, 3, 31)),
    (dt.date(2022, 2, 14), dt.date(2022, 9, 3)),
    (dt.date(2021, 1, 1), dt.date(2023, 12, 31)),
]


def rows(found):
    return {r.key: (r.name, r.unit_name, r.finished, r.late) for r in found}


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_the_facts_give_the_rows_of_the_steps_for_every_period_scope_and_unit(world, seed):
    random_ledger(world, seed)
    official_facts.rebuild()
    leader, clerk = world.users["leader"], world.users["ward_officer"]
    p1 = world.units["p1"]
    blamed = 0
    for start, end in PERIODS:
        every = rows(official_counts(finished_between(Dossier.objects.all(), start, end)))
        assert rows(official_rows(start, end)) == every
        blamed += sum(1 for *_, late in every.values() if late)
        for user in (leader, clerk):
            expected = rows(official_counts(finished_between(dossiers_for(user), start, end)))
            league = official_league(user, start, end, min_finished=1)
            assert rows([*league.ranked, *league.too_few]) == expected
            assert rows(official_rows(start, end, units=dossier_units_for(user))) == expected
        drill = finished_between(dossiers_for(leader).filter(handling_unit=p1), start, end)
        got = official_rows(start, end, units=dossier_units_for(leader), handling_unit=p1)
        assert rows(got) == rows(official_counts(drill))
        handled = world.units["p1"].subtree()
        by_handling = finished_between(
            Dossier.objects.filter(handling_unit__in=handled.values("pk")), start, end
        )
        assert rows(official_rows(start, end, handling_units=handled)) == rows(official_counts(by_handling))
    assert blamed, "the random ledger blames nobody"


def test_every_import_keeps_the_facts_equal_to_a_rebuild_and_to_the_steps(world, settings):
    make_catalogue()
    office = world.users["office"]
    rng = random.Random(5)
    objs = [rich_dossier(rng, i) for i in range(160)]

    def check():
        kept = stored_rows()
        assert kept, "no finished dossier with an official"
        year = (dt.date(2021, 1, 1), dt.date(2023, 12, 31))
        assert rows(official_rows(*year)) == rows(
            official_counts(finished_between(Dossier.objects.all(), *year))
        )
        official_facts.rebuild()
        assert stored_rows() == kept
        return kept

    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    fast = import_bytes(as_csv(objs[:100]), "a.csv", actor=office, as_of=dt.date(2022, 4, 15))
    assert fast.ok and fast.path == "columnar", fast.errors[:3]
    first = check()
    assert any(late for *_, late, _ in first), "the imported ledger blames nobody"
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 0
    for round_ in range(3):
        for i in rng.sample(range(len(objs)), 60):
            changed = rich_dossier(rng, i)
            changed["MaHoSo"] = objs[i]["MaHoSo"]
            objs[i] = changed
        out = import_bytes(as_csv(objs), f"b{round_}.csv", actor=office, as_of=dt.date(2022, 4, 15))
        assert out.ok and out.path == "rows", out.errors[:3]
        check()
