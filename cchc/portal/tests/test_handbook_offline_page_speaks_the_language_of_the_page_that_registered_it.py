"""The handbook's offline page — shown by its service worker for a handbook page never opened online —
speaks the language of the page that registered the worker: the handbook pages pass their language in
the worker's address (``?lang=``) and the server writes the page's words into the worker from its
catalogue. Vietnamese by default and for any other value."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from cchc.testing.english import VIETNAMESE

pytestmark = pytest.mark.django_db


def _words(client, query: str) -> dict[str, str]:
    response = client.get(reverse("portal:handbook_sw") + query)
    assert response.status_code == 200
    source = response.content.decode()
    found = re.search(r"var WORDS = (\{.*?\});", source, re.DOTALL)
    assert found, source[:500]
    return json.loads(found.group(1))


def test_the_offline_page_reads_in_english_for_an_english_handbook(client):
    words = _words(client, "?static=/static/&lang=en")
    assert words["lang"] == "en" and words["heading"] == "No network connection"
    assert not any(VIETNAMESE.search(text) for text in words.values()), words


def test_the_offline_page_stays_vietnamese_by_default(client):
    for query in ("", "?lang=vi", "?lang=xx", "?lang=%3Cscript%3E"):
        words = _words(client, query)
        assert words["lang"] == "vi" and words["heading"] == "Không có kết nối mạng", query


def test_the_handbook_pages_give_their_language_to_the_worker():
    with open(str(finders.find("js/handbook-offline.js")), encoding="utf-8") as fh:
        script = fh.read()
    assert "document.documentElement.lang" in script and "&lang=" in script
