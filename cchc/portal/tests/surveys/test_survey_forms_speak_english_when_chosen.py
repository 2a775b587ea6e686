"""The public survey forms with English chosen — the form behind a dossier slip's link and the kiosk of
the one-stop office: their frame, buttons, answers' scale, refusals, thank-you and "already answered"
pages, and the messages of the offline script read in English. The questionnaire's questions, the
procedure, the unit and the round's name are Vietnamese data, marked ``lang="vi"``. Vietnamese stays the
default."""

import pytest
from django.urls import reverse

from cchc.surveys import actions
from cchc.surveys.tests.conftest import URLS, form_data
from cchc.testing.english import choose_english, vietnamese_shown

pytestmark = pytest.mark.urls(URLS)
FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


@pytest.fixture
def kiosk(world):
    return actions.create_kiosk(world.users["one_stop"], name="Quầy 1", unit=world.units["p1_mc"])


def _english(response, expected_status=200):
    assert response.status_code == expected_status
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert not vietnamese_shown(page), vietnamese_shown(page)
    return page


def test_the_dossier_form_its_refusals_and_its_answers_read_in_english(
    client, world, version, campaign, token
):
    url = reverse("surveys_public:dossier", args=[token.token])
    choose_english(client)
    page = _english(client.get(url))
    assert "How satisfied are you" in page or "Satisfaction" in page
    assert "Very satisfied" in page and "Neutral" in page
    assert 'lang="vi">Đăng ký khai sinh' in page  # the procedure, as data
    assert "could not be sent" in page  # the offline script's words
    refused = _english(client.post(url, form_data(version, {"E3.2": 9}, contact_consent="1")), 400)
    assert "Please choose how satisfied you are" in refused and "E3.2" in refused
    assert "phone number or e-mail" in refused
    errors = client.post(url, form_data(version, rating="9"), **FETCH).json()["errors"]
    assert not vietnamese_shown(" ".join(errors.values())), errors
    sent = client.post(url, form_data(version, rating="3", client_key="abcdefgh-1111"), **FETCH).json()
    assert sent["ok"] and "Thank you" in sent["message"]
    already = _english(client.get(url))
    assert "already been rated" in already


def test_the_kiosk_and_its_refusals_read_in_english(client, world, version, campaign, kiosk):
    url = reverse("surveys_public:kiosk", args=[kiosk.token])
    choose_english(client)
    page = _english(client.get(url))
    assert "Start" in page and 'name="q_E1.1"' in page
    assert "Please answer at least one question" in page  # the offline script's words
    refused = _english(client.post(url, {"respondent_type": "robot"}), 400)
    assert "respondent" in refused.lower()
    sent = _english(client.get(f"{url}?da-gui=1"))
    assert "Thank you" in sent


def test_a_kiosk_without_an_open_round_says_so_in_english(client, world, kiosk):
    choose_english(client)
    page = _english(client.get(reverse("surveys_public:kiosk", args=[kiosk.token])))
    assert "no survey" in page.lower()


def test_the_survey_forms_stay_vietnamese_by_default(client, world, version, campaign, token, kiosk):
    form = client.get(reverse("surveys_public:dossier", args=[token.token])).content.decode()
    assert '<html lang="vi">' in form and "Đánh giá mức độ hài lòng" in form and "Rất hài lòng" in form
    kiosk_page = client.get(reverse("surveys_public:kiosk", args=[kiosk.token])).content.decode()
    assert '<html lang="vi">' in kiosk_page and "Bắt đầu" in kiosk_page
