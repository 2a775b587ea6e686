"""The public petition form's time stamp is signed and good for one petition: a replayed stamp is
refused, and so is one whose time was edited."""

from django.core import signing
from django.urls import reverse

from cchc.feedback import antispam
from cchc.feedback.models import Petition
from cchc.feedback.tests.helpers import form_data


def post(client, data):
    return client.post(reverse("feedback_public:submit"), data)


def test_a_stamp_sends_one_petition_only(client, categories, world, settings, monkeypatch):
    settings.CCHC_FEEDBACK_MIN_FILL_SECONDS = 3
    stamp = antispam.form_stamp()
    real = antispam.time.time
    monkeypatch.setattr(antispam.time, "time", lambda: real() + 10)
    assert post(client, form_data(categories, world, started=stamp)).status_code == 302
    again = post(client, form_data(categories, world, started=stamp, text="Một phản ánh khác, đủ dài."))
    assert again.status_code == 400
    assert "đã được gửi một lần" in again.content.decode()
    assert Petition.objects.count() == 1


def test_a_stamp_with_an_edited_time_is_refused(client, categories, world, settings):
    settings.CCHC_FEEDBACK_MIN_FILL_SECONDS = 3
    forged = signing.dumps({"t": 0.0, "n": "x"}, salt="another-salt")
    response = post(client, form_data(categories, world, started=forged))
    assert response.status_code == 400
    assert "không hợp lệ" in response.content.decode()
    assert not Petition.objects.exists()
