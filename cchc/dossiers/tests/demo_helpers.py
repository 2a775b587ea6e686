"""Set-up shared by the demo-generator tests: the demo organisation and catalogue, and generated records."""

from __future__ import annotations

from cchc.dossiers import demo
from cchc.org.demo import load_org


def demo_city() -> None:
    load_org()
    demo.load_catalogue()


def records(count: int, seed: int = 7, year: int = 2022) -> tuple[list, demo.Generator]:
    recs, gen = demo.generate(count, seed=seed, year=year)
    return list(recs), gen
