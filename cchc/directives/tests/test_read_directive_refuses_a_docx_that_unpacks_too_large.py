"""A .docx is a zip: one of a few hundred kilobytes can unpack to gigabytes, which python-docx would hold
in memory. ``read-directive`` and the reader's upload page count the unpacked bytes first (streamed) and
refuse past the limit in Vietnamese, exit 2, nothing kept; a damaged .docx keeps its own message. (The
image-only PDF: ``test_read_directive_command`` and ``test_reader_ui_corrections_and_bad_rows``.)"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from cchc.lib.docreader import loaders
from cchc.testing.personas import login_verified

LIMIT = 2 * 1024 * 1024
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.'
    b'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def docx(padding: int) -> bytes:
    """A valid .docx whose body carries ``padding`` bytes of spaces (a kilobyte or so once compressed)."""
    body = (
        b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
        + "QUYẾT ĐỊNH giao nhiệm vụ năm 2026".encode()
        + b"</w:t>"
        + b" " * padding
        + b"</w:r></w:p></w:body></w:document>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", body)
    return buf.getvalue()


@pytest.fixture(autouse=True)
def small_limit(monkeypatch):
    monkeypatch.setattr(loaders, "MAX_DOCX_UNPACKED_BYTES", LIMIT, raising=False)


def test_the_command_refuses_the_bomb_and_exits_2(capsys, tmp_path):
    bomb = tmp_path / "bom.docx"
    bomb.write_bytes(docx(4 * LIMIT))
    assert bomb.stat().st_size < LIMIT // 100
    with pytest.raises(SystemExit) as exc:
        call_command("read_directive", str(bomb))
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "Tệp Word (.docx) khi giải nén lớn hơn 2 MB; hệ thống không mở." in err
    assert "Traceback" not in err


def test_a_docx_under_the_limit_is_still_read(capsys, tmp_path):
    small = tmp_path / "nho.docx"
    small.write_bytes(docx(1000))
    call_command("read_directive", str(small), "--format", "text")
    printed = capsys.readouterr()
    assert "Cơ quan ban hành" in printed.out and printed.err == ""


def test_a_damaged_docx_keeps_its_own_message(capsys, tmp_path):
    broken = tmp_path / "hong.docx"
    broken.write_bytes(docx(1000)[:-40])
    with pytest.raises(SystemExit):
        call_command("read_directive", str(broken))
    assert "tệp bị hỏng hoặc không phải định dạng .docx" in capsys.readouterr().err


@pytest.mark.django_db
def test_the_upload_page_refuses_the_bomb_and_keeps_nothing(client, world):
    from cchc.directives.models import DirectiveUpload

    login_verified(client, world.users["office"])
    bomb = SimpleUploadedFile("bom.docx", docx(4 * LIMIT), content_type="application/octet-stream")
    response = client.post(reverse("directives:reader_upload"), {"file": bomb})
    assert response.status_code in (200, 400)
    assert "khi giải nén lớn hơn 2 MB" in response.content.decode()
    assert not DirectiveUpload.objects.exists()
