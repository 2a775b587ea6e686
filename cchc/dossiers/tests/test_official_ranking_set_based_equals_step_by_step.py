"""The officials' ranking counted set-based in the database gives exactly the rows of the step-by-step
reading it replaced, on random ledgers: accounts, names without an account in several spellings, blank
names, causes naming an official by name or code, other causes, open dossiers and dossiers outside the
period."""

import datetime as dt
import random

import pytest

from cchc.dossiers.models import Dossier, Outcome
from cchc.dossiers.rankings import finished_between, official_counts
from cchc.dossiers.tests.factories import StepSpec, at, dossier
from cchc.dossiers.tests.official_counts_reference import official_counts_step_by_step

NAMES = [
    "Nguyễn Văn An",
    "nguyễn  văn an",
    " Nguyễn Văn An ",
    "Trần Thị Bình",
    "TRẦN THỊ BÌNH",
    "Lê Cường",
    "   ",
    "",
]
OUTCOMES = [
    Outcome.EARLY,
    Outcome.ON_TIME,
    Outcome.LATE,
    Outcome.LATE,
    Outcome.OPEN_OVERDUE,
    Outcome.EXCLUDED,
]


def random_ledger(world, seed: int) -> None:
    rng = random.Random(seed)
    accounts = sorted(world.officials)
    units = ["p1", "p1_mc", "p2", None]
    for i in range(70):
        steps = []
        named: list[str] = []
        for _ in range(rng.randint(0, 4)):
            if rng.random() < 0.5:
                key = rng.choice(accounts)
                steps.append(StepSpec(rng.choice(units), key))
                named.append(rng.choice([world.officials[key].full_name, world.officials[key].code]))
            else:
                name = rng.choice(NAMES)
                steps.append(
                    StepSpec(rng.choice(units), None, official_name=name, unit_name=rng.choice(["", "Tổ A"]))
                )
                named.append(rng.choice([name, name.upper(), "Người khác"]))
        causes: list = []
        for who in named:
            if rng.random() < 0.5:
                causes.append(
                    {"kind": rng.choice(["step_overrun", "step_overrun", "closing_late"]), "official": who}
                )
        if rng.random() < 0.1:
            causes.append("not a dict")
        outcome = rng.choice(OUTCOMES)
        end = at(2022, rng.randint(1, 12), rng.randint(1, 28)) if outcome != Outcome.OPEN_OVERDUE else None
        if rng.random() < 0.1 and end is not None:
            end = end.replace(year=2023)  # outside the period
        dossier(world, f"R{seed}-{i}", outcome=outcome, end=end, causes=causes, steps=steps)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_set_based_official_counts_equal_the_step_by_step_reading(world, seed):
    random_ledger(world, seed)
    year = finished_between(Dossier.objects.all(), dt.date(2022, 1, 1), dt.date(2022, 12, 31))

    def rows(found):
        return {r.key: (r.name, r.unit_name, r.finished, r.late) for r in found}

    expected = rows(official_counts_step_by_step(year))
    assert any(late for *_, late in expected.values()), "the random ledger blames nobody"
    assert any(k.startswith("name:") for k in expected) and any(k.startswith("id:") for k in expected)
    assert rows(official_counts(year)) == expected
