"""Every persona × every org view, read (GET) and write (POST), against a hand-written expectation.

The expectations restate the roles table (docs/architecture.md, "Rules of the house"), not the code: wide
roles read the whole city; a unit's own people read their unit and the units below it; only the secretariat
changes units; the secretariat and the unit head change officials of the head's unit; the auditor changes
nothing. 404 when the object is out of the persona's reading scope, 403 when it is readable but not writable.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from cchc.org import actions
from cchc.org.tests.conftest import org_snapshot
from cchc.org.tests.test_ward_officer_cannot_reach_another_ward import KNOWN_VIEWS, READ_ONLY_VIEWS
from cchc.testing.personas import PERSONAS, login_verified

ALL = frozenset(p[0] for p in PERSONAS)
WIDE = frozenset({"leader", "secretariat", "office", "auditor"})
P1_READERS = WIDE | {"unit_head", "ward_officer"}  # Phường 1 and everything under it
P1_MC_READERS = P1_READERS | {"one_stop"}  # the one-stop office of Phường 1
UNIT_WRITERS = frozenset({"secretariat"})
P1_OFFICIAL_WRITERS = frozenset({"secretariat", "unit_head"})


def expected(persona: str, readers: frozenset, writers: frozenset) -> str:
    if persona in writers:
        return "allow"
    return "403" if persona in readers else "404"


@pytest.fixture
def targets(world):
    tmp = actions.create_unit(
        world.users["secretariat"],
        {
            "code": "P1-TMP",
            "name": "Tổ nhập nhầm",
            "kind": "other",
            "jurisdiction": world.jurisdictions["p1"],
            "parent": world.units["p1"],
        },
    )
    return {
        "p1": world.units["p1"],
        "p1_mc": world.units["p1_mc"],
        "tmp": tmp,
        "officer": world.officials["ward_officer"],
        "p1_head": world.units["p1"].heads.get(),
    }


# view name → (url kwargs from targets, readers, writers, valid POST data or None for read-only views)
def cases(world, t) -> dict:
    p1, city = t["p1"], world.jurisdictions["city"]
    unit_post = {
        "code": "P1",
        "name": "UBND Phường 1 (sửa)",
        "kind": "ward",
        "jurisdiction": p1.jurisdiction_id,
        "parent": world.units["ubnd"].pk,
    }
    return {
        "unit_list": ({}, ALL, ALL, None),
        "unit_export": ({}, ALL, ALL, None),
        "unit_search_json": ({}, ALL, ALL, None),
        "official_list": ({}, ALL, ALL, None),
        "official_export": ({}, ALL, ALL, None),
        "official_search_json": ({}, ALL, ALL, None),
        "unit_detail": ({"unit_id": p1.pk}, P1_READERS, P1_READERS, None),
        "official_detail": ({"official_id": t["officer"].pk}, P1_READERS, P1_READERS, None),
        "unit_create": (
            {},
            ALL,
            UNIT_WRITERS,
            {"code": "MOI", "name": "Đơn vị mới", "kind": "other", "jurisdiction": city.pk},
        ),
        "unit_edit": ({"unit_id": p1.pk}, P1_READERS, UNIT_WRITERS, unit_post),
        "unit_close": ({"unit_id": t["p1_mc"].pk}, P1_MC_READERS, UNIT_WRITERS, {"last_day": "2022-08-31"}),
        "unit_merge": (
            {"unit_id": t["p1_mc"].pk},
            P1_MC_READERS,
            UNIT_WRITERS,
            {"target": p1.pk, "on": "2022-09-01", "move_officials": "on"},
        ),
        "unit_delete": ({"unit_id": t["tmp"].pk}, P1_READERS, UNIT_WRITERS, {}),
        "unit_set_head": (
            {"unit_id": p1.pk},
            P1_READERS,
            UNIT_WRITERS,
            {"official": t["officer"].pk, "kind": "acting", "valid_from": "2022-08-15"},
        ),
        "head_end": (
            {"unit_id": p1.pk, "head_id": t["p1_head"].pk},
            P1_READERS,
            UNIT_WRITERS,
            {"last_day": "2022-08-31"},
        ),
        "official_create": (
            {},
            ALL,
            P1_OFFICIAL_WRITERS,
            {"code": "CB-MOI", "full_name": "Lý Văn Mới", "unit": p1.pk},
        ),
        "official_edit": (
            {"official_id": t["officer"].pk},
            P1_READERS,
            P1_OFFICIAL_WRITERS,
            {
                "code": "CB-P1-CV",
                "full_name": "Trần Thị Bình",
                "position": "Công chức Tư pháp",
                "unit": p1.pk,
            },
        ),
        "official_deactivate": (
            {"official_id": t["officer"].pk},
            P1_READERS,
            P1_OFFICIAL_WRITERS,
            {"last_day": "2022-08-31"},
        ),
        "import": ({}, ALL, UNIT_WRITERS, None),  # POST covered in test_import_page_*
        "import_confirm": ({}, ALL, UNIT_WRITERS, None),
        "import_template": ({"kind": "officials", "fmt": "xlsx"}, ALL, UNIT_WRITERS, None),
    }


def test_the_matrix_covers_every_org_view(world, targets):
    assert set(cases(world, targets)) == KNOWN_VIEWS


@pytest.mark.parametrize("view", sorted(KNOWN_VIEWS))
def test_each_persona_reads_only_what_its_role_allows(client, world, targets, view):
    kwargs, readers, writers, _ = cases(world, targets)[view]
    url = reverse(f"org:{view}", kwargs=kwargs)
    # A page that changes something is only shown (GET) to those who may make the change.
    gate = writers if view not in {"import_confirm"} else frozenset()
    outcomes = {}
    for persona in sorted(ALL):
        login_verified(client, world.users[persona])
        outcomes[persona] = client.get(url).status_code
        client.logout()
    if view == "import_confirm":  # POST only
        assert set(outcomes.values()) == {405}, outcomes
        return
    wanted = {p: {"allow": 200, "403": 403, "404": 404}[expected(p, readers, gate)] for p in ALL}
    assert outcomes == wanted


# The import views' POSTs carry files and tokens: test_import_page_previews_then_confirms.py and the
# last test below cover them.
WRITE_VIEWS = KNOWN_VIEWS - READ_ONLY_VIEWS - {"import", "import_confirm", "import_template"}


@pytest.mark.parametrize("view", sorted(WRITE_VIEWS))
def test_each_persona_changes_only_what_its_role_allows(client, world, targets, view):
    kwargs, readers, writers, data = cases(world, targets)[view]
    url = reverse(f"org:{view}", kwargs=kwargs)
    for persona in sorted(ALL):
        login_verified(client, world.users[persona])
        before = org_snapshot()
        with transaction.atomic():
            response = client.post(url, data)
            after = org_snapshot()
            transaction.set_rollback(True)
        client.logout()
        outcome = expected(persona, readers, writers)
        if outcome == "allow":
            assert response.status_code == 302, (persona, response.status_code, _errors(response))
            assert after != before, f"{persona}: {view} was accepted but changed nothing"
        else:
            assert response.status_code == int(outcome), (persona, response.status_code)
            assert after == before, f"{persona}: {view} was refused but changed the organisation"


def test_import_confirm_is_refused_to_everyone_but_the_secretariat(client, world):
    for persona in sorted(ALL):
        login_verified(client, world.users[persona])
        response = client.post(reverse("org:import_confirm"), {"token": "x"})
        client.logout()
        assert response.status_code == (302 if persona in UNIT_WRITERS else 403), persona


def _errors(response) -> str:
    form = (response.context or {}).get("form") if hasattr(response, "context") else None
    return str(form.errors) if form is not None else ""
