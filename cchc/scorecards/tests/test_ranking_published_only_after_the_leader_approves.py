"""The city ranking reaches the public page only after the leader approves it: Internal Affairs drafts
it from the scored cards, nobody else drafts or approves, the public sees nothing before approval and
nothing after a withdrawal; the unit's card and the ranking download as XLSX with the same figures."""

from __future__ import annotations

import contextlib
import io

import pytest
import python_calamine
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from cchc.scorecards import actions, actions_releases
from cchc.scorecards.models import ReleaseStatus
from cchc.scorecards.queries import card_result
from cchc.scorecards.tests.card_helpers import open_year, score_of
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db


def _scored(world):
    card = open_year(world)["p1"]
    officer, ia = world.users["ward_officer"], world.users["secretariat"]
    for row in card.scores.all():
        with contextlib.suppress(actions.ScorecardError):
            actions.self_assess(officer, row, points="1", note="")
    actions.submit(world.users["unit_head"], card)
    actions.appraise(ia, score_of(card, "5.1"), points="5", comment="")
    actions.finish_appraisal(ia, card)
    actions.freeze(ia, card)
    return card


def _rows(content: bytes) -> list[list]:
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    return book.get_sheet_by_index(0).to_python()


def test_draft_approve_publish_withdraw(world, client):
    card = _scored(world)
    public = reverse("portal:reform_rankings")
    with pytest.raises(PermissionDenied):
        actions_releases.draft(world.users["leader"], card.version)
    release = actions_releases.draft(world.users["secretariat"], card.version)
    assert [r["unit"] for r in release.rows] == ["UBND Phường 1"]
    assert "UBND Phường 1" not in client.get(public).content.decode()
    with pytest.raises(PermissionDenied):
        actions_releases.approve(world.users["secretariat"], release)
    actions_releases.approve(world.users["leader"], release)
    assert release.status == ReleaseStatus.PUBLISHED
    page = client.get(public).content.decode()
    assert "UBND Phường 1" in page and f"{card_result(card).percent}".replace(".", ",") in page
    actions_releases.withdraw(world.users["leader"], release)
    assert "UBND Phường 1" not in client.get(public).content.decode()


def test_a_ranking_without_scored_cards_cannot_be_drafted(world):
    card = open_year(world)["p1"]
    with pytest.raises(actions.ScorecardError, match="chốt điểm"):
        actions_releases.draft(world.users["secretariat"], card.version)


def test_the_card_and_the_ranking_download_as_xlsx(world):
    card = _scored(world)
    c = login_verified(Client(), world.users["leader"])
    rows = _rows(c.get(reverse("scorecards:card_xlsx", args=[card.pk])).content)
    total_row = next(r for r in rows if r[1] == "Tổng cộng")
    assert total_row[5] == card_result(card).total
    names = [r[1] for r in _rows(c.get(reverse("scorecards:ranking_xlsx")).content) if len(r) > 1]
    assert "UBND Phường 1" in names and "UBND Phường 2" in names
