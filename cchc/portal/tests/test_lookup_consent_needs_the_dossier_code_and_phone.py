"""Consent from the public look-up page: only with the token the look-up signed after the dossier's code
and phone were proved (never the phone itself in the page); a forged or altered token records nothing;
e-mail needs an address; bad values are named."""

from __future__ import annotations

import pytest
from django.core import signing
from django.urls import reverse

from cchc.dossiers.tests.import_helpers import make_catalogue
from cchc.dossiers.tests.status_message_helpers import received
from cchc.notify.models import Consent
from cchc.portal.views_consent import EXPIRED, token_for

pytestmark = pytest.mark.django_db


def post(client, **kw):
    data = {"token": token_for("PC1"), "action": "give", "channel": "sms"} | kw
    return client.post(reverse("portal:lookup_consent"), data)


def test_the_proved_pair_gives_and_withdraws_consent(
    client, world, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    make_catalogue()
    received(world, "PC1")
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, channel="email", email="dan@example.vn").status_code == 200
    given = Consent.objects.get(withdrawn_at__isnull=True)
    assert (given.channel, given.address, given.given_where, given.given_by) == (
        "email",
        "dan@example.vn",
        "lookup",
        None,
    )
    assert len(mailoutbox) == 1 and "PC1" in mailoutbox[0].body
    assert post(client, action="withdraw").status_code == 200
    assert not Consent.objects.filter(withdrawn_at__isnull=True).exists()


def test_the_look_up_gives_the_token_and_never_writes_the_phone_back(client, world):
    make_catalogue()
    received(world, "PC1")
    html = client.post(
        reverse("portal:dossier_lookup"), {"code": "PC1", "phone": "0909000111"}
    ).content.decode()
    assert 'name="token"' in html and "0909000111" not in html


def test_a_forged_altered_or_unknown_token_records_nothing(client, world):
    make_catalogue()
    received(world, "PC1")
    forged = token_for("PC1")[:-2] + "xx"
    for token in (forged, "PC1", token_for("KHONGCO"), signing.dumps("PC1", salt="another")):
        response = post(client, token=token)
        assert response.status_code == 403 and EXPIRED in response.content.decode()
    assert not Consent.objects.exists()


@pytest.mark.parametrize(
    "kw",
    [
        {"channel": "email", "email": ""},
        {"channel": "email", "email": "khong-phai-thu"},
        {"channel": "fax"},
        {"channel": ""},
        {"action": "xoa"},
        {"token": "x" * 400},
    ],
)
def test_bad_values_are_named_and_nothing_recorded(client, world, kw):
    make_catalogue()
    received(world, "PC1")
    response = post(client, **kw)
    assert 400 <= response.status_code < 500
    assert 'data-testid="consent-error"' in response.content.decode()
    assert not Consent.objects.exists()


def test_the_page_opened_directly_tells_how_to_subscribe_and_records_nothing(client, db):
    response = client.get(reverse("portal:lookup_consent"))
    assert response.status_code == 200 and 'data-testid="consent-guide"' in response.content.decode()
    assert not Consent.objects.exists()
