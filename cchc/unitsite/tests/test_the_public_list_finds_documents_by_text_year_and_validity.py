"""A unit's public list of documents: newest first, found by number, subject or issuing body, filtered by
year and by validity; a document's page shows its facts, the one that replaced it and its file. Hostile
filters are ignored, never an error."""

from __future__ import annotations

import lxml.html
from django.urls import reverse

from cchc.unitsite.tests.conftest import PDF


def _numbers(response) -> list[str]:
    doc = lxml.html.fromstring(response.content)
    return [a.text_content().split("số ", 1)[1] for a in doc.xpath("//*[@data-testid='document']//a")]


def test_the_list_is_newest_first_and_filters_by_text_year_and_validity(client, world, register):
    url = reverse("unitsite_public:documents", args=[world.units["p1"].pk])
    assert _numbers(client.get(url)) == ["15/QĐ-UBND", "30/KH-UBND", "7/QĐ-UBND"]
    assert _numbers(client.get(url, {"q": "Kế hoạch"})) == ["30/KH-UBND"]
    assert _numbers(client.get(url, {"q": "7/QĐ"})) == ["7/QĐ-UBND"]
    assert _numbers(client.get(url, {"nam": "2022"})) == ["7/QĐ-UBND"]
    assert _numbers(client.get(url, {"hieu_luc": "in_force"})) == ["15/QĐ-UBND"]
    assert _numbers(client.get(url, {"hieu_luc": "expired", "nam": "2023"})) == ["30/KH-UBND"]
    for hostile in ("99999999999999999999", "-1", "²", "1e999", "<script>"):
        response = client.get(url, {"nam": hostile, "hieu_luc": hostile, "q": hostile})
        assert response.status_code == 200, hostile


def test_another_units_list_does_not_show_phuong_1s_documents(client, world, register):
    response = client.get(reverse("unitsite_public:documents", args=[world.units["p2"].pk]))
    assert _numbers(response) == []


def test_a_documents_page_links_the_newer_document_and_serves_the_file(client, world, register):
    p1, old = world.units["p1"], register["old"]
    page = client.get(reverse("unitsite_public:document_detail", args=[p1.pk, old.pk]))
    body = page.content.decode()
    assert "Đã được thay thế" in body
    assert reverse("unitsite_public:document_detail", args=[p1.pk, register["new"].pk]) in body
    file = client.get(reverse("unitsite_public:document_file", args=[p1.pk, old.pk]))
    assert file.status_code == 200 and file["Content-Type"] == "application/pdf"
    assert b"".join(file.streaming_content) == PDF
    # A document is reached only under its own unit.
    wrong = client.get(reverse("unitsite_public:document_detail", args=[world.units["p2"].pk, old.pk]))
    assert wrong.status_code == 404
