"""Suspicious responses — every answer the same given in seconds, identical repeats from one device or
address, bursts from one address — are stored with a flag and count until the secretariat decides;
set-aside ones stay stored and stop counting."""

import pytest
from django.urls import reverse

from cchc.surveys import actions, results
from cchc.surveys.models import FlagStatus, Response
from cchc.surveys.tests.conftest import URLS, form_data
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)
FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


@pytest.fixture
def kiosk(world):
    return actions.create_kiosk(world.users["secretariat"], name="Quầy 1", unit=world.units["p1_mc"])


def post(client, kiosk, version, key, answers=None, ms="150000"):
    url = reverse("surveys_public:kiosk", args=[kiosk.token])
    return client.post(url, form_data(version, answers, client_key=key, duration_ms=ms), **FETCH)


def test_all_the_same_answer_in_seconds_is_flagged_and_still_counted(client, world, version, campaign, kiosk):
    post(client, kiosk, version, "key-fast-0001", {c.code: 5 for c in version.questionnaire.items}, ms="8000")
    r = Response.objects.get()
    assert r.flag_status == FlagStatus.PENDING and r.flag_reasons == ["same_fast"]
    rs = results.load(campaign)
    assert len(rs.ids) == 1  # counted until someone decides


def test_the_same_answers_slowly_are_not_suspicious(client, world, version, campaign, kiosk):
    post(client, kiosk, version, "key-slow-0001", ms="180000")
    assert Response.objects.get().flag_status == FlagStatus.NONE


def test_very_fast_mixed_answers_are_flagged_too_fast(client, world, version, campaign, kiosk):
    mixed = {code: (n % 5) + 1 for n, code in enumerate(a.code for a in version.questionnaire.items)}
    post(client, kiosk, version, "key-mixed-0001", mixed, ms="5000")
    assert Response.objects.get().flag_reasons == ["too_fast"]


def test_an_identical_repeat_from_the_same_kiosk_is_flagged_as_a_duplicate_of_the_first(
    client, world, version, campaign, kiosk
):
    answers = {"E1.1": 3, "E2.2": 2}
    post(client, kiosk, version, "key-dup-00001", answers)
    post(client, kiosk, version, "key-dup-00002", answers)
    first, second = Response.objects.order_by("pk")
    assert first.flag_status == FlagStatus.NONE
    assert second.flag_reasons == ["duplicate"] and second.duplicate_of == first


def test_a_burst_from_one_address_is_flagged(client, world, version, campaign, settings):
    from cchc.surveys.collection import token_for
    from cchc.surveys.tests.conftest import make_dossier

    settings.CCHC_SURVEY_BURST_PER_ADDRESS_HOUR = 2
    for n in range(3):
        token = token_for(make_dossier(world, f"BURST-{n}"))
        client.post(
            reverse("surveys_public:dossier", args=[token.token]),
            form_data(
                version, {"E1.1": n + 1}, rating="3", client_key=f"burst-key-000{n}", duration_ms="200000"
            ),
            **FETCH,
        )
    flags = list(Response.objects.order_by("pk").values_list("flag_reasons", flat=True))
    assert flags == [[], [], ["burst"]]


def test_reviewing_sets_aside_without_deleting_and_the_index_moves(client, world, version, campaign, kiosk):
    post(
        client, kiosk, version, "key-good-0001", {c.code: 4 for c in version.questionnaire.items}, ms="200000"
    )
    post(client, kiosk, version, "key-fast-0002", {c.code: 1 for c in version.questionnaire.items}, ms="3000")
    bad = Response.objects.get(flag_status=FlagStatus.PENDING)
    before = results.compute(results.load(campaign), campaign.rule).overall.index
    login_verified(client, world.users["secretariat"])
    page = client.get(reverse("surveys:flagged")).content.decode()
    assert bad.number in page
    client.post(
        reverse("surveys:response_detail", args=[bad.pk]), {"decision": "exclude", "note": "Bấm thử máy"}
    )
    bad.refresh_from_db()
    assert bad.flag_status == FlagStatus.EXCLUDED and Response.objects.count() == 2
    after = results.compute(results.load(campaign), campaign.rule).overall.index
    assert before == pytest.approx(0.5) and after == 1


def test_a_review_needs_a_reason(world, version, campaign):
    from django.core.exceptions import ValidationError

    from cchc.surveys.tests.conftest import store

    r = store(campaign, world.units["p1"], [{"E1.1": 5}])[0]
    with pytest.raises(ValidationError):
        actions.review(world.users["secretariat"], r, keep=False, note=" ")
