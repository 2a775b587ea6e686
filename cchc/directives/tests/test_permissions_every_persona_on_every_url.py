"""A unit sees and updates only its own tasks; only the Office keeps the register; only the
assigner confirms, sends back or decides extensions. Walks every URL pattern of the app (from Django's
resolver, not a hand-written list), GET and POST, for every persona.

A new pattern fails here until ``EXPECTED`` says who may reach it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cchc.directives.tests.conftest import URLS, snapshot
from cchc.testing.personas import PERSONA_KEYS, login_verified

pytestmark = pytest.mark.urls(URLS)

WIDE = {"leader", "secretariat", "office", "auditor"}
P1 = {"unit_head", "ward_officer"}  # the lead unit of the scene's task
READERS = WIDE | P1
EVERYONE = set(PERSONA_KEYS)
OFFICE = {"office"}


def _get(ok: set[str], forbidden: set[str], ok_code: int = 200) -> dict[str, int]:
    """Expected GET status per persona: ``ok`` get ``ok_code``, ``forbidden`` 403, the rest 404."""
    return {p: ok_code if p in ok else 403 if p in forbidden else 404 for p in PERSONA_KEYS}


# name → (GET status per persona, personas whose POST may change something)
EXPECTED: dict[str, tuple[dict[str, int], set[str]]] = {
    "directive_list": (_get(EVERYONE, set()), set()),
    "task_list": (_get(EVERYONE, set()), set()),
    "board": (_get(EVERYONE, set()), set()),
    "inbox": (_get(EVERYONE, set()), set()),
    "overdue": (_get(EVERYONE, set()), set()),
    "progress": (_get(EVERYONE, set()), set()),
    "check": (_get(EVERYONE, set()), set()),
    "report": (_get(WIDE, EVERYONE - WIDE), set()),
    "directive_create": (_get(OFFICE, EVERYONE - OFFICE), OFFICE),
    "reader_upload": (_get(OFFICE, EVERYONE - OFFICE), OFFICE),
    "reader_review": (_get(OFFICE, EVERYONE - OFFICE), OFFICE),
    "directive_detail": (_get(READERS, set()), set()),
    "file_download": (_get(READERS, set()), set()),
    "directive_edit": (_get(OFFICE, READERS - OFFICE), OFFICE),
    "task_create": (_get(OFFICE, READERS - OFFICE), OFFICE),
    "file_add": (_get(OFFICE, READERS - OFFICE, 302), OFFICE),
    "file_remove": (_get(OFFICE, READERS - OFFICE, 302), OFFICE),
    "link_add": (_get(OFFICE, READERS - OFFICE, 302), OFFICE),
    "link_remove": (_get(OFFICE, READERS - OFFICE, 302), OFFICE),
    "task_detail": (_get(READERS, set()), set()),
    "report_attachment": (_get(READERS, set()), set()),
    "task_progress": (_get(READERS, set(), 302), P1),
    "task_report_done": (_get(READERS, set(), 302), P1),
    "task_extension": (_get(READERS, set(), 302), P1),
    "task_officer": (_get(READERS, set(), 302), P1),
    "task_confirm": (_get(READERS, set(), 302), OFFICE),
    "task_send_back": (_get(READERS, set(), 302), OFFICE),
    "task_extension_decide": (_get(READERS, set(), 302), OFFICE),
    "task_delete": (_get(READERS, set(), 302), OFFICE),
    "task_cancel": (_get(READERS, set(), 302), OFFICE),
}


def patterns() -> list[tuple[str, list[str]]]:
    found = []
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace == "directives":
            for pattern in entry.url_patterns:
                assert isinstance(pattern, URLPattern) and pattern.name
                found.append((pattern.name, sorted(pattern.pattern.converters)))
    assert found, "the directives URLconf is not mounted"
    return found


def url_for(name: str, converters: list[str], scene: dict) -> str:
    values = {
        "directive_id": scene["directive"].pk,
        "task_id": scene["task"].pk,
        "file_id": scene["file"].pk,
        "link_id": scene["link"].pk,
        "upload_id": scene["upload"].pk,
        "report_id": scene["report"].pk,
        "ext_id": scene["ext"].pk,
    }
    unknown = set(converters) - set(values)
    assert not unknown, f"URL argument(s) {unknown} are new: say here which object of the scene they name"
    return reverse(f"directives:{name}", kwargs={k: values[k] for k in converters})


def hostile(world) -> dict:
    p2 = world.units["p2"]
    return {
        "percent": "50",
        "note": "Sửa trái phép",
        "reason": "Sửa trái phép",
        "proposed_due": "2022-12-30",
        "decision": "approve",
        "officer": str(world.officials["other_ward_officer"].pk),
        "text": "Nhiệm vụ trái phép",
        "lead_units": [str(p2.pk)],
        "assigner_unit": str(world.units["vp"].pk),
        "kind": "cites",
        "reference": "1/UBND-X",
        "direction": "issued",
        "doc_type": "cong_van",
        "number": "9999",
        "symbol": "UBND-X",
        "date": "2022-08-20",
        "issuer": "Không ai",
        "subject": "Trái phép",
        "action": "confirm",
    }


def test_every_url_answers_every_persona_as_expected_and_refused_posts_change_nothing(client, world, scene):
    seen = []
    for name, converters in patterns():
        assert name in EXPECTED, f"new URL '{name}': add it to EXPECTED with who may reach it"
        get_codes, may_change = EXPECTED[name]
        url = url_for(name, converters, scene)
        for persona in PERSONA_KEYS:
            login_verified(client, world.users[persona])
            response = client.get(url)
            assert response.status_code == get_codes[persona], (name, persona, "GET", response.status_code)
            before = snapshot()
            with transaction.atomic():
                data = {
                    **hostile(world),
                    "file": SimpleUploadedFile("x.txt", b"x", content_type="text/plain"),
                }
                response = client.post(url, data)
                after = snapshot()
                transaction.set_rollback(True)
            if persona in may_change:
                assert response.status_code not in (403, 404), (name, persona, "POST")
            else:
                assert after == before, f"POST {name} by {persona} changed data"
                if get_codes[persona] in (403, 404):
                    assert response.status_code == get_codes[persona], (name, persona, "POST")
            client.logout()
        seen.append(name)
    assert set(seen) == set(EXPECTED), f"gone: {set(EXPECTED) - set(seen)}"


def test_anonymous_visitor_is_sent_to_sign_in_from_every_url(client, world, scene):
    for name, converters in patterns():
        response = client.get(url_for(name, converters, scene))
        assert response.status_code == 302, name
        assert "/tai-khoan/dang-nhap/" in response["Location"], name


def test_an_outsiders_page_never_shows_the_phuong_1_task(client, world, scene):
    """The lists are scoped, not only the detail pages: Phường 2 never sees Phường 1's task text."""
    marker = scene["task"].text
    for name in ("directive_list", "task_list", "board", "inbox", "overdue", "progress", "check"):
        login_verified(client, world.users["other_ward_officer"])
        for query in ("", f"?don_vi={world.units['p1'].pk}&van_ban={scene['directive'].pk}&xuat=xlsx"):
            response = client.get(reverse(f"directives:{name}") + query)
            assert response.status_code == 200
            body = response.content.decode("utf-8", "replace")
            assert marker not in body and "UBND Phường 1" not in body, (name, query)


def test_the_one_stop_officer_of_phuong_1_sees_only_its_own_sub_unit(world, scene):
    """The one-stop office is under Phường 1: its scope is its own subtree, not its parent's."""
    from cchc.directives.queries import tasks_for

    assert not tasks_for(world.users["one_stop"]).exists()
    assert list(tasks_for(world.users["ward_officer"])) == [scene["task"]]
    assert dt.date(2022, 9, 30) == scene["task"].deadline.due
