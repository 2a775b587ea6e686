"""Who reaches each page of a unit's website. Staff pages: a unit's head and officers manage their own
unit (and the units below it), the Office also the People's Committees of its area; the leader, Internal
Affairs, the auditor, one-stop staff and the Front manage none. Walks every URL pattern of the staff
namespace (GET and a hostile POST) for every persona; a refused POST changes no row. The public pages and
widgets answer everyone, signed in or not, and change nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from cchc.testing.personas import PERSONA_KEYS, login_verified
from cchc.testing.url_walk import namespace_patterns, walk_every_url
from cchc.unitsite import actions
from cchc.unitsite.models import EmbedOrigin, UnitDocument
from cchc.unitsite.queries import can_edit_document, can_manage_unit, can_remove_origin
from cchc.unitsite.tests.conftest import PDF

EVERYONE = set(PERSONA_KEYS)
SCREENS = {"office", "unit_head", "ward_officer", "other_ward_officer"}
P1_MANAGERS = {"office", "unit_head", "ward_officer"}  # the Office: Phường 1's People's Committee


def _get(ok: set[str], ok_code: int = 200) -> dict[str, int]:
    return {p: ok_code if p in ok else 403 for p in PERSONA_KEYS}


EXPECTED: dict[str, tuple[dict[str, int], set[str]]] = {
    "home": (_get(SCREENS), set()),
    "register": (_get(P1_MANAGERS), set()),
    "document_add": (_get(P1_MANAGERS), P1_MANAGERS),
    "document_edit": (_get(P1_MANAGERS), P1_MANAGERS),
    "embed": (_get(P1_MANAGERS), P1_MANAGERS),
    "origin_remove": (_get(P1_MANAGERS, 302), P1_MANAGERS),
}


@pytest.fixture
def scene(world, register):
    origin = actions.add_origin(
        world.users["ward_officer"], world.units["p1"], "https://phuong1.vungtau.gov.vn"
    )
    return {"document": register["plan"], "origin": origin}


def snapshot() -> dict[str, list[Any]]:
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in (UnitDocument, EmbedOrigin)}


def url_for(name: str, converters: list[str], world, scene: dict) -> str:
    values = {
        "unit_id": world.units["p1"].pk,
        "document_id": scene["document"].pk,
        "origin_id": scene["origin"].pk,
    }
    unknown = set(converters) - set(values)
    assert not unknown, f"URL argument(s) {unknown} are new: say here which object of the scene they name"
    return reverse(f"unitsite:{name}", kwargs={k: values[k] for k in converters})


def hostile(scene) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {
        "kind": "decision",
        "number": "99/QĐ-UBND",
        "issued_on": "2024-04-01",
        "subject": "Văn bản thêm trái phép",
        "issuer": "UBND Phường 1",
        "validity": "in_force",
        "file": SimpleUploadedFile("trai-phep.pdf", PDF),
        "origin": "https://trai-phep.example.vn",
    }


def test_every_staff_url_answers_every_persona_as_expected_and_refused_posts_change_nothing(
    client, world, scene
):
    walk_every_url(
        client,
        world.users,
        personas=PERSONA_KEYS,
        patterns=namespace_patterns("unitsite"),
        expected=EXPECTED,
        url_for=lambda name, converters: url_for(name, converters, world, scene),
        post_data=lambda: hostile(scene),
        snapshot=snapshot,
    )


def test_the_permission_helpers_agree_for_every_persona(world, scene):
    for persona in PERSONA_KEYS:
        user = world.users[persona]
        expected = persona in P1_MANAGERS
        assert can_manage_unit(user, world.units["p1"]) is expected, persona
        assert can_edit_document(user, scene["document"]) is expected, persona
        assert can_remove_origin(user, scene["origin"]) is expected, persona
    # Phường 2's officer manages Phường 2; Phường 1's head does not.
    assert can_manage_unit(world.users["other_ward_officer"], world.units["p2"])
    assert not can_manage_unit(world.users["unit_head"], world.units["p2"])
    # The one-stop office of Phường 1 is below Phường 1: its head and officer manage it too.
    assert can_manage_unit(world.users["ward_officer"], world.units["p1_mc"])


def test_anonymous_visitor_is_sent_to_sign_in_from_every_staff_url(client, world, scene):
    for name, converters in namespace_patterns("unitsite"):
        response = client.get(url_for(name, converters, world, scene))
        assert response.status_code == 302, name
        assert "/tai-khoan/dang-nhap/" in response["Location"], name


def test_public_pages_and_widgets_answer_everyone_and_a_post_changes_nothing(client, world, scene):
    p1 = world.units["p1"]
    urls = []
    for name, converters in namespace_patterns("unitsite_public"):
        values = {"unit_id": p1.pk, "document_id": scene["document"].pk}
        urls.append(reverse(f"unitsite_public:{name}", kwargs={k: values[k] for k in converters}))
    for persona in (None, *PERSONA_KEYS):
        if persona:
            login_verified(client, world.users[persona])
        for url in urls:
            assert client.get(url).status_code == 200, (persona, url)
            before = snapshot()
            response = client.post(url, hostile(scene))
            assert response.status_code < 500, (persona, url)
            assert snapshot() == before, (persona, url)
        client.logout()
