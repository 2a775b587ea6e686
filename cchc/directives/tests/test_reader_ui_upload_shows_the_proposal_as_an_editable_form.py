"""Deliverable 2, web side: the Office uploads a document and sees the reader's proposal as a form —
metadata filled in, one row per proposed task with lead and coordinating units pre-selected, group
addressees proposed as whole groups, unmatched names shown as unmatched."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cchc.directives.models import Directive, DirectiveUpload, Task
from cchc.directives.tests.conftest import URLS, form_values, seed_upload
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)


@pytest.fixture
def review(client, world):
    login_verified(client, world.users["office"])
    response = client.post(reverse("directives:reader_upload"), {"file": seed_upload()})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    return html, form_values(html, "review-form"), response["Location"]


def test_the_metadata_of_the_seed_is_filled_in(review):
    _, values, _ = review
    assert values["number"] == "7190" and values["symbol"] == "UBND-NV"
    assert values["date"] == "2022-08-15" and values["place"] == "Vũng Tàu"
    assert values["doc_type"] == "cong_van" and values["direction"] == "issued"
    assert values["issuer"] == "Ủy ban nhân dân thành phố Vũng Tàu"
    assert values["subject"].startswith("triển khai thực hiện giải pháp cải thiện")
    assert values["signer_authority"] == "KT." and values["signer_name"] == "Vũ Hồng Thuận"
    assert "Chủ tịch UBND các phường, xã" in values["recipients"]


def test_there_is_one_row_per_proposed_task(review):
    html, values, _ = review
    assert values["rows-TOTAL_FORMS"] == "26"
    assert html.count('data-testid="task-row"') == 26


def test_a_group_addressee_is_proposed_as_the_whole_group(review):
    _, values, _ = review
    # Section 1: "Thủ trưởng các cơ quan chuyên môn và Chủ tịch UBND các phường, xã".
    assert sorted(values["rows-0-lead_groups"]) == ["agencies", "wards"]
    assert "rows-0-lead_units" not in values


def test_named_units_are_pre_selected_as_lead_and_coordinating(world, review):
    _, values, _ = review
    # Section 2, bullet 2: the Office, with Internal Affairs.
    assert values["rows-14-lead_units"] == str(world.units["vp"].pk)
    assert values["rows-14-coord_units"] == str(world.units["nv"].pk)


def test_names_not_in_the_organisation_are_shown_as_unmatched(review):
    html, values, _ = review
    # The personas' city has no Finance–Planning office: section 3 is not guessed.
    assert values["rows-16-lead_unmatched"] == "Phòng Tài chính – Kế hoạch"
    assert "rows-16-lead_units" not in values
    assert "Chưa khớp đơn vị" in html


def test_the_cited_documents_are_proposed_as_links(review):
    _, values, _ = review
    refs = [values[f"links-{i}-reference"] for i in range(int(values["links-TOTAL_FORMS"]))]
    assert {
        "9228/UBND-SNV",
        "4861/UBND-NV",
        "7054/UBND-VP",
        "5954/UBND-VP",
        "4278/UBND-NV",
        "04/NQ-CP",
    } <= set(refs)
    assert values["links-0-kind"] == "implements"


def test_nothing_is_registered_or_assigned_before_confirmation(review):
    assert DirectiveUpload.objects.count() == 1
    assert not Directive.objects.exists() and not Task.objects.exists()


def test_the_group_sizes_are_shown(review):
    html, _, _ = review
    assert "Tất cả cơ quan chuyên môn (3 đơn vị)" in html  # nv, vp, tt in the personas' city
    assert "Tất cả UBND phường, xã (2 đơn vị)" in html
