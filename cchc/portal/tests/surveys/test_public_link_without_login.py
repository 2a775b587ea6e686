"""The public form behind the link and QR code on a dossier's slips: no login, the three-level rating
and the open campaign's questionnaire, answers validated all-or-nothing, JSON for the offline script."""

import pytest
from django.urls import reverse

from cchc.surveys.models import DossierRating, RatedOfficial, Response, ResponseChannel
from cchc.surveys.tests.conftest import URLS, form_data

pytestmark = pytest.mark.urls(URLS)
FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


def url(token):
    return reverse("surveys_public:dossier", args=[token.token])


def test_the_form_shows_the_rating_and_the_campaign_questions(client, world, campaign, token):
    html = client.get(url(token)).content.decode()
    assert "Rất hài lòng" in html and "Không hài lòng" in html
    assert 'name="q_E1.1"' in html and 'name="q_E5.4"' in html
    assert "Đăng ký khai sinh" in html  # the procedure, never the applicant
    assert "Lý Thị Thu Trang" not in html and "0912345789" not in html


def test_without_an_open_campaign_only_the_rating_is_asked(client, world, version, token):
    html = client.get(url(token)).content.decode()
    assert 'name="rating"' in html and 'name="q_E1.1"' not in html


def test_a_submit_stores_the_rating_for_the_dossier_and_its_officials_and_the_answers(
    client, world, version, campaign, token
):
    response = client.post(
        url(token), form_data(version, {"E1.1": 2}, rating="2", client_key="abcdefgh-1234"), **FETCH
    )
    assert response.status_code == 200 and response.json()["ok"]
    rating = DossierRating.objects.get(dossier=token.dossier)
    assert rating.level == 2 and rating.unit == world.units["p1"]
    rated = set(RatedOfficial.objects.filter(rating=rating).values_list("official__code", flat=True))
    assert rated == {"CB-P1-MC", "CB-P1-CV"}
    r = Response.objects.get(dossier=token.dossier)
    assert r.unit == world.units["p1"]  # the one-stop office counts for its ward's committee
    assert r.channel == ResponseChannel.LINK and r.answers["E1.1"] == 2 and len(r.answers) == 22


def test_a_second_submit_gets_409_and_the_page_says_it_was_already_answered(
    client, world, version, campaign, token
):
    client.post(url(token), form_data(version, rating="3", client_key="abcdefgh-1111"), **FETCH)
    again = client.post(url(token), form_data(version, rating="1", client_key="abcdefgh-2222"), **FETCH)
    assert again.status_code == 409 and not again.json()["ok"]
    assert DossierRating.objects.get().level == 3
    assert "đã được đánh giá" in client.get(url(token)).content.decode()


def test_a_bad_answer_is_refused_naming_the_question_and_nothing_is_stored(
    client, world, version, campaign, token
):
    response = client.post(url(token), form_data(version, {"E3.2": 9}, rating="3"), **FETCH)
    assert response.status_code == 400
    assert "E3.2" in response.json()["errors"]["q_E3.2"]
    assert not DossierRating.objects.exists() and not Response.objects.exists()


def test_the_rating_is_required(client, world, version, campaign, token):
    response = client.post(url(token), form_data(version), **FETCH)
    assert response.status_code == 400 and "mức độ hài lòng" in response.json()["errors"]["rating"]
    assert not Response.objects.exists()


def test_without_javascript_the_form_posts_and_lands_on_the_thank_you_page(
    client, world, version, campaign, token
):
    response = client.post(url(token), form_data(version, rating="3"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("surveys_public:thanks")
    assert "Cảm ơn" in response.content.decode()
    assert Response.objects.count() == 1


def test_contact_details_are_kept_only_when_the_box_is_ticked(client, world, version, campaign, token):
    data = form_data(version, rating="3", contact_name="Nguyễn Văn Bảy", contact_phone="0909123456")
    client.post(url(token), data, **FETCH)
    r = Response.objects.get()
    assert not r.contact_consent and r.contact_name == "" and r.contact_phone == ""


def test_an_unknown_token_is_404_and_guessing_is_limited(client, world, settings, token):
    settings.CCHC_SURVEY_LOOKUPS_PER_HOUR = 3
    assert client.get(url(token)).status_code == 200
    for n in range(3):
        assert client.get(reverse("surveys_public:dossier", args=[f"khongco{n}"])).status_code == 404
    # After three wrong guesses in an hour, this address gets nothing, not even a real token.
    assert client.get(url(token)).status_code == 404
