"""Who reaches the index-set page and the scorecard documents, walked with the shared permission walker
for every persona, GET and a POST carrying a valid index-set file: only Internal Affairs opens the index
sets and its upload changes the year's set; a card's notice (DOCX, PDF) opens for those who read the
card (another ward and the desks get 404), the ranking's for everyone with business with the city index
(the desk and the Front are refused); a refused POST changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.scorecards.models import CriterionScore, IndexVersion
from cchc.scorecards.tests.card_helpers import open_year
from cchc.scorecards.tests.index_set_helpers import good, text
from cchc.testing.personas import PERSONA_KEYS
from cchc.testing.url_walk import namespace_patterns, walk_every_url

pytestmark = pytest.mark.django_db

CARD_READERS = {"leader", "secretariat", "office", "auditor", "unit_head", "ward_officer"}
CITY_READERS = CARD_READERS | {"other_ward_officer"}


def _codes(ok: set[str], otherwise: int) -> dict[str, int]:
    return {p: 200 if p in ok else otherwise for p in PERSONA_KEYS}


EXPECTED: dict[str, tuple[dict[str, int], set[str]]] = {
    "index_sets": (_codes({"secretariat"}, 403), {"secretariat"}),
    "index_set_file": (_codes({"secretariat"}, 403), set()),
    "card_file": (_codes(CARD_READERS, 404), set()),
    "ranking_file": (_codes(CITY_READERS, 403), set()),
}


def snapshot() -> dict[str, list[Any]]:
    return {
        "versions": list(IndexVersion.objects.order_by("pk").values()),
        "scores": list(CriterionScore.objects.order_by("pk").values_list("pk", "code")),
    }


def test_every_persona_on_the_index_set_and_document_urls(client, world):
    card = open_year(world)["p1"]
    values = {"year": 2022, "pk": card.pk, "fmt": "docx"}

    def url_for(name: str, converters: list[str]) -> str:
        return reverse(f"scorecards:{name}", kwargs={k: values[k] for k in converters})

    walk_every_url(
        client,
        world.users,
        personas=PERSONA_KEYS,
        patterns=[p for p in namespace_patterns("scorecards") if p[0] in EXPECTED],
        expected=EXPECTED,
        url_for=url_for,
        post_data=lambda: {
            "nam": "2022",
            "file": SimpleUploadedFile("city-2023.json", text(good()).encode(), "application/json"),
        },
        snapshot=snapshot,
    )
