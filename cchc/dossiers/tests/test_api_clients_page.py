"""The API-client page: the Office and the secretariat issue a token (shown once) and revoke it, only
for their own jurisdiction; other roles are refused."""

from __future__ import annotations

import pytest
from django.test import Client

from cchc.core.models import AuditEvent
from cchc.dossiers.actions.api_clients import issue_client
from cchc.dossiers.api_auth import client_for_token
from cchc.dossiers.models import ApiClient
from cchc.testing.personas import login_verified

pytestmark = [pytest.mark.django_db, pytest.mark.urls("cchc.dossiers.tests.api_urls")]
PAGE = "/ho-so/ket-noi/"


def test_the_office_issues_a_token_shown_once_that_works(world):
    office = login_verified(Client(), world.users["office"])
    r = office.post(PAGE, {"name": "Một cửa điện tử Phường 1", "jurisdiction": world.jurisdictions["p1"].pk})
    assert r.status_code == 200
    token = r.context["issued"].token
    assert token in r.content.decode() and r["Cache-Control"] == "no-store"
    client, _ = client_for_token(token)
    assert client is not None and client.jurisdiction == world.jurisdictions["p1"]
    assert client.created_by == world.users["office"]
    listing = office.get(PAGE).content.decode()
    assert "Một cửa điện tử Phường 1" in listing and token not in listing
    audit = AuditEvent.objects.get(verb="dossiers.api_client.create")
    assert audit.actor == world.users["office"]


def test_revoking_stops_the_token(world):
    secretariat = login_verified(Client(), world.users["secretariat"])
    issued = issue_client("Hệ thống cũ", world.jurisdictions["p2"].code)
    r = secretariat.post(f"{PAGE}{issued.client.pk}/thu-hoi/")
    assert r.status_code == 302
    assert client_for_token(issued.token) == (None, "revoked")
    assert "Đã thu hồi" in secretariat.get(PAGE).content.decode()


def test_an_area_outside_ones_jurisdiction_is_not_offered_and_its_clients_are_hidden(world):
    office = login_verified(Client(), world.users["office"])
    province = world.jurisdictions["province"]
    r = office.post(PAGE, {"name": "Tỉnh", "jurisdiction": province.pk})
    assert r.status_code == 200 and "Địa bàn không hợp lệ." in r.content.decode()
    assert not ApiClient.objects.exists()
    other = issue_client("Hệ thống của tỉnh", province.code)
    assert "Hệ thống của tỉnh" not in office.get(PAGE).content.decode()
    assert office.post(f"{PAGE}{other.client.pk}/thu-hoi/").status_code == 404
    assert ApiClient.objects.get(pk=other.client.pk).revoked_at is None


def test_a_duplicate_name_is_refused_in_vietnamese(world):
    issue_client("Một cửa", world.jurisdictions["city"].code)
    office = login_verified(Client(), world.users["office"])
    r = office.post(PAGE, {"name": "Một cửa", "jurisdiction": world.jurisdictions["city"].pk})
    assert "Đã có hệ thống tên «Một cửa»" in r.content.decode()
    assert ApiClient.objects.count() == 1


@pytest.mark.parametrize("persona", ["leader", "ward_officer", "one_stop", "unit_head", "front", "auditor"])
def test_other_roles_cannot_issue_or_revoke(world, persona):
    issued = issue_client("Một cửa", world.jurisdictions["city"].code)
    c = login_verified(Client(), world.users[persona])
    assert c.get(PAGE).status_code == 403
    assert c.post(PAGE, {"name": "X", "jurisdiction": world.jurisdictions["city"].pk}).status_code == 403
    assert c.post(f"{PAGE}{issued.client.pk}/thu-hoi/").status_code == 403
    assert ApiClient.objects.count() == 1 and ApiClient.objects.get().revoked_at is None


def test_anonymous_visitors_are_sent_to_sign_in(world):
    r = Client().get(PAGE)
    assert r.status_code == 302
