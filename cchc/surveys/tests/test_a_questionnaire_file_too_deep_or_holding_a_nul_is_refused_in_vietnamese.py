"""A questionnaire file uploaded by the secretariat that nests a hundred thousand deep (a server error
before: Python's recursion limit), or holds an escaped NUL or lone surrogate in a text (valid JSON that
PostgreSQL refuses in a JSON column), is refused with a Vietnamese error on the file field, 400, nothing
stored."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.surveys.models import QuestionnaireVersion
from cchc.surveys.tests.conftest import URLS
from cchc.testing.personas import login_verified

pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLS)]


def shipped_with_title(escape: str) -> bytes:
    source = resources.files("cchc.lib.questionnaires").joinpath("data", "sipas-2017.json").read_text("utf-8")
    data = json.loads(source)
    data["code"] = "thu-nghiem"
    data["title"] = "Bộ câu hỏi@@thử"
    return json.dumps(data, ensure_ascii=False).replace("@@", escape).encode()


FILES = {
    "too deep": (b"[" * 100_000 + b"]" * 100_000, "lồng nhau quá nhiều tầng"),
    "escaped NUL": (shipped_with_title("\\u0000"), "chứa ký tự NUL (mã 0) ở trường title"),
    "lone surrogate": (shipped_with_title("\\ud800"), "chứa ký tự không hợp lệ (nửa cặp thay thế UTF-16"),
}


@pytest.mark.parametrize("case", FILES)
def test_the_upload_answers_400_with_a_vietnamese_error(client, world, case):
    data, says = FILES[case]
    login_verified(client, world.users["secretariat"])
    before = QuestionnaireVersion.objects.count()
    response = client.post(
        reverse("surveys:questionnaires"), {"file": SimpleUploadedFile("thu.json", data, "application/json")}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tệp thu.json" in page and says in page
    assert QuestionnaireVersion.objects.count() == before
