"""A tracked petition's own page and its steps (rating the answer, asking for a review, sending more
information) with English chosen: the frame, the forms, their refusals and the messages after each step
read in English; what the citizen wrote and the answers are Vietnamese data, marked ``lang="vi"``.
Vietnamese stays the default."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.feedback import actions
from cchc.testing.english import choose_english, vietnamese_shown

pytestmark = [pytest.mark.django_db, pytest.mark.urls("cchc.feedback.tests.urls")]
ANSWER = "Phường 1 đã kiểm tra và giải toả vỉa hè trước chợ ngày 10/6."


def _track(client, p):
    response = client.post(reverse("feedback_public:track"), {"code": p.code, "contact": "0912345678"})
    assert response.status_code == 302
    return response["Location"]


def _english(client, url, **post):
    response = client.post(url, post, follow=True) if post else client.get(url)
    assert response.status_code == 200, url
    page = response.content.decode()
    assert '<html lang="en">' in page, url
    assert not vietnamese_shown(page), (url, vietnamese_shown(page))
    return page


def _answered(world, file_petition, **kw):
    p = file_petition(**kw)
    actions.approve_answer(
        world.users["unit_head"],
        actions.draft_answer(
            world.users["ward_officer"], p, text=ANSWER, legal_basis="Nghị định 100/2019/NĐ-CP"
        ),
    )
    return p


def test_an_answered_petition_and_its_rating_read_in_english(client, world, file_petition):
    p = _answered(world, file_petition)
    choose_english(client)
    page_url = _track(client, p)
    page = _english(client, page_url)
    assert "Received on" in page and "Processing history" in page
    assert "Are you satisfied with the reply?" in page and "Ask for a review" in page
    assert ANSWER in page  # the answer is shown, as Vietnamese data
    refused = _english(client, reverse("feedback_public:track_rate", args=[p.code]), satisfied="")
    assert "Please choose" in refused
    rated = _english(client, reverse("feedback_public:track_rate", args=[p.code]), satisfied="0")
    assert "Thank you for your rating" in rated and "Not satisfied" in rated
    again = _english(client, reverse("feedback_public:track_rate", args=[p.code]), satisfied="1")
    assert "already been rated" in again


def test_asking_for_a_review_reads_in_english(client, world, file_petition):
    p = _answered(world, file_petition)
    choose_english(client)
    _track(client, p)
    reopen = reverse("feedback_public:track_reopen", args=[p.code])
    assert "Please give the reason" in _english(client, reopen, reason="")
    assert "at least 10 characters" in _english(client, reopen, reason="không")
    done = _english(client, reopen, reason="Vỉa hè vẫn bị lấn chiếm sau khi phường trả lời.")
    assert "Your request for review has been sent" in done
    assert "cannot be requested" in _english(client, reopen, reason="Vẫn chưa đồng ý với trả lời lần này.")


def test_sending_more_information_reads_in_english(client, world, file_petition):
    p = file_petition()
    actions.request_info(world.users["ward_officer"], p, what="Xin gửi ảnh chụp vị trí vỉa hè bị lấn chiếm.")
    choose_english(client)
    page = _english(client, _track(client, p))
    assert "The office asks you for more information" in page and "Send the information" in page
    supplement = reverse("feedback_public:track_supplement", args=[p.code])
    assert "Please enter the additional information" in _english(client, supplement, text="")
    not_a_photo = SimpleUploadedFile("note.txt", b"plain text", content_type="image/png")
    refused = _english(client, supplement, text="Ảnh vị trí", attachments=not_a_photo)
    assert "The file «note.txt» is not a readable image or PDF file" in refused
    done = _english(client, supplement, text="Ảnh đã gửi qua Zalo của phường, vị trí trước số 12.")
    assert "The additional information has been sent" in done


def test_the_tracked_petition_stays_vietnamese_by_default(client, world, file_petition):
    p = _answered(world, file_petition)
    page = client.get(_track(client, p)).content.decode()
    assert '<html lang="vi">' in page
    assert "Quá trình xử lý" in page and "Gửi đánh giá" in page
