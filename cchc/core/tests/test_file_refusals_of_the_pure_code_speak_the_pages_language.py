"""The refusals cchc/lib writes (without Django) for a hostile file — a compressed-file bomb, a .docx that
unpacks too large, a NUL in a file — are said in the page's language: English when English is chosen,
Vietnamese by default, with a 4xx and nothing kept. The command line keeps the Vietnamese sentence and
exits 2."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from cchc.directives.models import DirectiveUpload
from cchc.directives.tests.test_read_directive_refuses_a_docx_that_unpacks_too_large import docx
from cchc.dossiers.models import ImportBatch
from cchc.dossiers.tests.import_helpers import make_catalogue
from cchc.lib.docreader import loaders
from cchc.org.models import Official, Unit
from cchc.testing.english import choose_english
from cchc.testing.personas import login_verified

pytestmark = [pytest.mark.django_db, pytest.mark.urls("cchc.dossiers.tests.import_urls")]
SMALL = {"CCHC_IMPORT_MAX_UNCOMPRESSED_BYTES": 2 * 1024 * 1024}
DOCX_LIMIT = 2 * 1024 * 1024
# A NUL in a cell of the officials' list (PostgreSQL cannot keep it in a text): named by row and letter,
# as the heading row is found after the check.
NUL_CSV = "mã cán bộ,họ và tên,mã đơn vị\nCB-NUL,Nguyen\x00Van A,NV\n".encode()
NUL_TXT = "QUYẾT ĐỊNH giao nhiệm vụ\x00 năm 2026".encode()


def workbook_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"<worksheet>" + b" " * (8 * 1024 * 1024) + b"</worksheet>")
    return buf.getvalue()


@pytest.fixture(autouse=True)
def small_docx_limit(monkeypatch):
    monkeypatch.setattr(loaders, "MAX_DOCX_UNPACKED_BYTES", DOCX_LIMIT, raising=False)


def _rows() -> tuple[int, ...]:
    counts = (Unit, Official, ImportBatch, DirectiveUpload)
    return tuple(model.objects.count() for model in counts)


# (who, where, what is posted, the English sentence, the Vietnamese one)
CASES = [
    (
        "secretariat",
        "org:import",
        {"file": ("can-bo.csv", NUL_CSV), "kind": ""},
        "Row 2, column B holds a NUL character (code 0), which the database cannot store;",
        "Dòng 2, cột B chứa ký tự NUL (mã 0), không lưu được vào cơ sở dữ liệu;",
    ),
    (
        "secretariat",
        "org:import",
        {"file": ("can-bo.xlsx", workbook_bomb()), "kind": ""},
        "The spreadsheet unpacks to more than 2 MB; the system does not open it.",
        "Tệp bảng tính khi giải nén lớn hơn 2 MB; hệ thống không mở.",
    ),
    (
        "office",
        "dossier_import:upload",
        {"file": ("hoso.xlsx", workbook_bomb())},
        "The spreadsheet unpacks to more than 2 MB; the system does not open it.",
        "Tệp bảng tính khi giải nén lớn hơn 2 MB; hệ thống không mở.",
    ),
    (
        "office",
        "directives:reader_upload",
        {"file": ("bom.docx", docx(4 * DOCX_LIMIT))},
        "The Word file (.docx) unpacks to more than 2 MB; the system does not open it.",
        "Tệp Word (.docx) khi giải nén lớn hơn 2 MB; hệ thống không mở.",
    ),
    (
        "office",
        "directives:reader_upload",
        {"file": ("van-ban.txt", NUL_TXT)},
        "The file is not plain text (txt). Use a .txt, .docx or .pdf file with a text layer.",
        "Tệp không phải văn bản thuần (txt). Hãy dùng tệp .txt, .docx hoặc .pdf có lớp chữ.",
    ),
]
IDS = ["org-nul", "org-bomb", "dossier-bomb", "reader-docx-bomb", "reader-nul"]


def _post(client, where, body):
    data = {k: SimpleUploadedFile(*v) if isinstance(v, tuple) else v for k, v in body.items()}
    with override_settings(**SMALL):
        return client.post(reverse(where), data)


@pytest.mark.parametrize(("who", "where", "body", "english", "vietnamese"), CASES, ids=IDS)
def test_the_refusal_is_english_when_english_is_chosen(client, world, who, where, body, english, vietnamese):
    make_catalogue()
    before = _rows()
    login_verified(client, world.users[who])
    choose_english(client)
    response = _post(client, where, body)
    page = response.content.decode()
    assert response.status_code == 400
    assert '<html lang="en">' in page
    assert english in page
    assert vietnamese not in page
    assert _rows() == before


@pytest.mark.parametrize(("who", "where", "body", "english", "vietnamese"), CASES, ids=IDS)
def test_the_refusal_is_vietnamese_by_default(client, world, who, where, body, english, vietnamese):
    make_catalogue()
    before = _rows()
    login_verified(client, world.users[who])
    response = _post(client, where, body)
    page = response.content.decode()
    assert response.status_code == 400
    assert vietnamese in page and english not in page
    assert _rows() == before


def test_the_command_line_keeps_the_vietnamese_sentence_and_exits_2(capsys, tmp_path):
    text = tmp_path / "van-ban.txt"
    text.write_bytes(NUL_TXT)
    with pytest.raises(SystemExit) as exc:
        call_command("read_directive", str(text))
    assert exc.value.code == 2
    assert "Tệp không phải văn bản thuần (txt)." in capsys.readouterr().err


def test_an_index_set_that_is_not_json_is_refused_in_the_pages_language(world):
    from django.utils import translation

    from cchc.scorecards import actions_sets
    from cchc.scorecards.actions import ScorecardError

    cases = (
        (
            b'{\n"format": }',
            "The index set file bo.json, line 2, column 11: invalid JSON",
            "Tệp bộ chỉ số bo.json, dòng 2",
        ),
        (
            b"[" * 100_000,
            "The index set file bo.json: its JSON is nested too deep.",
            "JSON lồng nhau quá sâu",
        ),
    )
    for content, english, vietnamese in cases:
        for language, says in (("en", english), ("vi", vietnamese)):
            upload = SimpleUploadedFile("bo.json", content)
            with translation.override(language), pytest.raises(ScorecardError) as refused:
                actions_sets.upload_index_set(world.users["secretariat"], "2023", upload)
            assert says in str(refused.value)
