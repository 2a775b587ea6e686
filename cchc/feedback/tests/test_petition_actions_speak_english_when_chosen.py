"""Every action on a petition (accepting, refusing, asking for more, transferring, assigning, drafting,
approving, returning, publishing, suspending, extending, marking a duplicate), with English chosen: the
form sent back with its errors, the refusals of the actions and the message after each step are English
(what the citizen wrote and the texts sent to them are Vietnamese data, marked ``lang="vi"``); with
Vietnamese, the same errors read as before."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cchc.feedback.models import Status
from cchc.feedback.views import available
from cchc.testing.english import choose_english, vietnamese_shown
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls("cchc.feedback.tests.urls")
ANSWER = "UBND Phường 1 đã kiểm tra, lập biên bản và giải toả vỉa hè trước chợ ngày 10/6, sẽ kiểm tra lại."


def _english(page: str, where: str) -> None:
    assert '<html lang="en">' in page, where
    assert not vietnamese_shown(page), (where, vietnamese_shown(page))


def _act(client, p, action, **data):
    return client.post(reverse("feedback:act", args=[p.code, action]), data, follow=True)


def test_every_action_sent_back_empty_is_explained_in_english(client, world, file_petition):
    p = file_petition(at=timezone.now())
    officer = world.users["ward_officer"]
    login_verified(client, officer)
    choose_english(client)
    names = available(p, officer)
    assert {"tiep-nhan", "tu-choi", "chuyen", "giao", "du-thao"} <= set(names)
    for name in names:
        if name in ("tiep-nhan", "bo-trung", "tiep-tuc"):
            continue  # no form: nothing to send back
        response = _act(client, p, name)
        _english(response.content.decode(), name)
    page = _act(client, p, "trung", original="PA-KHONG-CO").content.decode()
    assert "No petition with this code" in page
    _english(page, "trung")


def test_each_step_of_an_answer_is_told_in_english(client, world, file_petition):
    p = file_petition(at=timezone.now())
    login_verified(client, world.users["ward_officer"])
    choose_english(client)
    page = _act(client, p, "tiep-nhan").content.decode()
    _english(page, "tiep-nhan")
    page = _act(client, p, "du-thao", text="ngắn", legal_basis="").content.decode()
    _english(page, "du-thao short")
    page = _act(client, p, "du-thao", text=ANSWER, legal_basis="Nghị định 100/2019/NĐ-CP").content.decode()
    _english(page, "du-thao")
    p.refresh_from_db()
    assert p.status == Status.AWAITING_APPROVAL
    response = client.post(reverse("feedback:act", args=[p.code, "duyet"]), {})
    assert response.status_code == 403
    _english(response.content.decode(), "duyet by the officer")
    login_verified(client, world.users["unit_head"])
    choose_english(client)
    page = _act(client, p, "tra-lai", note="").content.decode()
    _english(page, "tra-lai empty")
    page = _act(client, p, "tra-lai", note="Bổ sung căn cứ pháp lý.").content.decode()
    assert "returned" in page
    _english(page, "tra-lai")


def test_the_same_errors_stay_vietnamese_by_default(client, world, file_petition):
    p = file_petition(at=timezone.now())
    login_verified(client, world.users["ward_officer"])
    page = _act(client, p, "trung", original="PA-KHONG-CO").content.decode()
    assert '<html lang="vi">' in page
    assert "Không tìm thấy phản ánh có mã này trong phạm vi của bạn." in page
    page = _act(client, p, "tiep-nhan").content.decode()
    assert "Đã tiếp nhận." in page
