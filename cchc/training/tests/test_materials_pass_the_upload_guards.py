"""Course materials: PDF, Word, PowerPoint, Excel or text only, not empty, not over the size limit, a
PDF that is a PDF and an Office file that is not a compressed-file bomb; a refused file leaves nothing."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.training import actions
from cchc.training.models import Material


def _docx(size: int = 100) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "a" * size)
    return buf.getvalue()


def test_a_pdf_and_a_docx_are_kept(world, course):
    sec = world.users["secretariat"]
    actions.add_material(sec, course, SimpleUploadedFile("bai-giang.pdf", b"%PDF-1.4 tai lieu"))
    actions.add_material(sec, course, SimpleUploadedFile("huong-dan.docx", _docx()))
    assert sorted(m.name for m in course.materials.all()) == ["bai-giang.pdf", "huong-dan.docx"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("chay.exe", b"MZ", "chỉ nhận tệp"),
        ("rong.pdf", b"", "rỗng"),
        ("gia.pdf", b"<html>", "không phải tệp PDF"),
        ("gia.docx", b"not a zip", "không phải tệp .docx"),
    ],
)
def test_a_bad_file_is_refused_with_its_name(world, course, name, data, message):
    with pytest.raises(ValidationError, match=message):
        actions.add_material(world.users["secretariat"], course, SimpleUploadedFile(name, data))
    assert not Material.objects.exists()


def test_a_file_over_the_limit_and_a_zip_bomb_are_refused(world, course, settings):
    settings.CCHC_TRAINING_MAX_UPLOAD_MB = 1
    with pytest.raises(ValidationError, match="lớn hơn 1 MB"):
        actions.add_material(
            world.users["secretariat"], course, SimpleUploadedFile("to.pdf", b"%PDF" + b"0" * 2_000_000)
        )
    settings.CCHC_IMPORT_MAX_UNCOMPRESSED_BYTES = 10_000
    with pytest.raises(ValidationError, match=r"bom\.docx"):
        actions.add_material(
            world.users["secretariat"], course, SimpleUploadedFile("bom.docx", _docx(1_000_000))
        )
    assert not Material.objects.exists()
