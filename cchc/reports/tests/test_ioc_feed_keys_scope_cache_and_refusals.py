"""The operations-centre feed (``/ioc/v1/``): only an active IOC key of the area reads it (an Open311 key,
a revoked key, a signed-in official without a key: 401), a unit outside the key's area is 404, each key
is rate-limited, answers carry an ETag and a repeated question with it gets 304, and bad parameters are
refused in Vietnamese naming the parameter."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from cchc.dossiers.tests.factories import add_facts, build_ledger
from cchc.feedback.actions.citizen import create_key, revoke_key
from cchc.feedback.models import KeyPurpose
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db
OPS = ["tong-hop", "theo-ngay", "xep-hang-don-vi", "nhiem-vu-qua-han", "phan-anh", "hai-long"]
JUNE = {"tu": "2022-06-01", "den": "2022-06-30"}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ledger(world):
    built = build_ledger(world)
    add_facts(built.all)
    return built


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def ioc_key(world, area="city", purpose=KeyPurpose.IOC, name="Màn hình IOC thành phố"):
    return create_key("test", name=name, jurisdiction=world.jurisdictions[area], purpose=purpose)


def test_an_ioc_key_reads_every_operation(client, world, ledger):
    _, raw = ioc_key(world)
    for op in OPS:
        params = {} if op in ("nhiem-vu-qua-han", "phan-anh") else JUNE  # "as of today" operations
        r = client.get(f"/ioc/v1/{op}", params, **bearer(raw))
        assert r.status_code == 200, (op, r.content[:200])
        assert r["Content-Type"].startswith("application/json")
    summary = client.get("/ioc/v1/tong-hop", JUNE, **bearer(raw)).json()
    # The factory's June 2022: one late (P1), one on time (P2), one early (city), all received in June.
    assert (summary["early"], summary["on_time"], summary["late"]) == (1, 1, 1)
    assert summary["received"] == 3 and summary["late_rate"] == pytest.approx(0.3333, abs=1e-4)
    assert sum(c["received"] for c in summary["by_channel"]) == summary["received"]
    days = client.get("/ioc/v1/theo-ngay", JUNE, **bearer(raw)).json()["days"]
    assert len(days) == 30 and sum(d["late"] for d in days) == 1


@pytest.mark.parametrize("who", ["none", "open311", "revoked", "garbage"])
def test_only_an_active_ioc_key_opens_the_feed(client, world, ledger, who):
    headers = {}
    if who == "open311":
        _, raw = ioc_key(world, purpose=KeyPurpose.OPEN311)
        headers = bearer(raw)
    elif who == "revoked":
        key, raw = ioc_key(world)
        revoke_key("test", key)
        headers = bearer(raw)
    elif who == "garbage":
        headers = bearer("ioc_" + "x" * 500)
    for op in OPS:
        r = client.get(f"/ioc/v1/{op}", **headers)
        assert r.status_code == 401, op
        assert "khoá IOC" in r.json()["detail"]


def test_an_ioc_key_opens_no_open311_write(client, world):
    from cchc.feedback.actions.citizen import key_for

    _, raw = ioc_key(world)
    assert key_for(raw) is None and key_for(raw, KeyPurpose.IOC) is not None


def test_signed_in_officials_still_need_a_key(client, world, ledger):
    for user in world.users.values():
        login_verified(client, user)
        assert client.get("/ioc/v1/tong-hop").status_code == 401, user.role
        client.logout()


def test_a_key_reads_its_own_area_only(client, world, ledger):
    _, ward_key = ioc_key(world, area="p1", name="Màn hình Phường 1")
    # The city's Phòng Nội vụ is outside Phường 1's area: as if it did not exist.
    outside = client.get("/ioc/v1/tong-hop", {**JUNE, "don_vi": world.units["nv"].code}, **bearer(ward_key))
    assert outside.status_code == 404 and "không có đơn vị" in outside.json()["detail"].casefold()
    own = client.get("/ioc/v1/tong-hop", JUNE, **bearer(ward_key)).json()
    city = client.get("/ioc/v1/tong-hop", JUNE, **bearer(ioc_key(world)[1])).json()
    assert own["finished"] < city["finished"]


def test_etag_answers_304_and_a_new_fact_changes_the_answer(client, world, ledger):
    _, raw = ioc_key(world)
    first = client.get("/ioc/v1/tong-hop", JUNE, **bearer(raw))
    etag = first["ETag"]
    again = client.get("/ioc/v1/tong-hop", JUNE, HTTP_IF_NONE_MATCH=etag, **bearer(raw))
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert client.get("/ioc/v1/tong-hop", JUNE, HTTP_IF_NONE_MATCH='"khac"', **bearer(raw)).status_code == 200


@override_settings(CCHC_IOC_RATE_PER_KEY_HOUR=3)
def test_each_key_is_rate_limited(client, world, ledger):
    _, raw = ioc_key(world)
    _, other = ioc_key(world, name="Màn hình thứ hai")
    for _ in range(3):
        assert client.get("/ioc/v1/phan-anh", **bearer(raw)).status_code == 200
    refused = client.get("/ioc/v1/phan-anh", **bearer(raw))
    assert refused.status_code == 429 and "quá nhiều lần" in refused.json()["detail"]
    assert client.get("/ioc/v1/phan-anh", **bearer(other)).status_code == 200


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({"tu": "2022-13-01"}, 422, "tu (từ ngày)"),
        ({"den": "hôm qua"}, 422, "den (đến ngày)"),
        ({"tu": "2022-06-30", "den": "2022-06-01"}, 400, "den phải sau"),
        ({"tu": "2020-01-01", "den": "2022-06-30"}, 400, "tối đa 366 ngày"),
        ({"tu": "0001-01-01"}, 400, "Tham số tu"),
        ({"don_vi": "x" * 41}, 422, "don_vi"),
        ({"from": "2022-06-01"}, 400, "Tham số không dùng được: from"),
    ],
)
def test_bad_parameters_are_refused_naming_them(client, world, ledger, params, status, words):
    _, raw = ioc_key(world)
    r = client.get("/ioc/v1/tong-hop", params, **bearer(raw))
    assert r.status_code == status
    assert words in r.json()["detail"]


def test_the_secretariat_issues_an_ioc_key_on_the_keys_page_and_no_other_role_may(client, world, ledger):
    url = reverse("feedback:keys")
    for role, user in world.users.items():
        login_verified(client, user)
        response = client.post(url, {"name": "Màn hình IOC tỉnh", "purpose": "ioc"})
        if role == "secretariat":
            html = response.content.decode()
            assert response.status_code == 200 and "ioc_" in html
            raw = (
                html.split('data-testid="new-key"', 1)[1]
                .split("<code", 1)[1]
                .split(">", 1)[1]
                .split("<", 1)[0]
            )
            assert client.get("/ioc/v1/tong-hop", JUNE, **bearer(raw)).status_code == 200
        else:
            assert response.status_code == 403, role
        client.logout()


def test_the_command_issues_an_ioc_key(world, ledger, client):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command(
        "open311_key", "create", "--name", "IOC tỉnh", "--jurisdiction", "747", "--purpose", "ioc", stdout=out
    )
    raw = out.getvalue().strip()
    assert raw.startswith("ioc_")
    assert client.get("/ioc/v1/phan-anh", **bearer(raw)).status_code == 200
    today = dt.date.today()
    assert (
        client.get("/ioc/v1/tong-hop", {"tu": today.replace(day=1).isoformat()}, **bearer(raw)).status_code
        == 200
    )
