"""Who reaches each proposal page: a unit's drafters draft and send their unit's proposals, Internal
Affairs reviews and keeps the register, only the leader decides; the area's readers read everything, a
unit reads the proposals it makes, gives or receives; the Front reads nothing. Walks every URL pattern
(from Django's resolver), GET and POST, for every persona; a refused POST changes no row."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from cchc.directives.models import Task
from cchc.proposals import actions
from cchc.proposals.models import ProcedureReview, Proposal
from cchc.proposals.tests.conftest import drafted
from cchc.testing.personas import PERSONA_KEYS, login_verified
from cchc.testing.url_walk import namespace_patterns, walk_every_url

EVERYONE = set(PERSONA_KEYS)
READERS = EVERYONE - {"front"}
WIDE = {"leader", "secretariat", "office", "auditor"}
SEES_P1 = WIDE | {"unit_head", "ward_officer"}  # the proposals are Phường 1's
DRAFTERS = {"secretariat", "unit_head", "ward_officer", "other_ward_officer"}
P1_DRAFTERS = {"secretariat", "unit_head", "ward_officer"}


def _get(ok: set[str], forbidden: set[str], ok_code: int = 200) -> dict[str, int]:
    return {p: ok_code if p in ok else 403 if p in forbidden else 404 for p in PERSONA_KEYS}


EXPECTED: dict[str, tuple[dict[str, int], set[str]]] = {
    "proposal_list": (_get(READERS, {"front"}), set()),
    "proposal_create": (_get(DRAFTERS, EVERYONE - DRAFTERS), P1_DRAFTERS),
    "proposal_detail": (_get(SEES_P1, set()), set()),
    "proposal_edit": (_get(P1_DRAFTERS, SEES_P1 - P1_DRAFTERS), P1_DRAFTERS),
    "proposal_submit": (_get(SEES_P1, set(), 302), P1_DRAFTERS),
    "proposal_review": (_get(SEES_P1, set(), 302), {"secretariat"}),
    "proposal_decide": (_get(SEES_P1, set(), 302), {"leader"}),
    "register": (_get(READERS, {"front"}), set()),
    "register_add": (
        _get({"secretariat", "unit_head"}, EVERYONE - {"secretariat", "unit_head"}, 302),
        {"secretariat", "unit_head"},
    ),
}


def snapshot() -> dict[str, list[Any]]:
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in (Proposal, ProcedureReview, Task)}


@pytest.fixture
def scene(world, directive, procedure):
    draft = drafted(world)
    submitted = drafted(world, title="Đề xuất đã gửi")
    actions.submit(world.users["unit_head"], submitted)
    reviewed = drafted(world, title="Đề xuất đã thẩm định")
    actions.submit(world.users["unit_head"], reviewed)
    actions.review(world.users["secretariat"], reviewed, opinion="support", note="Phù hợp")
    return {
        "draft": draft,
        "submitted": submitted,
        "reviewed": reviewed,
        "directive": directive,
        "procedure": procedure,
    }


def patterns() -> list[tuple[str, list[str]]]:
    return namespace_patterns("proposals")


def url_for(name: str, converters: list[str], scene: dict) -> str:
    which = {"proposal_review": "submitted", "proposal_decide": "reviewed"}.get(name, "draft")
    values = {"proposal_id": scene[which].pk}
    unknown = set(converters) - set(values)
    assert not unknown, f"URL argument(s) {unknown} are new: say here which object of the scene they name"
    return reverse(f"proposals:{name}", kwargs={k: values[k] for k in converters})


def hostile(world, scene) -> dict:
    return {
        "kind": "delegate",
        "title": "Đề xuất trái phép",
        "content": "Nội dung",
        "power": "Một thẩm quyền",
        "proposing_unit": str(world.units["p1"].pk),
        "from_unit": str(world.units["ubnd"].pk),
        "to_unit": str(world.units["p1"].pk),
        "days_saved": "3",
        "legal_basis": "Luật Tổ chức chính quyền địa phương 2025",
        "opinion": "support",
        "note": "Ý kiến",
        "decision": "approve",
        "decision_number": "99/QĐ-UBND",
        "directive": str(scene["directive"].pk),
        "due": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
        "lead_unit": str(world.units["p1"].pk),
        "procedure": str(scene["procedure"].pk),
        "unit": str(world.units["p1"].pk),
        "reviewed_on": dt.date.today().isoformat(),
        "conclusion": "keep",
    }


def test_every_url_answers_every_persona_as_expected_and_refused_posts_change_nothing(client, world, scene):
    walk_every_url(
        client,
        world.users,
        personas=PERSONA_KEYS,
        patterns=patterns(),
        expected=EXPECTED,
        url_for=lambda name, converters: url_for(name, converters, scene),
        post_data=lambda: hostile(world, scene),
        snapshot=snapshot,
    )


def test_anonymous_visitor_is_sent_to_sign_in_from_every_url(client, world, scene):
    for name, converters in patterns():
        response = client.get(url_for(name, converters, scene))
        assert response.status_code == 302, name
        assert "/tai-khoan/dang-nhap/" in response["Location"], name


def test_another_ward_never_sees_phuong_1s_proposals_in_the_list(client, world, scene):
    login_verified(client, world.users["other_ward_officer"])
    body = client.get(reverse("proposals:proposal_list")).content.decode()
    assert scene["draft"].title not in body and "Đề xuất đã gửi" not in body
