"""The set-based per-official facts (``official_facts.refresh`` and ``rebuild``: SQL over temporary
tables, names folded in Python) store exactly the rows the per-dossier Python reading gave
(``official_facts_reference``) on random ledgers: names differing in spaces and case, blank names,
accounts, causes naming an account by id or a name, causes that blame nobody (not a dict, another kind,
an id that is not a number, a dict instead of a list), dossiers ending either side of local midnight,
and after random moves of dossiers between units, days and outcomes written behind the facts' back and
then refreshed by group. Run on both engines by CI (DATABASE_URL)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from cchc.dossiers import official_facts
from cchc.dossiers.models import Dossier, Outcome
from cchc.dossiers.tests.factories import StepSpec, at, dossier
from cchc.dossiers.tests.official_facts_reference import reference_rows, stored_rows
from cchc.dossiers.tests.test_official_ranking_set_based_equals_step_by_step import random_ledger

pytestmark = pytest.mark.django_db


def odd_dossiers(world, rng: random.Random, seed: int) -> None:
    accounts = sorted(world.officials)
    for i in range(25):
        key = rng.choice(accounts)
        account = world.officials[key]
        steps = [
            StepSpec("p1", key),
            StepSpec("p2", None, official_name=rng.choice(["Lê Cường", "LÊ  CƯỜNG", " ", "Ngô Ánh"])),
        ]
        causes = rng.choice(
            [
                [{"kind": "step_overrun", "official_id": account.pk, "official": "ai đó"}],
                [{"kind": "step_overrun", "official_id": str(account.pk)}],
                [{"kind": "step_overrun", "official_id": None, "official": "lê cường"}],
                [{"kind": "step_overrun", "official": "NGÔ ÁNH", "official_id": None}, 7, None],
                {"kind": "step_overrun", "official": "Lê Cường"},
                [],
            ]
        )
        # Either side of local midnight: the facts' day is the local one.
        end = at(2022, 5, rng.randint(1, 3), rng.choice([0, 23]), rng.choice([0, 59]))
        dossier(
            world,
            f"ODD{seed}-{i}",
            handling=rng.choice(["p1", "p2"]),
            outcome=rng.choice([Outcome.LATE, Outcome.LATE, Outcome.ON_TIME, Outcome.EARLY]),
            end=end,
            causes=causes,  # type: ignore[arg-type]
            steps=steps,
        )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_set_based_facts_equal_the_python_reading_after_every_write_and_a_rebuild(world, seed):
    rng = random.Random(seed)
    random_ledger(world, seed)
    odd_dossiers(world, rng, seed)
    expected = reference_rows()
    assert any(row[6] for row in expected), "the random ledger blames nobody"
    assert any(row[3] is None for row in expected) and any(row[3] is not None for row in expected)
    assert stored_rows() == expected  # kept dossier by dossier through ``refresh``
    official_facts.rebuild()
    assert stored_rows() == expected


@pytest.mark.parametrize(("seed", "many"), [(4, False), (5, True)])
def test_refreshing_the_groups_of_moved_dossiers_gives_the_python_reading(world, seed, many, monkeypatch):
    # ``many``: read as a large import's many groups are (PostgreSQL: one pass over the days' span).
    monkeypatch.setattr(official_facts, "MANY_GROUPS", 0 if many else official_facts.MANY_GROUPS)
    rng = random.Random(seed)
    random_ledger(world, seed)
    odd_dossiers(world, rng, seed)
    units = [world.units[u].pk for u in ("p1", "p2", "p1_mc")]
    codes = list(Dossier.objects.values_list("code", flat=True))
    for _ in range(3):
        moved = rng.sample(codes, 20)
        before = official_facts.groups_of(moved)
        for code in moved:
            Dossier.objects.filter(code=code).update(
                handling_unit_id=rng.choice(units),
                end_at=at(2022, rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23)),
                outcome=rng.choice([Outcome.LATE, Outcome.ON_TIME, Outcome.OPEN_OVERDUE]),
            )
        assert stored_rows() != reference_rows() or not before
        official_facts.refresh(before | official_facts.groups_of(moved))
        assert stored_rows() == reference_rows()
    assert stored_rows() and dt.date(2022, 1, 1) <= min(r[0] for r in stored_rows())
