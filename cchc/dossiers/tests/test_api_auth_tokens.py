"""Bearer tokens: one per source system, only the SHA-256 stored, revoked or wrong tokens get 401 with a
Vietnamese message, and the last use is recorded."""

from __future__ import annotations

import hashlib

import pytest

from cchc.core.models import AuditEvent
from cchc.dossiers.actions.api_clients import issue_client, revoke_client
from cchc.dossiers.models import ApiClient, Dossier
from cchc.dossiers.tests.api_helpers import Api
from cchc.dossiers.tests.import_helpers import make_catalogue, national

pytestmark = [pytest.mark.django_db, pytest.mark.urls("cchc.dossiers.tests.api_urls")]

ENDPOINTS = [
    ("post", "/ho-so/dong-bo", {"isUpdating": False, "data": [national("A-1")]}),
    ("post", "/ho-so/tien-do", {"data": [{"MaHoSo": "A-1", "PhongBanXuLy": "P1"}]}),
    ("post", "/ho-so/trang-thai", {"MaHoSo": "A-1", "TrangThaiHoSo": 4}),
    ("get", "/ho-so", {"MaHoSo": "A-1"}),
]


def call(api, method, path, body):
    return api.post(path, body) if method == "post" else api.get(path, **body)


def test_only_the_hash_of_the_token_is_stored(world):
    issued = issue_client("Một cửa điện tử thành phố", "747")
    client = ApiClient.objects.get()
    assert client.token_hash == hashlib.sha256(issued.token.encode()).hexdigest()
    assert issued.token.startswith(client.token_prefix)
    stored = " ".join(str(v) for v in ApiClient.objects.values().get().values())
    assert issued.token not in stored
    assert AuditEvent.objects.filter(verb="dossiers.api_client.create").count() == 1


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
def test_every_operation_needs_a_token(world, method, path, body):
    make_catalogue()
    r = call(Api(None), method, path, body)
    assert r.status_code == 401
    assert r.json()["detail"].startswith("Thiếu mã truy cập")
    assert r["WWW-Authenticate"].startswith("Bearer")
    r = call(Api("cchc_not-a-real-token"), method, path, body)
    assert r.status_code == 401
    assert r.json()["detail"] == "Mã truy cập không đúng (tiêu đề Authorization)."
    assert not Dossier.objects.exists()


def test_a_revoked_token_is_refused(world):
    make_catalogue()
    issued = issue_client("Một cửa cũ", "747")
    api = Api(issued.token)
    assert api.sync(national("R-1")).status_code == 200
    revoke_client("Một cửa cũ")
    r = api.sync(national("R-2"))
    assert r.status_code == 401
    assert "thu hồi" in r.json()["detail"]
    assert not Dossier.objects.filter(code="R-2").exists()
    assert AuditEvent.objects.filter(verb="dossiers.api_client.revoke").count() == 1


def test_last_use_is_recorded(world):
    make_catalogue()
    issued = issue_client("Một cửa Phường 1", "26506")
    assert issued.client.last_used_at is None
    Api(issued.token).lookup("nothing")
    issued.client.refresh_from_db()
    assert issued.client.last_used_at is not None


def test_a_token_in_another_scheme_is_not_accepted(world):
    issued = issue_client("Một cửa", "747")
    api = Api(None)
    r = api.client.get("/api/ho-so", {"MaHoSo": "x"}, headers={"Authorization": f"Token {issued.token}"})
    assert r.status_code == 401
