"""A 2022 city-index version with a card for Phường 1 and one for Phường 2 (the persona world)."""

from __future__ import annotations

from typing import Any

from cchc.scorecards import actions
from cchc.scorecards.models import Scorecard

YEAR = 2022


def open_year(world: Any) -> dict[str, Scorecard]:
    version = actions.load_version("tests", world.jurisdictions["city"], YEAR)
    p1, p2 = actions.open_cards("tests", version, [world.units["p1"], world.units["p2"]])
    return {"p1": p1, "p2": p2}


def score_of(card: Scorecard, code: str) -> Any:
    return card.scores.get(code=code)
