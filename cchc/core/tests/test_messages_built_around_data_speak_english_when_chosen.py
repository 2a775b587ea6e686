"""Messages and refusals that Python built around data with an f-string — a reversed period on the dossier
list, the message after handing a step on, the message after asking the units for their report, a
proposed deadline too early, a questionnaire file that is not UTF-8 or not JSON, the messages after
loading a questionnaire — were Vietnamese on English pages. Each is one message in the catalogue now:
English when English is chosen, the same Vietnamese as before by default."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from cchc.directives import actions as task_actions
from cchc.directives.actions_register import register_directive
from cchc.directives.tests import conftest as task_scene
from cchc.dossiers.tests.factories import build_ledger
from cchc.earlywarning.models import Kind, Risk
from cchc.earlywarning.tests.scene import scored
from cchc.org.models import Official
from cchc.scorecards import actions_sets
from cchc.scorecards.actions import ScorecardError
from cchc.surveys.actions import questionnaires
from cchc.surveys.tests.conftest import URLS
from cchc.testing.english import choose_english
from cchc.testing.personas import login_verified

pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLS)]


def _page(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("english", [True, False], ids=["english", "vietnamese"])
def test_a_reversed_period_on_the_dossier_list(client, world, english):
    build_ledger(world)
    login_verified(client, world.users["office"])
    if english:
        choose_english(client)
    page = _page(client.get("/ho-so/", {"received_from": "2022-06-05", "received_to": "2022-06-01"}))
    vietnamese = "“Đến ngày” phải sau hoặc bằng “Tiếp nhận từ ngày”."
    assert ("must be on or after" in page) is english
    assert (vietnamese in page) is not english


@pytest.mark.parametrize("english", [True, False], ids=["english", "vietnamese"])
def test_the_message_after_handing_a_step_on(client, world, settings, english):
    scored(world, settings)
    new = Official.objects.create(code="P1-CV2", full_name="Lâm Thị Ngọc", unit=world.units["p1"])
    risk = Risk.objects.get(kind=Kind.STEP, dossier__code="C-OPEN")
    login_verified(client, world.users["unit_head"])
    if english:
        choose_english(client)
    page = _page(client.post(f"/canh-bao/{risk.pk}/giao-lai/", {"official": new.pk}, follow=True))
    assert ("handed to «Lâm Thị Ngọc»" in page) is english
    assert ("cho «Lâm Thị Ngọc»." in page) is not english


@pytest.mark.parametrize("english", [True, False], ids=["english", "vietnamese"])
def test_the_message_after_asking_the_units_for_their_report(client, world, english):
    login_verified(client, world.users["office"])
    if english:
        choose_english(client)
    url = reverse("reports:round") + "?kind=quarter&year=2022&part=2"
    page = _page(client.post(url, {"kind": "quarter", "year": "2022", "part": "2"}, follow=True))
    assert ("Units asked to send their report: 5;" in page) is english
    assert ("Số đơn vị được yêu cầu gửi báo cáo: 5;" in page) is not english


def test_a_proposed_deadline_too_early(world):
    directive = register_directive(
        world.users["office"],
        world.jurisdictions["city"],
        {
            "direction": "issued",
            "issuer": "Ủy ban nhân dân thành phố Vũng Tàu",
            "number": "7190",
            "symbol": "UBND-NV",
            "date": dt.date(2022, 8, 15),
            "doc_type": "cong_van",
            "subject": "triển khai thực hiện giải pháp cải thiện kết quả chỉ số PAR INDEX",
            "signer_name": "Vũ Hồng Thuận",
        },
    )
    task = task_scene.make_task(world, directive, "p1")
    for language, says in (
        ("en", "The proposed deadline must be after"),
        ("vi", "Hạn đề nghị phải sau ngày"),
    ):
        with translation.override(language), pytest.raises(ValidationError) as refused:
            task_actions.request_extension(
                world.users["unit_head"], task, proposed_due=dt.date(2000, 1, 1), reason="Chờ số liệu"
            )
        assert says in refused.value.message_dict["proposed_due"][0]


@pytest.mark.parametrize(
    ("content", "english", "vietnamese"),
    [
        (b'{"code": "\xff"}', "The file bo.json is not UTF-8 text.", "Tệp bo.json không phải văn bản UTF-8."),
        (b"{", "The file bo.json is not valid JSON (a syntax error at line 1", "không phải JSON hợp lệ"),
        (b"[" * 100_000, "its JSON is nested too deep", "JSON lồng nhau quá nhiều tầng"),
    ],
)
def test_a_questionnaire_file_that_cannot_be_read(world, content, english, vietnamese):
    for language, says in (("en", english), ("vi", vietnamese)):
        with translation.override(language), pytest.raises(ValidationError) as refused:
            questionnaires.import_file(world.users["secretariat"], "bo.json", content)
        assert says in refused.value.message_dict["file"][0]


@pytest.mark.parametrize("english", [True, False], ids=["english", "vietnamese"])
def test_the_messages_after_loading_a_questionnaire(client, world, english):
    login_verified(client, world.users["secretariat"])
    if english:
        choose_english(client)
    url = reverse("surveys:questionnaires")
    first = _page(client.post(url, {"shipped": "sipas-2017"}, follow=True))
    again = _page(client.post(url, {"shipped": "sipas-2017"}, follow=True))
    assert "sipas-2017" in first
    assert ("Đã nhập bộ câu hỏi" in first) is not english
    assert ("đã có, không đổi gì" in again) is not english


@pytest.mark.parametrize("english", [True, False], ids=["english", "vietnamese"])
def test_an_empty_list_of_units_or_officials(client, world, english):
    login_verified(client, world.users["secretariat"])
    if english:
        choose_english(client)
    upload = SimpleUploadedFile("can-bo.csv", b"\n\n")
    response = client.post(reverse("org:import"), {"file": upload, "kind": ""})
    page = _page(response)
    assert response.status_code == 400
    assert ("The file is empty: it has no heading row." in page) is english
    assert ("Tệp trống: không có dòng tiêu đề." in page) is not english


@pytest.mark.parametrize(
    ("year", "content", "english", "vietnamese"),
    [
        (
            "1999",
            b"{}",
            "The year assessed must be a year from 2000 to 2100.",
            "Năm đánh giá phải là một năm từ",
        ),
        (
            "2023",
            b'{"a": "\xff"}',
            "The file bo.json is not UTF-8 text.",
            "Tệp bo.json không phải văn bản UTF-8.",
        ),
        (
            "2023",
            b'{\n"a": "\x00"}',
            "The file bo.json, line 2: it holds a NUL character",
            "dòng 2: có ký tự rỗng",
        ),
    ],
)
def test_an_index_set_file_refused_before_it_is_read(world, year, content, english, vietnamese):
    for language, says in (("en", english), ("vi", vietnamese)):
        with translation.override(language), pytest.raises(ScorecardError) as refused:
            actions_sets.upload_index_set(
                world.users["secretariat"], year, SimpleUploadedFile("bo.json", content)
            )
        assert says in str(refused.value)
