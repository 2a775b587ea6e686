"""A ward officer cannot read or change another ward's units or officials,
through the UI and through any endpoint.

The test walks every URL pattern of the org app (from Django's resolver, not a hand-written list), so a
new endpoint is exercised here automatically, and one whose kind of argument is unknown fails until it
is added to ``TARGETS``.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cchc.org import actions
from cchc.org.models import HeadKind, UnitHead
from cchc.org.tests.conftest import org_snapshot, response_text
from cchc.testing.personas import login_verified

# What Phường 2 looks like in any response: none of it may reach the Phường 1 officer.
P2_MARKERS = ("UBND Phường 2", "Đỗ Văn Cường", "CB-P2-CV", "other_ward_officer@example.test", "Tổ dân phố P2")


def org_patterns() -> list[tuple[str, list[str]]]:
    found = []
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace == "org":
            for pattern in entry.url_patterns:
                assert isinstance(pattern, URLPattern) and pattern.name, (
                    f"unnamed or nested org URL: {pattern}"
                )
                found.append((pattern.name, sorted(pattern.pattern.converters)))
    assert found, "the org URLconf is not included in cchc.urls"
    return found


@pytest.fixture
def phuong2(world):
    """Phường 2 with a sub-unit, a head and an import file aimed at it."""
    secretariat = world.users["secretariat"]
    p2 = world.units["p2"]
    child = actions.create_unit(
        secretariat,
        {
            "code": "P2-TDP",
            "name": "Tổ dân phố P2",
            "kind": "other",
            "jurisdiction": p2.jurisdiction,
            "parent": p2,
        },
    )
    head = actions.set_head(
        secretariat,
        p2,
        world.officials["other_ward_officer"],
        kind=HeadKind.ACTING,
        valid_from=dt.date(2022, 1, 1),
    )
    return {"unit": p2, "child": child, "official": world.officials["other_ward_officer"], "head": head}


def kwargs_for(converters: list[str], target: dict) -> dict:
    values = {
        "unit_id": target["unit"].pk,
        "official_id": target["official"].pk,
        "head_id": target["head"].pk,
        "kind": "units",
        "fmt": "csv",
    }
    unknown = set(converters) - set(values)
    assert not unknown, f"URL argument(s) {unknown} are new: say here which Phường 2 object they point at"
    return {name: values[name] for name in converters}


def hostile_post(target: dict) -> dict:
    p2 = target["unit"]
    return {
        "code": "P2",
        "name": "Đã bị sửa",
        "kind": "ward",
        "jurisdiction": p2.jurisdiction_id,
        "parent": "",
        "full_name": "Đã bị sửa",
        "unit": p2.pk,
        "official": target["official"].pk,
        "target": target["child"].pk,
        "others": [p2.pk],
        "on": "2022-08-15",
        "last_day": "2022-08-15",
        "valid_from": "2022-08-15",
        "move_officials": "on",
        "token": "x",
    }


def test_every_org_url_keeps_phuong_2_away_from_the_phuong_1_officer(client, world, phuong2, tmp_path):
    officer = world.users["ward_officer"]
    login_verified(client, officer)
    p2 = phuong2["unit"]
    checked = []
    for name, converters in org_patterns():
        url = reverse(f"org:{name}", kwargs=kwargs_for(converters, phuong2))
        # Plain, and with every filter pointed at Phường 2.
        for query in (
            "",
            f"?q=C%C6%B0%E1%BB%9Dng&don_vi={p2.pk}&cap_duoi=1&cap_tren={p2.pk}&hieu_luc=tat_ca",
        ):
            response = client.get(url + query)
            assert response.status_code in (200, 403, 404, 405), (name, response.status_code)
            if response.status_code == 200:
                text = response_text(response)
                leaked = [m for m in P2_MARKERS if m in text]
                assert not leaked, f"{name}{query} shows Phường 2 data to the Phường 1 officer: {leaked}"
        before = org_snapshot()
        upload = tmp_path / "p2.csv"
        upload.write_text("mã đơn vị,tên đơn vị,loại,mã địa bàn\nP2,Đã bị sửa,ward,26508\n", encoding="utf-8")
        with upload.open("rb") as handle:
            response = client.post(url, {**hostile_post(phuong2), "file": handle})
        assert response.status_code in (403, 404, 405) or name in READ_ONLY_VIEWS, (
            name,
            response.status_code,
        )
        assert org_snapshot() == before, f"POST {name} changed the organisation"
        if response.status_code == 200:
            leaked = [m for m in P2_MARKERS if m in response_text(response)]
            assert not leaked, f"POST {name} shows Phường 2 data: {leaked}"
        checked.append(name)
    assert set(checked) == KNOWN_VIEWS, (
        "org URL patterns changed: add the new ones to KNOWN_VIEWS (and to the persona matrix test) "
        f"— new: {set(checked) - KNOWN_VIEWS}, gone: {KNOWN_VIEWS - set(checked)}"
    )


def test_phuong_1_officer_still_reads_own_ward(client, world, phuong2):
    """The denial above is about scope, not a broken page: the officer's own ward is readable."""
    login_verified(client, world.users["ward_officer"])
    response = client.get(reverse("org:unit_detail", args=[world.units["p1"].pk]))
    assert response.status_code == 200
    assert "UBND Phường 1" in response.content.decode()
    assert UnitHead.objects.filter(unit=phuong2["unit"]).exists()


def test_anonymous_visitor_is_sent_to_sign_in_from_every_org_url(client, world, phuong2):
    for name, converters in org_patterns():
        response = client.get(reverse(f"org:{name}", kwargs=kwargs_for(converters, phuong2)))
        assert response.status_code == 302, name
        assert "/tai-khoan/dang-nhap/" in response["Location"], name


# Views that only read: a POST to them is answered like a GET (scoped), never as a change.
READ_ONLY_VIEWS = {
    "unit_list",
    "unit_export",
    "unit_detail",
    "official_list",
    "official_export",
    "official_detail",
    "unit_search_json",
    "official_search_json",
}
KNOWN_VIEWS = READ_ONLY_VIEWS | {
    "unit_create",
    "unit_edit",
    "unit_close",
    "unit_merge",
    "unit_delete",
    "unit_set_head",
    "head_end",
    "official_create",
    "official_edit",
    "official_deactivate",
    "import",
    "import_confirm",
    "import_template",
}
