"""A text file with NUL bytes past its first 4 KB (a NUL cannot be kept in a PostgreSQL text) and a UTF-16
file cut in the middle of a character (a ``UnicodeDecodeError`` traceback before) are refused by
``read-directive`` with a Vietnamese message and exit 2, and by the reader's upload page, nothing kept."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from cchc.testing.personas import login_verified

TEXT = "QUYẾT ĐỊNH về việc giao nhiệm vụ cải cách hành chính năm 2026.\n" * 200
FILES = {
    "NUL bytes after the first 4 KB": TEXT.encode() + b"tiep\x00theo\n",
    "UTF-16 cut in the middle of a character": ("\ufeff" + TEXT).encode("utf-16-le")[:-1],
    "UTF-16 with a lone surrogate": b"\xff\xfe" + TEXT.encode("utf-16-le") + b"\x00\xd8A\x00",
}
SAYS = {
    "NUL bytes after the first 4 KB": "không phải văn bản thuần",
    "UTF-16 cut in the middle of a character": "không ở bảng mã UTF-8",
    "UTF-16 with a lone surrogate": "không ở bảng mã UTF-8",
}


@pytest.mark.parametrize("case", FILES)
def test_the_command_exits_2_with_a_vietnamese_message(capsys, tmp_path, case):
    path = tmp_path / "chi-thi.txt"
    path.write_bytes(FILES[case])
    with pytest.raises(SystemExit) as exc:
        call_command("read_directive", str(path))
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert SAYS[case] in err
    assert "Traceback" not in err and "Error" not in err


@pytest.mark.django_db
@pytest.mark.parametrize("case", FILES)
def test_the_upload_page_refuses_the_file_and_keeps_nothing(client, world, case):
    from cchc.directives.models import DirectiveUpload

    login_verified(client, world.users["office"])
    upload = SimpleUploadedFile("chi-thi.txt", FILES[case], content_type="text/plain")
    response = client.post(reverse("directives:reader_upload"), {"file": upload})
    assert response.status_code in (200, 400)
    assert SAYS[case] in response.content.decode()
    assert not DirectiveUpload.objects.exists()
