"""Checking what citizens attach: photos (JPEG, PNG, WebP) and PDF files, within size and count limits.

The type is read from the content, never from the file name or the browser's claim: an image must
open and decode in Pillow, a PDF must parse in pypdf. Anything else is refused with a message naming
the file.
"""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext
from PIL import Image, UnidentifiedImageError

from cchc.feedback.conf import setting

IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
MAX_PIXELS = 40_000_000  # well above any phone camera; stops decompression bombs


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)

    def as_content(self) -> ContentFile[bytes]:
        return ContentFile(self.data, name=secrets.token_hex(8))


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def _too_big(name: str, limit: int) -> str:
    return gettext("Tệp «%(name)s» lớn hơn %(size)s; vui lòng chụp ảnh nhỏ hơn hoặc tách tệp.") % {
        "name": name,
        "size": _mb(limit),
    }


def check_file(name: str, data: bytes) -> CheckedFile:
    name = (name or "tệp").replace("\\", "/").rsplit("/", 1)[-1][:200]
    limit = int(setting("CCHC_FEEDBACK_ATTACHMENT_MAX_BYTES"))
    if len(data) == 0:
        raise ValidationError(gettext("Tệp «%(name)s» rỗng.") % {"name": name})
    if len(data) > limit:
        raise ValidationError(_too_big(name, limit))
    if data[:5] == b"%PDF-":
        return CheckedFile(name, "application/pdf", _check_pdf(name, data))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format or ""
            width, height = probe.size
            probe.verify()
        if fmt not in IMAGE_TYPES:
            raise ValidationError(
                gettext("Tệp «%(name)s» là ảnh %(format)s; chỉ nhận ảnh JPG, PNG, WEBP hoặc tệp PDF.")
                % {"name": name, "format": fmt}
            )
        if width * height > MAX_PIXELS:
            raise ValidationError(
                gettext("Ảnh «%(name)s» quá lớn (%(width)s×%(height)s điểm ảnh).")
                % {"name": name, "width": width, "height": height}
            )
        with Image.open(io.BytesIO(data)) as full:
            full.load()  # a truncated or corrupt image fails here, not later on a staff screen
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            gettext(
                "Tệp «%(name)s» không phải ảnh hoặc tệp PDF đọc được; chỉ nhận ảnh JPG, PNG, WEBP hoặc PDF."
            )
            % {"name": name}
        ) from exc
    return CheckedFile(name, IMAGE_TYPES[fmt], data)


def _check_pdf(name: str, data: bytes) -> bytes:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(
                gettext("Tệp PDF «%(name)s» có mật khẩu; vui lòng gửi bản không đặt mật khẩu.")
                % {"name": name}
            )
        if len(reader.pages) < 1:
            raise ValidationError(gettext("Tệp PDF «%(name)s» không có trang nào.") % {"name": name})
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ValidationError(
            gettext("Tệp «%(name)s» không phải tệp PDF đọc được.") % {"name": name}
        ) from exc
    return data


def check_uploads(files: list[Any]) -> list[CheckedFile]:
    """Validate uploaded files (Django ``UploadedFile`` objects); all or nothing."""
    limit = int(setting("CCHC_FEEDBACK_ATTACHMENT_MAX_FILES"))
    if len(files) > limit:
        raise ValidationError(gettext("Chỉ gửi tối đa %(limit)s tệp đính kèm.") % {"limit": limit})
    out = []
    cap = int(setting("CCHC_FEEDBACK_ATTACHMENT_MAX_BYTES"))
    for f in files:
        if getattr(f, "size", 0) > cap:
            raise ValidationError(_too_big(f.name, cap))
        out.append(check_file(f.name, f.read()))
    return out
