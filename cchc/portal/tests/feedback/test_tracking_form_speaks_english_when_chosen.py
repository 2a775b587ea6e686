"""The petition tracking form in English (docs/translating.md): its labels, the refusal of a wrong code
and an empty form show no Vietnamese once English is chosen."""

import pytest
from django.core.cache import cache

from cchc.testing.english import choose_english, vietnamese_shown

pytestmark = pytest.mark.django_db
TRACK = "/cong-khai/phan-anh/theo-doi/"


def test_the_tracking_form_and_its_refusals_read_in_english(client):
    cache.clear()  # the look-up limit counts in the cache
    choose_english(client)
    pages = {
        "form": client.get(TRACK),
        "wrong": client.post(TRACK, {"code": "PA22-ZZZZZZ", "contact": "0900000000"}),
        "empty": client.post(TRACK, {"code": "", "contact": ""}),
    }
    html = {case: response.content.decode() for case, response in pages.items()}
    assert "Follow a petition" in html["form"] and "Tracking code" in html["form"]
    assert "No petition matches" in html["wrong"]
    for case, page in html.items():
        assert '<html lang="en">' in page, case
        assert not vietnamese_shown(page), (case, vietnamese_shown(page))
