"""A unit's website, staff side, with English chosen: the list of units, the register of documents, adding
and editing a document, the embedding page (websites allowed, snippets), with their refusals and the
messages after each step, read in English. Documents' numbers, subjects, issuers and file names and the
units' names are Vietnamese data, marked ``lang="vi"``; the snippets pasted into the unit's website stay
Vietnamese code. Vietnamese stays the default."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.testing.english import choose_english, vietnamese_shown
from cchc.testing.personas import login_verified
from cchc.unitsite.models import EmbedOrigin
from cchc.unitsite.tests.conftest import pdf

pytestmark = pytest.mark.django_db


def _english(response, status=200):
    assert response.status_code == status, response.status_code
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert not vietnamese_shown(page), vietnamese_shown(page)
    return page


def test_the_unit_website_pages_and_their_refusals_read_in_english(client, world, register):
    p1 = world.units["p1"]
    login_verified(client, world.users["ward_officer"])
    choose_english(client)
    assert "Document register" in _english(client.get(reverse("unitsite:home")))
    page = _english(client.get(reverse("unitsite:register", args=[p1.pk])))
    assert 'lang="vi">15/QĐ-UBND' in page and "In force" in page
    _english(client.get(reverse("unitsite:document_add", args=[p1.pk])))
    _english(client.get(reverse("unitsite:document_edit", args=[p1.pk, register["plan"].pk])))
    embed = _english(client.get(reverse("unitsite:embed", args=[p1.pk])))
    assert "?lang=en" in embed

    add = reverse("unitsite:document_add", args=[p1.pk])
    empty = _english(client.post(add, {"kind": "decision"}), 400)
    assert "This field is required" in empty or "please enter" in empty
    wrong_file = {
        "kind": "decision",
        "number": "21/QĐ-UBND",
        "issued_on": "2024-04-01",
        "subject": "Quy chế làm việc",
        "issuer": "UBND Phường 1",
        "validity": "in_force",
        "file": SimpleUploadedFile("virus.exe", b"MZ\x90\x00"),
    }
    assert "only PDF" in _english(client.post(add, wrong_file), 400)
    added = _english(client.post(add, {**wrong_file, "file": pdf()}, follow=True))
    assert "added" in added

    embed_url = reverse("unitsite:embed", args=[p1.pk])
    refused = _english(client.post(embed_url, {"origin": "http://phuong1.vungtau.gov.vn/trang"}), 400)
    assert "https" in refused
    allowed = _english(client.post(embed_url, {"origin": "https://phuong1.vungtau.gov.vn"}, follow=True))
    assert "https://phuong1.vungtau.gov.vn" in allowed
    origin = EmbedOrigin.objects.get(unit=p1)
    taken = _english(client.post(embed_url, {"origin": "https://phuong1.vungtau.gov.vn"}), 400)
    assert "already registered" in taken
    removed = client.post(reverse("unitsite:origin_remove", args=[p1.pk, origin.pk]), follow=True)
    assert "no longer" in _english(removed)


def test_another_units_register_is_refused_in_english(client, world):
    login_verified(client, world.users["ward_officer"])
    choose_english(client)
    _english(client.get(reverse("unitsite:register", args=[world.units["p2"].pk])), 403)


def test_the_unit_website_pages_stay_vietnamese_by_default(client, world, register):
    login_verified(client, world.users["ward_officer"])
    page = client.get(reverse("unitsite:register", args=[world.units["p1"].pk])).content.decode()
    assert '<html lang="vi">' in page and "Sổ văn bản" in page and "Còn hiệu lực" in page
