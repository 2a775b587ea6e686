"""Confirming the reviewed proposal registers the directive, its links and file, and gives the tasks:
a group addressee fans out to one task per agency and per ward; each task has its clock."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.urls import reverse

from cchc.directives.models import Directive, DirectiveLink, Task
from cchc.directives.tests.conftest import URLS, form_values, seed_upload
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)


def open_review(client, world) -> tuple[str, dict]:
    login_verified(client, world.users["office"])
    response = client.post(reverse("directives:reader_upload"), {"file": seed_upload()})
    url = response["Location"]
    return url, form_values(client.get(url).content.decode(), "review-form")


def confirm(client, url: str, values: dict):
    return client.post(url, {**values, "action": "confirm"})


@pytest.fixture
def confirmed(client, world):
    url, values = open_review(client, world)
    # Section 3 names Finance–Planning, which the personas' city lacks: the Office gives it to NV.
    for i in (16, 17, 18):
        values[f"rows-{i}-lead_units"] = str(world.units["nv"].pk)
    values["rows-0-due"] = "2022-09-30"
    values["default_due"] = "2022-12-30"
    response = confirm(client, url, values)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Directive.objects.get(number="7190")


def test_the_directive_is_registered_with_its_metadata_file_and_proposal(world, confirmed):
    d = confirmed
    assert (d.symbol, d.date, d.doc_type, d.direction) == (
        "UBND-NV",
        dt.date(2022, 8, 15),
        "cong_van",
        "issued",
    )
    assert d.confirmed_by == world.users["office"] and d.confirmed_at is not None
    assert d.files.get().name == "7190-UBND-NV-2022.txt"
    assert len(d.proposal["tasks"]) == 26 and "Vũ Hồng Thuận" in d.text


def test_the_links_say_what_the_seed_implements_and_cites(confirmed):
    links = {link.reference: link.kind for link in confirmed.links.all()}
    assert links["9228/UBND-SNV"] == DirectiveLink.Kind.IMPLEMENTS
    for ref in ("4861/UBND-NV", "7054/UBND-VP", "5954/UBND-VP", "4278/UBND-NV", "04/NQ-CP"):
        assert links[ref] == DirectiveLink.Kind.CITES


def test_a_section_1_bullet_goes_to_every_agency_and_every_ward(world, confirmed):
    text = Task.objects.filter(directive=confirmed, section="1").order_by("id").first().text
    leads = set(Task.objects.filter(directive=confirmed, text=text).values_list("lead_unit__code", flat=True))
    assert leads == {"NV", "VP", "TTr", "P1", "P2"}


def test_every_task_has_one_lead_its_clock_and_the_office_as_assigner(world, confirmed):
    tasks = Task.objects.filter(directive=confirmed).select_related("deadline")
    assert all(t.deadline is not None and t.deadline.unit_id == t.lead_unit_id for t in tasks)
    assert {t.assigner_unit for t in tasks} == {world.units["vp"]}
    top = tasks.filter(parent__isnull=True)
    per_row = Counter(t.section for t in top)
    assert per_row["1"] == 13 * 5 and per_row["2"] == 3 and per_row["3"] == 3 and per_row["4"] == 5
    assert per_row["5"] == 2  # the Front (the personas have no unions)


def test_the_row_deadline_and_the_default_deadline_apply(world, confirmed):
    first_text = Task.objects.filter(directive=confirmed, section="1").order_by("id").first().text
    dated = Task.objects.filter(directive=confirmed, text=first_text).select_related("deadline")
    assert {t.deadline.due for t in dated} == {dt.date(2022, 9, 30)}
    office_task = Task.objects.get(
        directive=confirmed, section="2", lead_unit=world.units["vp"], text__startswith="Tham mưu"
    )
    assert office_task.deadline.due == dt.date(2022, 12, 30)
    # "thường xuyên" tasks keep no deadline, even with a default one.
    continuous = Task.objects.filter(directive=confirmed, recurrence="continuous", parent__isnull=True)
    assert continuous.exists() and all(t.deadline.due is None for t in continuous)


def test_a_second_confirmation_of_the_same_upload_is_refused(client, world, confirmed):
    from cchc.directives.models import DirectiveUpload

    upload = DirectiveUpload.objects.get()
    response = client.get(reverse("directives:reader_review", args=[upload.pk]))
    assert response.status_code == 302 and response["Location"].endswith(f"/van-ban/{confirmed.pk}/")


def test_registering_a_cited_document_later_connects_the_link(client, world, confirmed):
    from cchc.directives.actions_register import register_directive

    link = confirmed.links.get(reference="4861/UBND-NV")
    assert link.target is None
    cited = register_directive(
        world.users["office"],
        world.jurisdictions["city"],
        {
            "direction": "issued",
            "issuer": "Ủy ban nhân dân thành phố Vũng Tàu",
            "number": "4861",
            "symbol": "UBND-NV",
            "date": dt.date(2022, 6, 2),
            "doc_type": "cong_van",
            "subject": "triển khai một số nhiệm vụ trọng tâm trong thực hiện cải cách hành chính",
        },
    )
    link.refresh_from_db()
    assert link.target == cited
    page = client.get(reverse("directives:directive_detail", args=[cited.pk])).content.decode()
    assert "Được dẫn chiếu bởi" in page and "7190/UBND-NV" in page
