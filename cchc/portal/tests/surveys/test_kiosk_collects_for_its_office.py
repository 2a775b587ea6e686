"""Kiosk mode: a tablet at the one-stop office opens its secret address (no login) and collects
answers for the campaign unit above it; the timeout is a setting shown to the page's script."""

import pytest
from django.urls import reverse

from cchc.surveys import actions
from cchc.surveys.models import Response, ResponseChannel
from cchc.surveys.tests.conftest import URLS, form_data

pytestmark = pytest.mark.urls(URLS)
FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


@pytest.fixture
def kiosk(world):
    return actions.create_kiosk(world.users["one_stop"], name="Quầy 1", unit=world.units["p1_mc"])


def test_the_kiosk_page_carries_the_inactivity_timeout_from_the_settings(
    client, world, campaign, kiosk, settings
):
    settings.CCHC_SURVEY_KIOSK_IDLE_SECONDS = 45
    html = client.get(reverse("surveys_public:kiosk", args=[kiosk.token])).content.decode()
    assert 'data-idle-seconds="45"' in html and 'data-mode="kiosk"' in html
    assert "Bắt đầu" in html and 'name="q_E1.1"' in html


def test_a_kiosk_submit_counts_for_the_ward_and_remembers_the_device(client, world, version, campaign, kiosk):
    response = client.post(
        reverse("surveys_public:kiosk", args=[kiosk.token]),
        form_data(version, client_key="kiosk-key-0001", duration_ms="120000"),
        **FETCH,
    )
    assert response.status_code == 200 and response.json()["ok"]
    r = Response.objects.get()
    assert r.unit == world.units["p1"] and r.kiosk == kiosk and r.channel == ResponseChannel.KIOSK
    assert r.duration_seconds is not None and r.duration_seconds <= 120


def test_a_queued_submit_sent_twice_is_stored_once(client, world, version, campaign, kiosk):
    url = reverse("surveys_public:kiosk", args=[kiosk.token])
    for _ in range(2):
        assert client.post(url, form_data(version, client_key="kiosk-key-0002"), **FETCH).status_code == 200
    assert Response.objects.count() == 1


def test_an_empty_kiosk_form_is_refused(client, world, version, campaign, kiosk):
    response = client.post(
        reverse("surveys_public:kiosk", args=[kiosk.token]), {"respondent_type": "citizen"}, **FETCH
    )
    assert response.status_code == 400 and not Response.objects.exists()


def test_without_an_open_campaign_the_kiosk_says_so(client, world, kiosk):
    html = client.get(reverse("surveys_public:kiosk", args=[kiosk.token])).content.decode()
    assert "chưa có đợt khảo sát" in html


def test_a_stopped_or_unknown_kiosk_is_404(client, world, campaign, kiosk):
    actions.deactivate_kiosk(world.users["secretariat"], kiosk)
    assert client.get(reverse("surveys_public:kiosk", args=[kiosk.token])).status_code == 404
    assert client.get(reverse("surveys_public:kiosk", args=["khong-co"])).status_code == 404


def test_another_wards_one_stop_officer_cannot_place_a_kiosk_here(world):
    from django.core.exceptions import PermissionDenied

    from cchc.org.models import Jurisdiction

    other = world.units["p2"]
    assert other.jurisdiction == Jurisdiction.objects.get(code="26508")
    with pytest.raises(PermissionDenied):
        actions.create_kiosk(world.users["one_stop"], name="Không được", unit=other)
