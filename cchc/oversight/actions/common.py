"""Shared pieces of the oversight actions: permission checks, today, and the upload guard every file
in oversight passes (photos from a phone at a visit, reports of a unit, audit evidence)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext

from cchc.core.refusals import say
from cchc.core.uploads import WorkbookRefused, check_upload

# Photos as phones take them (JPEG, PNG, WebP; HEIC is not shown by most browsers, so it is refused
# with a message rather than stored unreadable) and the documents a unit sends back.
ALLOWED = {
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".webp": (b"RIFF",),
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
}


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def today() -> dt.date:
    return timezone.localdate()


def is_system(actor: Any) -> bool:
    """A string actor is a server-side job (the demo loader): the audit trail names it."""
    return isinstance(actor, str)


def user_or_none(actor: Any) -> Any:
    return None if is_system(actor) else actor


def max_bytes() -> int:
    return int(settings.CCHC_EVIDENCE_MAX_MB) * 1024 * 1024


def check_file(uploaded: UploadedFile, field: str = "file") -> str:
    """The file's clean name, or a Vietnamese ``ValidationError`` naming it: type by extension and by
    its first bytes (a renamed executable is not a photo), size, and the compressed-file bomb guard for
    Office files (``cchc.core.uploads``)."""
    name = os.path.basename(uploaded.name or "") or "tep"
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED:
        raise ValidationError(
            {
                field: gettext(
                    "Tệp '%(name)s': chỉ nhận ảnh JPG, PNG, WebP hoặc tài "
                    "liệu PDF, Word (.docx), Excel (.xlsx)."
                )
                % {"name": name}
            }
        )
    size = uploaded.size or 0
    if size == 0:
        raise ValidationError({field: gettext("Tệp '%(name)s' rỗng.") % {"name": name}})
    if size > max_bytes():
        raise ValidationError(
            {
                field: gettext("Tệp '%(name)s' lớn hơn %(mb)s MB.")
                % {"name": name, "mb": settings.CCHC_EVIDENCE_MAX_MB}
            }
        )
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    if not any(data.startswith(magic) for magic in ALLOWED[suffix]) or (
        suffix == ".webp" and data[8:12] != b"WEBP"
    ):
        raise ValidationError(
            {
                field: gettext("Tệp '%(name)s' không đúng định dạng %(kind)s.")
                % {"name": name, "kind": suffix[1:].upper()}
            }
        )
    if suffix in (".docx", ".xlsx"):
        try:
            check_upload(data)
        except WorkbookRefused as exc:
            raise ValidationError(
                {field: gettext("Tệp '%(name)s': %(why)s") % {"name": name, "why": say(exc)}}
            ) from None
    return name[:255]
