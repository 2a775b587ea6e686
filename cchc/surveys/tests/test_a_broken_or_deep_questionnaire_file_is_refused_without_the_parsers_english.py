"""A questionnaire or index-set file that is not JSON is refused naming the line and column in Vietnamese,
without the JSON parser's English words ("Expecting value") on the page or the command line; one nested
a hundred thousand deep given to ``cchc survey-index --questionnaire`` exits 2 with a Vietnamese message
instead of a traceback (Python's recursion limit)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from cchc.scorecards.tests.card_helpers import open_year
from cchc.surveys.tests.conftest import URLS
from cchc.surveys.tests.test_survey_index_cli_bad_input import DATA
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db
ENGLISH = ("Expecting", "Extra data", "Unterminated", "delimiter")


def questionnaire(path):
    out = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(
            "survey_index",
            "--responses",
            str(DATA / "worked_example_indices_vn_s5.csv"),
            "--questionnaire",
            str(path),
            stdout=out,
            stderr=StringIO(),
        )
    assert caught.value.returncode == 2
    return str(caught.value)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b'{"code": "x",\n "title": }', "không phải JSON hợp lệ (sai cú pháp ở dòng 2, cột 11)"),
        (b"[" * 100_000 + b"]" * 100_000, "JSON lồng nhau quá nhiều tầng"),
        (b'{"code": "\xff"}', "không phải văn bản UTF-8"),
    ],
)
def test_survey_index_names_the_place_in_vietnamese(tmp_path, content, says):
    path = tmp_path / "bo-cau-hoi.json"
    path.write_bytes(content)
    message = questionnaire(path)
    assert says in message
    assert not any(word in message for word in ENGLISH)


@pytest.mark.urls(URLS)
def test_the_questionnaire_upload_names_the_place_without_english(client, world):
    login_verified(client, world.users["secretariat"])
    upload = SimpleUploadedFile("thu.json", b"a", "application/json")
    response = client.post(reverse("surveys:questionnaires"), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Tệp thu.json: không phải JSON hợp lệ (sai cú pháp ở dòng 1, cột 1)." in page
    assert not any(word in page for word in ENGLISH)


def test_the_index_set_upload_names_the_place_without_english(world):
    open_year(world)
    c = login_verified(Client(), world.users["secretariat"])
    upload = SimpleUploadedFile("city-2023.json", b"a", "application/json")
    response = c.post(reverse("scorecards:index_sets"), {"nam": "2022", "file": upload})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Tệp bộ chỉ số city-2023.json, dòng 1, cột 1: JSON không hợp lệ (sai cú pháp)." in page
    assert not any(word in page for word in ENGLISH)
