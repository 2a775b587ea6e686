"""Every change to a unit's website register: validated, audited (``unitsite.*`` events), and only by
the people ``queries.can_manage_unit`` names, checked here as well as in the views so a script gets the
same answer. The demo loader passes its name (a string) as the actor.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from cchc.core.events import diff, record
from cchc.core.refusals import say
from cchc.core.uploads import WorkbookRefused, check_upload
from cchc.org.models import Unit
from cchc.unitsite.audit_events import UnitsiteEvents
from cchc.unitsite.models import DocumentKind, EmbedOrigin, UnitDocument, Validity
from cchc.unitsite.origins import normalise_origin
from cchc.unitsite.queries import can_manage_unit

ALLOWED_FILES = {".pdf": "PDF", ".docx": "Word (.docx)"}
MAX_UPLOAD_MB = 20
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
FIRST_YEAR = 1945
FIELDS = ("kind", "number", "issued_on", "subject", "issuer", "validity", "replaced_by")


def _require_manager(actor: Any, unit: Unit) -> None:
    if isinstance(actor, str):  # the demo loader, named in the audit trail
        return
    if not can_manage_unit(actor, unit):
        raise PermissionDenied(
            gettext("Chỉ cán bộ của đơn vị được quản lý văn bản và trang nhúng của đơn vị.")
        )


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _clean_text(value: Any) -> str:
    return " ".join(str(value or "").split())


def _too_big(name: str) -> str:
    return gettext("Tệp văn bản '%(name)s' lớn hơn %(size)s MB.") % {"name": name, "size": MAX_UPLOAD_MB}


def check_file(uploaded: UploadedFile) -> tuple[str, bytes]:
    """(file name, content) of an uploaded document, or ``ValidationError`` naming the file: PDF or DOCX
    only, by name and by content, not empty, not over the size limit, not a compressed-file bomb."""
    name = os.path.basename(uploaded.name or "").strip()[:200] or "van-ban"
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_FILES:
        raise ValidationError(
            {
                "file": gettext("Tệp văn bản '%(name)s': chỉ nhận tệp PDF (.pdf) hoặc Word (.docx).")
                % {"name": name}
            }
        )
    if (uploaded.size or 0) > MAX_UPLOAD_BYTES:
        raise ValidationError({"file": _too_big(name)})
    uploaded.seek(0)
    data = b"".join(uploaded.chunks())
    if not data:
        raise ValidationError({"file": gettext("Tệp văn bản '%(name)s' rỗng.") % {"name": name}})
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError({"file": _too_big(name)})
    if suffix == ".pdf" and not data.startswith(b"%PDF-"):
        raise ValidationError(
            {"file": gettext("Tệp văn bản '%(name)s' không phải tệp PDF hợp lệ.") % {"name": name}}
        )
    if suffix == ".docx":
        if not data.startswith(b"PK\x03\x04"):
            raise ValidationError(
                {
                    "file": gettext("Tệp văn bản '%(name)s' không phải tệp Word (.docx) hợp lệ.")
                    % {"name": name}
                }
            )
        try:
            check_upload(data)
        except WorkbookRefused as exc:
            raise ValidationError(
                {"file": gettext("Tệp văn bản '%(name)s': %(why)s") % {"name": name, "why": say(exc)}}
            ) from None
    return name, data


def _validate(unit: Unit, data: dict[str, Any], document: UnitDocument | None) -> dict[str, Any]:
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {
        "kind": data.get("kind"),
        "number": _clean_text(data.get("number"))[:60],
        "issued_on": data.get("issued_on"),
        "subject": _clean_text(data.get("subject"))[:500],
        "issuer": _clean_text(data.get("issuer"))[:255],
        "validity": data.get("validity") or Validity.IN_FORCE,
        "replaced_by": data.get("replaced_by"),
    }
    if clean["kind"] not in DocumentKind.values:
        errors["kind"] = gettext("Loại văn bản: chọn một loại trong danh sách.")
    if not clean["number"]:
        errors["number"] = gettext("Số, ký hiệu: cần nhập, ví dụ 12/QĐ-UBND.")
    elif not any(c.isdigit() for c in clean["number"]):
        errors["number"] = gettext("Số, ký hiệu: cần có số văn bản, ví dụ 12/QĐ-UBND.")
    issued = clean["issued_on"]
    if not isinstance(issued, dt.date):
        errors["issued_on"] = gettext("Ngày ban hành: cần nhập ngày hợp lệ.")
    elif issued > timezone.localdate():
        errors["issued_on"] = gettext("Ngày ban hành không được sau hôm nay.")
    elif issued.year < FIRST_YEAR:
        errors["issued_on"] = f"Ngày ban hành không được trước năm {FIRST_YEAR}."
    if not clean["subject"]:
        errors["subject"] = gettext("Trích yếu: cần nhập nội dung chính của văn bản.")
    if not clean["issuer"]:
        errors["issuer"] = gettext("Cơ quan ban hành: cần nhập.")
    validity, newer = clean["validity"], clean["replaced_by"]
    if validity not in Validity.values:
        errors["validity"] = gettext("Hiệu lực: chọn còn hiệu lực, đã được thay thế hoặc hết hiệu lực.")
    elif validity == Validity.REPLACED:
        if newer is None:
            errors["replaced_by"] = gettext("Văn bản thay thế: cần chọn văn bản đã thay thế văn bản này.")
        elif newer.unit_id != unit.pk:
            errors["replaced_by"] = gettext("Văn bản thay thế phải thuộc sổ văn bản của cùng đơn vị.")
        elif document is not None and newer.pk == document.pk:
            errors["replaced_by"] = gettext("Văn bản không thể tự thay thế chính nó.")
        elif isinstance(issued, dt.date) and newer.issued_on < issued:
            errors["replaced_by"] = gettext(
                "Văn bản thay thế phải ban hành cùng ngày hoặc sau văn bản bị thay thế."
            )
    elif newer is not None:
        errors["replaced_by"] = gettext("Chỉ chọn văn bản thay thế khi hiệu lực là «Đã được thay thế».")
    if not errors and isinstance(issued, dt.date):
        # Compared in Python: SQLite folds only ASCII letters ("QĐ" and "qđ" are one number).
        same = UnitDocument.objects.filter(unit=unit, issued_on__year=issued.year)
        if document is not None:
            same = same.exclude(pk=document.pk)
        wanted = clean["number"].casefold()
        if any(n.casefold() == wanted for n in same.values_list("number", flat=True)):
            errors["number"] = (
                f"Số, ký hiệu {clean['number']} năm {issued.year} đã có trong sổ văn bản của đơn vị."
            )
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def add_document(actor: Any, unit: Unit, data: dict[str, Any], uploaded: UploadedFile) -> UnitDocument:
    _require_manager(actor, unit)
    errors: dict[str, Any] = {}
    clean: dict[str, Any] = {}
    try:
        clean = _validate(unit, data, None)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        name, content = check_file(uploaded)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    document = UnitDocument(
        unit=unit, **clean, file_name=name, file_size=len(content), created_by=_user(actor)
    )
    document.file.save(name, ContentFile(content), save=True)
    record(
        actor,
        UnitsiteEvents.DOCUMENT_ADDED,
        document,
        summary=f"{unit.name}: thêm văn bản {document.number}",
        data={"unit": unit.pk, "size": document.file_size},
    )
    return document


@transaction.atomic
def update_document(
    actor: Any, document: UnitDocument, data: dict[str, Any], uploaded: UploadedFile | None = None
) -> UnitDocument:
    document = UnitDocument.objects.select_for_update().get(pk=document.pk)
    _require_manager(actor, document.unit)
    errors: dict[str, Any] = {}
    clean: dict[str, Any] = {}
    try:
        clean = _validate(document.unit, data, document)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    content = b""
    name = ""
    if uploaded is not None:
        try:
            name, content = check_file(uploaded)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    before = {f: getattr(document, f) for f in FIELDS}
    for field, value in clean.items():
        setattr(document, field, value)
    changes = diff(before, clean)
    if content:
        changes["file"] = [document.file_name, name]
        document.file.save(name, ContentFile(content), save=False)
        document.file_name, document.file_size = name, len(content)
    document.save()
    record(
        actor,
        UnitsiteEvents.DOCUMENT_UPDATED,
        document,
        summary=f"{document.unit.name}: sửa văn bản {document.number}",
        data=changes,
    )
    return document


def _origin_taken(origin: str) -> str:
    return gettext("Địa chỉ trang web %(origin)s đã được đăng ký cho đơn vị.") % {"origin": origin}


@transaction.atomic
def add_origin(actor: Any, unit: Unit, raw: str) -> EmbedOrigin:
    _require_manager(actor, unit)
    origin = normalise_origin(raw)
    if EmbedOrigin.objects.filter(unit=unit, origin=origin).exists():
        raise ValidationError({"origin": _origin_taken(origin)})
    try:
        with transaction.atomic():
            row = EmbedOrigin.objects.create(unit=unit, origin=origin, created_by=_user(actor))
    except IntegrityError:
        raise ValidationError({"origin": _origin_taken(origin)}) from None
    record(actor, UnitsiteEvents.ORIGIN_ADDED, row, summary=f"{unit.name}: cho phép nhúng tại {origin}")
    return row


@transaction.atomic
def remove_origin(actor: Any, row: EmbedOrigin) -> None:
    _require_manager(actor, row.unit)
    record(
        actor,
        UnitsiteEvents.ORIGIN_REMOVED,
        row,
        summary=f"{row.unit.name}: thôi cho phép nhúng tại {row.origin}",
    )
    row.delete()
