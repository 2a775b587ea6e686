"""The desk page of a dossier's messages to its citizen, for every persona: whoever reads the dossier
sees it (addresses masked unless they may see personal data), only whoever may write the dossier
records or withdraws consent, everyone else gets 403/404 and nothing changes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cchc.dossiers.queries import dossiers_for, may_read_dossiers, may_see_personal_data
from cchc.dossiers.tests.import_helpers import make_catalogue
from cchc.dossiers.tests.status_message_helpers import received
from cchc.notify.channels import RecordingChannel
from cchc.notify.models import Consent
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db


def test_every_persona_gets_what_the_dossier_helpers_allow(client, world, django_capture_on_commit_callbacks):
    make_catalogue()
    d = received(world, "PM1")
    url = reverse("dossiers:messages", args=[d.code])
    assert client.get(url).status_code == 302  # anonymous: to sign in
    assert client.post(url, {"action": "give", "channel": "sms"}).status_code == 302
    for key, user in world.users.items():
        client.logout()
        login_verified(client, user)
        reads = may_read_dossiers(user) and dossiers_for(user).filter(pk=d.pk).exists()
        writes = dossiers_for(user, write=True).filter(pk=d.pk).exists()
        got = client.get(url)
        if not reads:
            assert got.status_code in (403, 404), key
        else:
            assert got.status_code == 200, key
            assert ('data-testid="consent-form"' in got.content.decode()) == writes, key
        RecordingChannel.reset()
        with django_capture_on_commit_callbacks(execute=True):
            posted = client.post(url, {"action": "give", "channel": "sms", "address": ""})
        if writes:
            assert posted.status_code == 302, key
            consent = Consent.objects.get(object_key="PM1", withdrawn_at__isnull=True)
            assert consent.address == "0909000111" and consent.given_by == user
            page = client.get(url).content.decode()
            assert ("0909000111" in page) == may_see_personal_data(user, d), key
            assert client.post(url, {"action": "withdraw"}).status_code == 302
            assert not Consent.objects.filter(object_key="PM1", withdrawn_at__isnull=True).exists()
        else:
            assert posted.status_code in (403, 404), key
            assert not Consent.objects.filter(object_key="PM1", withdrawn_at__isnull=True).exists(), key


def test_a_reader_sees_masked_addresses_and_the_messages_sent(
    client, world, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    make_catalogue()
    d = received(world, "PM2")
    login_verified(client, world.users["one_stop"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("dossiers:messages", args=[d.code]), {"action": "give", "channel": "zalo"})
    page = client.get(reverse("dossiers:messages", args=[d.code])).content.decode()
    assert "Đã tiếp nhận hồ sơ" in page and "Đã gửi" in page


def test_a_bad_address_is_named_and_nothing_recorded(client, world):
    make_catalogue()
    d = received(world, "PM3")
    login_verified(client, world.users["one_stop"])
    url = reverse("dossiers:messages", args=[d.code])
    for data in (
        {"action": "give", "channel": "sms", "address": "12\x0034"},
        {"action": "give", "channel": "email", "address": "khong-phai-thu"},
        {"action": "give", "channel": "fax"},
        {"action": "give", "channel": "sms", "address": "9" * 300},
    ):
        response = client.post(url, data)
        assert response.status_code == 400, data
    assert not Consent.objects.exists()
