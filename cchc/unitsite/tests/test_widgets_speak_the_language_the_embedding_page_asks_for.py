"""The widgets a unit's website frames speak Vietnamese unless asked otherwise. A framed page seldom gets
this site's cookie, so the embedding code asks with ``?lang=en`` in the frame's address; without it the
switcher's cookie decides. In English they show no Vietnamese outside the data marked ``lang="vi"``."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cchc.testing.english import choose_english, vietnamese_shown
from cchc.unitsite.widgets import WIDGETS

pytestmark = pytest.mark.django_db


def _page(response):
    assert response.status_code == 200
    return response.content.decode()


def test_every_widget_reads_in_english_with_lang_en_in_its_address(client, world, register):
    p1 = world.units["p1"]
    for widget in WIDGETS:
        page = _page(client.get(f"{widget.path(p1)}?lang=en"))
        assert '<html lang="en">' in page, widget.key
        assert not vietnamese_shown(page), (widget.key, vietnamese_shown(page))
    documents = _page(client.get(f"{reverse('unitsite_public:widget_documents', args=[p1.pk])}?lang=en"))
    assert "In force" in documents and 'name="lang" value="en"' in documents  # a search keeps English


def test_the_look_up_widget_answers_in_english(client, world):
    url = f"{reverse('unitsite_public:widget_lookup', args=[world.units['p1'].pk])}?lang=en"
    for data in ({}, {"code": "000.00.00.H00-240101-0001", "phone": "0900000000"}):
        page = client.post(url, data).content.decode()
        assert '<html lang="en">' in page
        assert not vietnamese_shown(page), vietnamese_shown(page)


def test_the_widgets_follow_the_cookie_and_stay_vietnamese_by_default(client, world, register):
    p1 = world.units["p1"]
    url = reverse("unitsite_public:widget_documents", args=[p1.pk])
    assert '<html lang="vi">' in _page(client.get(url))
    assert '<html lang="vi">' in _page(client.get(f"{url}?lang=xx"))
    choose_english(client)
    assert '<html lang="en">' in _page(client.get(url))
    assert '<html lang="vi">' in _page(client.get(f"{url}?lang=vi"))


def test_lang_in_the_address_changes_nothing_outside_the_widgets(client, world, register):
    url = reverse("unitsite_public:documents", args=[world.units["p1"].pk])
    assert '<html lang="vi">' in _page(client.get(f"{url}?lang=en"))
