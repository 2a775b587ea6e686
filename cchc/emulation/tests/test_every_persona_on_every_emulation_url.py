"""Who reaches each emulation page: the area's council (leader, Internal Affairs, the Office, the
inspectorate) reads; only Internal Affairs proposes, recomputes and records changes; only the leader
approves; the approved list is exported, a list under review is not; units and the Front read nothing.
Walks every URL pattern, GET and a hostile POST, for every persona; a refused POST changes no row."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from cchc.emulation import actions
from cchc.emulation.models import Change, Entry, Round
from cchc.emulation.tests import scene
from cchc.testing.personas import PERSONA_KEYS, login_verified
from cchc.testing.url_walk import namespace_patterns, walk_every_url

pytestmark = pytest.mark.django_db

EVERYONE = set(PERSONA_KEYS)
COUNCIL = {"leader", "secretariat", "office", "auditor"}
OUTSIDE = EVERYONE - COUNCIL


def _get(ok: set[str], ok_code: int = 200) -> dict[str, int]:
    return {p: ok_code if p in ok else 403 for p in PERSONA_KEYS}


POST_ONLY = {p: 405 for p in PERSONA_KEYS}

EXPECTED: dict[str, tuple[dict[str, int], set[str]]] = {
    "index": (_get(COUNCIL), set()),
    "propose": (POST_ONLY, {"secretariat"}),
    "round": (_get(COUNCIL), set()),
    "recompute": (POST_ONLY, {"secretariat"}),
    "approve": (POST_ONLY, {"leader"}),
    "entry": (_get(COUNCIL), set()),
    "adjust": (POST_ONLY, {"secretariat"}),
    "xlsx": (_get(COUNCIL), set()),
    "print": (_get(COUNCIL), set()),
}


@pytest.fixture
def rounds(world, directive, settings):
    settings.CCHC_LEAGUE_MIN_DOSSIERS = 10
    scene.build(world, directive)
    open_ = scene.proposed(world)
    done = actions.propose(
        world.users["secretariat"], world.jurisdictions["city"], year=2021, today=scene.TODAY
    )
    actions.approve(world.users["leader"], done)
    return {"open": open_, "approved": done, "entry": open_.entries.get(unit__code="VP", kind="unit")}


def snapshot() -> dict[str, list[Any]]:
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in (Round, Entry, Change)}


def url_for(name: str, converters: list[str], rounds: dict) -> str:
    rnd = rounds["approved"] if name in ("xlsx", "print") else rounds["open"]
    values = {"pk": rnd.pk, "entry_id": rounds["entry"].pk}
    unknown = set(converters) - set(values)
    assert not unknown, f"URL argument(s) {unknown} are new: say here which object of the scene they name"
    return reverse(f"emulation:{name}", kwargs={k: values[k] for k in converters})


def hostile() -> dict:
    return {"year": "2020", "grade": "done", "title": "", "reason": "Hội đồng đánh giá lại"}


def test_every_url_answers_every_persona_as_expected_and_refused_posts_change_nothing(client, world, rounds):
    walk_every_url(
        client,
        world.users,
        personas=PERSONA_KEYS,
        patterns=namespace_patterns("emulation"),
        expected=EXPECTED,
        url_for=lambda name, converters: url_for(name, converters, rounds),
        post_data=hostile,
        snapshot=snapshot,
    )


def test_anonymous_visitor_is_sent_to_sign_in_from_every_url(client, world, rounds):
    for name, converters in namespace_patterns("emulation"):
        response = client.get(url_for(name, converters, rounds))
        assert response.status_code == 302, name
        assert "/tai-khoan/dang-nhap/" in response["Location"], name


def test_a_list_under_review_is_not_exported(client, world, rounds):
    login_verified(client, world.users["leader"])
    for name in ("xlsx", "print"):
        assert client.get(reverse(f"emulation:{name}", args=[rounds["open"].pk])).status_code == 404


def test_the_approved_workbook_holds_every_unit_and_head_with_the_councils_reason(client, world, rounds):
    from cchc.directives.tests.conftest import xlsx_rows

    rnd = rounds["open"]
    actions.adjust(
        world.users["secretariat"], rounds["entry"], grade="done", title="", reason="Phong trào yếu"
    )
    actions.approve(world.users["leader"], rnd)
    login_verified(client, world.users["office"])
    response = client.get(reverse("emulation:xlsx", args=[rnd.pk]))
    assert response.status_code == 200
    rows = xlsx_rows(response.content)
    assert rows[0][0] == "Kết quả xét thi đua, xếp loại năm 2022"
    body = rows[3:]
    assert len(body) == rnd.entries.count() == 6
    vp = next(r for r in body if r[1] == "Văn phòng HĐND và UBND thành phố")
    assert vp[4:] == [
        "Hoàn thành tốt nhiệm vụ",
        "Tập thể lao động tiên tiến",
        "Hoàn thành nhiệm vụ",
        "",
        "Phong trào yếu",
    ]
    page = client.get(reverse("emulation:print", args=[rnd.pk])).content.decode()
    assert page.count('data-testid="print-row"') == 6 and "Phong trào yếu" in page
