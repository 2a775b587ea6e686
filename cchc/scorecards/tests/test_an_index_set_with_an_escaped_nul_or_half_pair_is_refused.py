"""An index-set file whose criterion title holds an escaped NUL (``\\u0000``) or a lone surrogate
(``\\ud800``) — valid JSON, but no stored text can keep either — is refused naming the file and the field:
400 from the upload page, exit 2 from ``cchc load-index-set``, nothing loaded. (A raw NUL byte was already
refused by its line.)"""

from __future__ import annotations

import html
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cchc.scorecards.models import IndexVersion
from cchc.scorecards.tests.card_helpers import open_year
from cchc.scorecards.tests.index_set_helpers import good, text
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db

ESCAPES = {"NUL": ("\\u0000", "chứa ký tự NUL (mã 0)"), "half pair": ("\\ud800", "chứa ký tự không hợp lệ")}
FIELD = "ở trường children[1].children[2].title"


def with_an_escape(escape: str) -> bytes:
    doc = good()
    doc["children"][0]["children"][1]["title"] = "Tự kiểm tra@@CCHC"
    return text(doc).replace("@@", escape).encode()


@pytest.mark.parametrize("case", ESCAPES)
def test_the_upload_page_answers_400_naming_the_field(world, case):
    open_year(world)
    escape, says = ESCAPES[case]
    c = login_verified(Client(), world.users["secretariat"])
    upload = SimpleUploadedFile("city-2023.json", with_an_escape(escape), "application/json")
    response = c.post(reverse("scorecards:index_sets"), {"nam": "2022", "file": upload})
    page = html.unescape(response.content.decode())
    assert response.status_code == 400, page[:300]
    assert f"Tệp bộ chỉ số city-2023.json {says}" in page and FIELD in page
    assert not IndexVersion.objects.filter(file_name="city-2023.json").exists()


@pytest.mark.parametrize("case", ESCAPES)
def test_the_command_exits_2_naming_the_field(world, tmp_path, case):
    escape, says = ESCAPES[case]
    path = tmp_path / "city-2023.json"
    path.write_bytes(with_an_escape(escape))
    err = io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("load_index_set", str(path), "--area", "747", "--year", "2023", stderr=err)
    assert exc.value.code == 2
    assert f"Tệp bộ chỉ số city-2023.json {says}" in err.getvalue() and FIELD in err.getvalue()
    assert not IndexVersion.objects.exists()
