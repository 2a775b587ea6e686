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


def check_file(name: str, data: bytes) -> CheckedFile:
    name = (name or "tệp").replace("\\", "/").rsplit("/", 1)[-1][:200]
    limit = int(setting("CCHC_FEEDBACK_ATTACHMENT_MAX_BYTES"))
    if len(data) == 0:
        raise ValidationError(f"Tệp «{name}» rỗng.")
    if len(data) > limit:
        raise ValidationError(f"Tệp «{name}» lớn hơn {_mb(limit)}; vui lòng chụp ảnh nhỏ hơn hoặc tách tệp.")
    if data[:5] == b"%PDF-":
        return CheckedFile(name, "application/pdf", _check_pdf(name, data))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format or ""
            width, height = probe.size
            probe.verify()
        if fmt not in IMAGE_TYPES:
            raise ValidationError(f"Tệp «{name}» là ảnh {fmt}; chỉ nhận ảnh JPG, PNG, WEBP hoặc tệp PDF.")
        if width * height > MAX_PIXELS:
            raise ValidationError(f"Ảnh «{name}» quá lớn ({width}×{height} điểm ảnh).")
        with Image.open(io.BytesIO(data)) as full:
            full.load()  # a truncated or corrupt image fails here, not later on a staff screen
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            f"Tệp «{name}» không phải ảnh hoặc tệp PDF đọc được; chỉ nhận ảnh JPG, PNG, WEBP hoặc PDF."
        ) from exc
    return CheckedFile(name, IMAGE_TYPES[fmt], data)


def _check_pdf(name: str, data: bytes) -> bytes:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(f"Tệp PDF «{name}» có mật khẩu; vui lòng gửi bản không đặt mật khẩu.")
        if len(reader.pages) < 1:
            raise ValidationError(f"Tệp PDF «{name}» không có trang nào.")
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ValidationError(f"Tệp «{name}» không phải tệp PDF đọc được.") from exc
    return data


def check_uploads(files: list[Any]) -> list[CheckedFile]:
    """Validate uploaded files (Django ``UploadedFile`` objects); all or nothing."""
    limit = int(setting("CCHC_FEEDBACK_ATTACHMENT_MAX_FILES"))
    if len(files) > limit:
        raise ValidationError(f"Chỉ gửi tối đa {limit} tệp đính kèm.")
    out = []
    cap = int(setting("CCHC_FEEDBACK_ATTACHMENT_MAX_BYTES"))
    for f in files:
        if getattr(f, "size", 0) > cap:
            raise ValidationError(
                f"Tệp «{f.name}» lớn hơn {_mb(cap)}; vui lòng chụp ảnh nhỏ hơn hoặc tách tệp."
            )
        out.append(check_file(f.name, f.read()))
    return out
