"""The register of directives: entries, files, links between documents, and reading a document.

Reading never creates anything but a ``DirectiveUpload`` holding the reader's proposal; the directive,
its links and its tasks are created only by ``confirm_upload`` after a person has reviewed them (issue
4). Only the Office keeps the register (``queries.can_keep_register``).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from cchc.core.events import diff, record
from cchc.core.refusals import say
from cchc.directives.actions import _require_register, _root_path, _user, create_task
from cchc.directives.audit_events import DirectivesEvents
from cchc.directives.models import Directive, DirectiveFile, DirectiveLink, DirectiveUpload
from cchc.lib.docreader import ReaderError, load_text, read_text
from cchc.org.models import Jurisdiction, Unit

ALLOWED_FILE_TYPES = (".txt", ".docx", ".pdf")


def max_upload_bytes() -> int:
    return int(getattr(settings, "CCHC_DIRECTIVE_MAX_UPLOAD_MB", 20)) * 1024 * 1024


# --- files ------------------------------------------------------------------------------------------


def _check_file(uploaded: UploadedFile, field_name: str = "file") -> str:
    name = os.path.basename(uploaded.name or "")
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_FILE_TYPES:
        raise ValidationError(
            {
                field_name: gettext("Tệp «%(name)s»: chỉ nhận tệp .txt, .docx hoặc .pdf có lớp chữ.")
                % {"name": name}
            }
        )
    if (uploaded.size or 0) > max_upload_bytes():
        limit = max_upload_bytes() // (1024 * 1024)
        raise ValidationError(
            {field_name: gettext("Tệp «%(name)s» lớn hơn %(limit)s MB.") % {"name": name, "limit": limit}}
        )
    if not uploaded.size:
        raise ValidationError({field_name: gettext("Tệp «%(name)s» rỗng.") % {"name": name}})
    return name


def extract_text(data: bytes, name: str) -> str:
    """The text of a txt/docx/pdf, or ReaderError with a Vietnamese message (scanned PDF, library
    missing, wrong encoding)."""
    suffix = Path(name).suffix.lower()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"van-ban{suffix}"
        path.write_bytes(data)
        return load_text(path)


def _read_bytes(uploaded: UploadedFile) -> bytes:
    uploaded.seek(0)
    data = b"".join(uploaded.chunks())
    uploaded.seek(0)
    return data


# --- the register -------------------------------------------------------------------------------------

DIRECTIVE_FIELDS = (
    "direction",
    "issuer",
    "parent_issuer",
    "number",
    "symbol",
    "date",
    "place",
    "doc_type",
    "subject",
    "signer_authority",
    "signer_position",
    "signer_name",
    "recipients",
    "cc",
)


def _check_unique(jurisdiction: Jurisdiction, data: dict[str, Any], exclude: int | None = None) -> None:
    clash = Directive.objects.filter(
        jurisdiction=jurisdiction, number=data["number"], symbol=data["symbol"], date=data["date"]
    )
    if exclude:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise ValidationError(
            {
                "number": gettext("Văn bản số %(reference)s ngày %(date)s đã có trong sổ.")
                % {"reference": f"{data['number']}/{data['symbol']}", "date": f"{data['date']:%d/%m/%Y}"}
            }
        )


@transaction.atomic
def register_directive(
    actor: Any,
    jurisdiction: Jurisdiction,
    data: dict[str, Any],
    *,
    text: str = "",
    proposal: dict[str, Any] | None = None,
) -> Directive:
    _require_register(actor, jurisdiction)
    for name in ("number", "symbol", "issuer", "subject", "doc_type"):
        if not str(data.get(name) or "").strip():
            raise ValidationError({name: gettext("Mục này là bắt buộc.")})
    if not isinstance(data.get("date"), dt.date):
        raise ValidationError({"date": gettext("Cần ngày ban hành (dd/mm/yyyy).")})
    _check_unique(jurisdiction, data)
    directive = Directive.objects.create(
        jurisdiction=jurisdiction,
        text=text,
        proposal=proposal or {},
        created_by=actor if getattr(actor, "pk", None) else None,
        **{k: data[k] for k in DIRECTIVE_FIELDS if k in data},
    )
    resolve_links_to(directive)
    record(actor, DirectivesEvents.DIRECTIVE_REGISTERED, directive, summary=f"Vào sổ {directive}")
    return directive


@transaction.atomic
def update_directive(actor: Any, directive: Directive, data: dict[str, Any]) -> Directive:
    _require_register(actor, directive.jurisdiction)
    before = {k: getattr(directive, k) for k in DIRECTIVE_FIELDS}
    merged = {**before, **{k: v for k, v in data.items() if k in DIRECTIVE_FIELDS}}
    _check_unique(directive.jurisdiction, merged, exclude=directive.pk)
    for k, v in merged.items():
        setattr(directive, k, v)
    directive.save()
    changes = diff(before, merged)
    if {"number", "symbol", "date"} & set(changes):
        resolve_links_to(directive)
    record(
        actor,
        DirectivesEvents.DIRECTIVE_UPDATED,
        directive,
        summary=f"Sửa thông tin {directive}",
        data=changes,
    )
    return directive


@transaction.atomic
def add_file(actor: Any, directive: Directive, uploaded: UploadedFile) -> tuple[DirectiveFile, str]:
    """Attach a file. Returns the row and a warning (empty when the text was read): a scanned PDF is a
    valid attachment, but its text cannot be read."""
    _require_register(actor, directive.jurisdiction)
    name = _check_file(uploaded)
    data = _read_bytes(uploaded)
    warning = ""
    try:
        text = extract_text(data, name)
        if not directive.text.strip():
            directive.text = text
            directive.save(update_fields=["text", "updated_at"])
    except ReaderError as exc:
        warning = say(exc)
    row = DirectiveFile(directive=directive, name=name, size=len(data), uploaded_by=_user(actor))
    row.file.save(name, ContentFile(data), save=True)
    record(
        actor,
        DirectivesEvents.DIRECTIVE_FILE_ADDED,
        directive,
        summary=f"Thêm tệp {name}",
        data={"file": row.pk},
    )
    return row, warning


@transaction.atomic
def remove_file(actor: Any, row: DirectiveFile) -> None:
    _require_register(actor, row.directive.jurisdiction)
    record(actor, DirectivesEvents.DIRECTIVE_FILE_REMOVED, row.directive, summary=f"Gỡ tệp {row.name}")
    row.delete()


def _parse_reference(reference: str) -> tuple[str, str]:
    ref = reference.strip().replace(" ", "")
    number, sep, symbol = ref.partition("/")
    if not sep or not number or not symbol:
        raise ValidationError(
            {
                "reference": gettext("«%(reference)s»: ghi số và ký hiệu dạng 4861/UBND-NV.")
                % {"reference": reference}
            }
        )
    return number, symbol


def _target_for(link: DirectiveLink) -> Directive | None:
    number, symbol = _parse_reference(link.reference)
    qs = Directive.objects.filter(
        jurisdiction__path__startswith=_root_path(link.source.jurisdiction),
        number=number,
        symbol__iexact=symbol,
    ).exclude(pk=link.source_id)
    if link.cited_date:
        qs = qs.filter(date=link.cited_date)
    found = list(qs[:2])
    return found[0] if len(found) == 1 else None


def resolve_links_to(directive: Directive) -> int:
    """Point open links at ``directive`` when they cite its number, symbol (and date when given), and
    resolve the directive's own links. Returns how many links were connected."""
    n = 0
    for link in DirectiveLink.objects.filter(target__isnull=True).filter(
        Q(source=directive) | Q(reference__istartswith=f"{directive.number}/")
    ):
        target = _target_for(link)
        if target is not None:
            link.target = target
            link.save(update_fields=["target"])
            n += 1
    return n


@transaction.atomic
def add_link(actor: Any, directive: Directive, data: dict[str, Any]) -> DirectiveLink:
    _require_register(actor, directive.jurisdiction)
    number, symbol = _parse_reference(data.get("reference") or "")
    same = number == directive.number and symbol.lower() == directive.symbol.lower()
    if same and data.get("cited_date") in (None, directive.date):
        raise ValidationError({"reference": gettext("Văn bản không thể dẫn chiếu chính nó.")})
    link = DirectiveLink(
        source=directive,
        kind=data.get("kind") or DirectiveLink.Kind.CITES,
        reference=f"{number}/{symbol}",
        cited_date=data.get("cited_date"),
        doc_type=(data.get("doc_type") or "")[:60],
        issuer=(data.get("issuer") or "")[:255],
        description=(data.get("description") or "")[:500],
    )
    link.target = _target_for(link)
    link.save()
    record(
        actor,
        DirectivesEvents.DIRECTIVE_LINK_ADDED,
        directive,
        summary=f"{link.get_kind_display()} {link.reference}",
        data={"link": link.pk},
    )
    return link


@transaction.atomic
def remove_link(actor: Any, link: DirectiveLink) -> None:
    _require_register(actor, link.source.jurisdiction)
    record(
        actor, DirectivesEvents.DIRECTIVE_LINK_REMOVED, link.source, summary=f"Gỡ liên kết {link.reference}"
    )
    link.delete()


# --- reading a document -------------------------------------------------------------------------------


@transaction.atomic
def stage_upload(
    actor: Any, jurisdiction: Jurisdiction, uploaded: UploadedFile, units: Sequence[Unit]
) -> DirectiveUpload:
    """Read an uploaded document and keep the proposal for review. Nothing is registered yet."""
    _require_register(actor, jurisdiction)
    name = _check_file(uploaded)
    data = _read_bytes(uploaded)
    try:
        text = extract_text(data, name)
    except ReaderError as exc:
        raise ValidationError({"file": say(exc)}) from exc
    from cchc.directives.proposal import known_units

    proposal = read_text(text, known_units(list(units))).as_dict()
    upload = DirectiveUpload(
        jurisdiction=jurisdiction,
        name=name,
        size=len(data),
        text=text,
        proposal=proposal,
        uploaded_by=_user(actor),
    )
    upload.file.save(name, ContentFile(data), save=True)
    record(
        actor,
        DirectivesEvents.DIRECTIVE_READ,
        upload,
        summary=f"Đọc văn bản {name}: {len(proposal.get('tasks') or [])} nhiệm vụ đề xuất",
    )
    return upload


@dataclass
class TaskRow:
    """One confirmed row of the review form: one task per lead unit (ND 39/2022,
    docs/rules/directive-tasks.md)."""

    number: int  # the row's number on the form, for messages
    text: str
    lead_units: list[Unit]
    section: str = ""
    coordinating: list[Unit] = field(default_factory=list)
    due: dt.date | None = None
    recurrence: str = ""
    deadline_text: str = ""


@transaction.atomic
def confirm_upload(
    actor: Any,
    upload: DirectiveUpload,
    data: dict[str, Any],
    *,
    links: Iterable[dict[str, Any]],
    rows: Sequence[TaskRow],
    assigner_unit: Unit,
) -> Directive:
    """Register the reviewed directive, its links and its tasks, all or nothing."""
    if upload.directive_id is not None:
        raise ValidationError(gettext("Văn bản này đã được xác nhận vào sổ."))
    errors = []
    for row in rows:
        if not row.text.strip():
            errors.append(gettext("Dòng %(number)s: chưa có nội dung nhiệm vụ.") % {"number": row.number})
        if not row.lead_units:
            errors.append(gettext("Dòng %(number)s: chưa chọn đơn vị chủ trì.") % {"number": row.number})
        if row.due and isinstance(data.get("date"), dt.date) and row.due < data["date"]:
            errors.append(
                gettext("Dòng %(number)s: hạn %(due)s trước ngày ban hành văn bản.")
                % {"number": row.number, "due": f"{row.due:%d/%m/%Y}"}
            )
    if errors:
        raise ValidationError(errors)
    directive = register_directive(
        actor, upload.jurisdiction, data, text=upload.text, proposal=upload.proposal
    )
    for link in links:
        add_link(actor, directive, link)
    copy = DirectiveFile(directive=directive, name=upload.name, size=upload.size, uploaded_by=_user(actor))
    copy.file.name = upload.file.name  # the stored file is kept once, referenced by both rows
    copy.save()
    for row in rows:
        for lead in row.lead_units:
            create_task(
                actor,
                directive,
                text=row.text,
                section=row.section,
                lead_unit=lead,
                coordinating=[u for u in row.coordinating if u != lead],
                assigner_unit=assigner_unit,
                due=row.due if row.recurrence == "" else None,
                repeat_until=row.due if row.recurrence else None,
                recurrence=row.recurrence,
                deadline_text=row.deadline_text,
            )
    upload.directive = directive
    upload.save(update_fields=["directive"])
    directive.confirmed_by = _user(actor)
    directive.confirmed_at = timezone.now()
    directive.save(update_fields=["confirmed_by", "confirmed_at"])
    record(
        actor,
        DirectivesEvents.DIRECTIVE_CONFIRMED,
        directive,
        summary=f"Xác nhận {directive}: {directive.tasks.count()} nhiệm vụ",
    )
    return directive
