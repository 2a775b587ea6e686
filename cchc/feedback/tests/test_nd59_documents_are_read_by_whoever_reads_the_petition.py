"""Who downloads the ND 59 documents: whoever may read the petition (``petitions_for``, the app's one
gate), everyone else gets 404 as for the petition page. The requester's name and contact details are
printed only for those who see them on the petition page (``may_see_contact``); the other readers get
a copy with them hidden, which says so."""

import re

import pytest
from django.urls import reverse

from cchc.core.official_documents import docx_text, pdf_text
from cchc.feedback import actions, documents
from cchc.feedback.tests.conftest import local
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls("cchc.feedback.tests.urls")

READERS_WITH_CONTACT = {"leader", "secretariat", "office", "unit_head", "ward_officer"}
READERS_WITHOUT_CONTACT = {"auditor"}
NOT_READERS = {"other_ward_officer", "one_stop", "front"}
PERSONAS = sorted(READERS_WITH_CONTACT | READERS_WITHOUT_CONTACT | NOT_READERS)


@pytest.fixture
def issued_documents(world, file_petition):
    p = file_petition(
        kind="accountability",
        text="Đề nghị UBND Phường 1 giải trình việc chậm cấp giấy phép sửa chữa nhà.",
        citizen_id_number="077190001234",
    )
    actions.accept(world.users["ward_officer"], p, at=local(2022, 6, 8))
    answer = actions.draft_answer(
        world.users["ward_officer"],
        p,
        text="Hồ sơ thiếu bản vẽ hiện trạng; phường đã hướng dẫn bổ sung ngày 10/6/2022.",
        legal_basis="Nghị định số 15/2021/NĐ-CP",
        at=local(2022, 6, 10),
    )
    actions.approve_answer(world.users["unit_head"], answer, at=local(2022, 6, 13))
    return p, list(documents.issued(p))


def text_of(response, fmt):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return re.sub(r"\s+", " ", docx_text(content) if fmt == "docx" else pdf_text(content))


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_documents_exactly_as_far_as_it_reads_the_petition(
    client, world, issued_documents, persona, fmt
):
    p, events = issued_documents
    login_verified(client, world.users[persona])
    for event in events:
        response = client.get(reverse("feedback:document", args=[p.code, event.pk, fmt]))
        if persona in NOT_READERS:
            assert response.status_code == 404
            continue
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert f"{p.code}.{fmt}" in response["Content-Disposition"]
        text = text_of(response, fmt)
        assert f"Số: {event.data['number']}" in text
        if persona in READERS_WITH_CONTACT:
            assert "Phạm Thị Hồng Nhung" in text and "12 Lê Lợi" in text
            assert "thông tin liên hệ của người yêu cầu đã được ẩn" not in text
        else:
            assert "Hồng Nhung" not in text and "12 Lê Lợi" not in text and "077190001234" not in text
            assert "Phạm T*** H*** N**" in text
            assert "thông tin liên hệ của người yêu cầu đã được ẩn" in text


def test_signed_out_visitors_are_sent_to_sign_in(client, issued_documents):
    p, events = issued_documents
    response = client.get(reverse("feedback:document", args=[p.code, events[0].pk, "pdf"]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_a_document_of_another_petition_is_not_found_under_this_one(
    client, world, issued_documents, file_petition
):
    _, events = issued_documents
    other = file_petition(kind="feedback", citizen_phone="0987654321", text="Đèn đường hẻm 9 bị hỏng.")
    login_verified(client, world.users["unit_head"])
    assert client.get(reverse("feedback:document", args=[other.code, events[0].pk, "pdf"])).status_code == 404


def test_the_petition_page_lists_the_documents_with_their_links(client, world, issued_documents):
    p, events = issued_documents
    login_verified(client, world.users["ward_officer"])
    html = client.get(reverse("feedback:detail", args=[p.code])).content.decode()
    for event in events:
        assert reverse("feedback:document", args=[p.code, event.pk, "docx"]) in html
        assert reverse("feedback:document", args=[p.code, event.pk, "pdf"]) in html
    assert "Thông báo tiếp nhận yêu cầu giải trình</span> số 01/TB-P1" in html
    assert "Văn bản giải trình</span> số 01/GT-P1" in html
