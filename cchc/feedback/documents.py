"""The written documents of an accountability request (yêu cầu giải trình, ND 59/2019;
docs/rules/petitions.md):

- the acceptance notice (thông báo tiếp nhận), issued when the request is accepted;
- the refusal notice (thông báo từ chối), issued when it is refused, with the reason;
- the explanation document (văn bản giải trình), issued when the head approves the answer. ND 59 wants
  it to state the requester's details, the content of the request, the results of any meetings, the
  legal basis and the explanation itself (CONFIRMED).

docs/rules/petitions.md says the agency "notifies the requester in writing" and that the old TT 02/2014 forms
were 02-GT (acceptance) and 03-GT (refusal); their layout was not read (UNCONFIRMED). So the notices follow
the administrative-document layout of ND 30/2020 (docs/rules/official-documents.md,
``cchc.core.official_documents``). Symbols: "TB-<unit>" for the notices (TB is ND 30's Thông báo) and
"GT-<unit>" for the explanation (a product choice: ND 30 has no abbreviation for it). Numbers run per unit,
symbol and year, counted from the documents this product issued — the body's own register may differ (the DOCX
is editable).

Issuing writes one audit event (``feedback.document_issued``: who, when, which document, its number
and header) in the same transaction as the action; a document downloaded later is rebuilt from that
event, so it reads as issued. The requester's personal data are read from the petition, never copied
into the event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop

from cchc.core.events import record
from cchc.core.models import AuditEvent
from cchc.core.official_documents import Block, OfficialDocument
from cchc.feedback.audit_events import FeedbackEvents
from cchc.feedback.models import Answer, Kind, Petition
from cchc.feedback.text import mask_personal
from cchc.lib.personal_data import mask_name
from cchc.org.letterhead import letterhead

ISSUED = FeedbackEvents.DOCUMENT_ISSUED
ACCEPTANCE, REFUSAL, EXPLANATION = "acceptance", "refusal", "explanation"
LABELS = {
    ACCEPTANCE: gettext_noop("Thông báo tiếp nhận yêu cầu giải trình"),
    REFUSAL: gettext_noop("Thông báo từ chối yêu cầu giải trình"),
    EXPLANATION: gettext_noop("Văn bản giải trình"),
}
SYMBOLS = {ACCEPTANCE: "TB", REFUSAL: "TB", EXPLANATION: "GT"}
STEMS = {ACCEPTANCE: "thong-bao-tiep-nhan", REFUSAL: "thong-bao-tu-choi", EXPLANATION: "van-ban-giai-trinh"}
UNCONFIRMED_LAYOUT = "bố cục chưa xác nhận"
FORM_REFS = {
    ACCEPTANCE: f"Thông báo tiếp nhận yêu cầu giải trình — ND 59/2019 (mẫu 02-GT cũ, {UNCONFIRMED_LAYOUT})",
    REFUSAL: f"Thông báo từ chối yêu cầu giải trình — ND 59/2019 (mẫu 03-GT cũ, {UNCONFIRMED_LAYOUT})",
    EXPLANATION: "Văn bản giải trình — Nghị định 59/2019/NĐ-CP",
}
ND59 = (
    "Căn cứ Nghị định số 59/2019/NĐ-CP ngày 01 tháng 7 năm 2019 của Chính phủ quy định chi tiết một số "
    "điều và biện pháp thi hành Luật Phòng, chống tham nhũng;"
)
HIDDEN = "[đã ẩn]"
HIDDEN_NOTE = (
    "Bản để xem của người không trực tiếp xử lý: họ tên và thông tin liên hệ của người yêu cầu đã được ẩn."
)


def _unit_code(petition: Petition) -> str:
    return petition.unit.abbreviation or petition.unit.code


def _next_number(petition: Petition, document: str, year: int) -> str:
    symbol = SYMBOLS[document]
    issued = AuditEvent.objects.filter(
        verb=ISSUED, data__unit=petition.unit.code, data__symbol=symbol, data__year=year
    ).count()
    return f"{issued + 1:02d}/{symbol}-{_unit_code(petition)}"


def issue(
    actor: Any,
    petition: Petition,
    document: str,
    *,
    at: dt.datetime,
    answer: Answer | None = None,
    reason: str = "",
    due_on: dt.date | None = None,
) -> AuditEvent:
    """Record one document as issued, with the number and header it carries. Called by the actions
    (accept, reject, approve_answer) of an accountability request, inside their transaction."""
    if petition.kind != Kind.ACCOUNTABILITY:
        raise ValueError("Chỉ yêu cầu giải trình có văn bản theo Nghị định 59/2019.")
    day = timezone.localtime(at).date()
    head = letterhead(petition.unit, day)
    number = _next_number(petition, document, day.year)
    return record(
        actor,
        ISSUED,
        petition,
        summary=f"{LABELS[document]} số {number}",
        data={
            "at": at.isoformat(),
            "document": document,
            "number": number,
            "symbol": SYMBOLS[document],
            "unit": petition.unit.code,
            "year": day.year,
            "issued_on": day.isoformat(),
            "answer": answer.pk if answer is not None else None,
            "reason": reason,
            "due_on": due_on.isoformat() if due_on else None,
            "header": {
                "parent_body": head.parent_body,
                "issuing_body": head.issuing_body,
                "issuing_body_short": head.issuing_body_short,
                "place": head.place,
                "signer_prefix": head.signer_prefix,
                "signer_title": head.signer_title,
                "signer_name": head.signer_name,
                "unit_code": _unit_code(petition),
            },
        },
    )


def issued(petition: Petition) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        verb=ISSUED, object_type="feedback.petition", object_id=str(petition.pk)
    ).order_by("id")


@dataclass(frozen=True)
class IssuedDocument:
    pk: int
    document: str
    label: str
    number: str
    issued_on: dt.date
    actor: str


def listing(petition: Petition) -> list[IssuedDocument]:
    """The documents issued for the petition page (newest last)."""
    out = []
    for e in issued(petition):
        data = e.data or {}
        document = str(data.get("document", ""))
        if document not in LABELS:
            continue
        out.append(
            IssuedDocument(
                pk=e.pk,
                document=document,
                label=LABELS[document],
                number=str(data.get("number", "")),
                issued_on=dt.date.fromisoformat(str(data.get("issued_on"))),
                actor=e.actor_name,
            )
        )
    return out


def file_stem(petition: Petition, event: AuditEvent) -> str:
    return f"{STEMS[str(event.data['document'])]}-{petition.code}"


# --- the texts -----------------------------------------------------------------------------------


class _Person:
    """The requester as the document prints them: in full for those who handle the petition, masked
    for the other readers (the petition page hides contact details from them too)."""

    def __init__(self, petition: Petition, personal: bool) -> None:
        self.p, self.personal = petition, personal
        self.name = petition.citizen_name if personal else mask_name(petition.citizen_name)

    def field(self, value: str) -> str:
        return value if self.personal or not value else HIDDEN

    def text(self, value: str) -> str:
        return value if self.personal else mask_personal(value, [self.p.citizen_name])


def _lines(text: str) -> list[Block]:
    return [Block(line.strip()) for line in text.splitlines() if line.strip()]


def _received(petition: Petition, who: _Person) -> str:
    at = timezone.localtime(petition.received_at)
    return (
        f"Ngày {at:%d/%m/%Y}, {petition.unit.name} nhận được yêu cầu giải trình của Ông/Bà {who.name} "
        f"(mã theo dõi {petition.code}) về nội dung: {who.text(petition.title)}."
    )


def _acceptance(petition: Petition, data: dict[str, Any], who: _Person) -> list[Block]:
    from cchc.feedback.replies import tracking_url

    due = dt.date.fromisoformat(data["due_on"]) if data.get("due_on") else None
    blocks = [
        Block(ND59),
        Block(_received(petition, who)),
        Block(
            f"Xét yêu cầu giải trình thuộc trách nhiệm giải trình của {petition.unit.name}, "
            f"{petition.unit.name} thông báo tiếp nhận yêu cầu giải trình của Ông/Bà."
        ),
        Block(
            "Thời hạn giải trình là 15 ngày kể từ ngày ra thông báo tiếp nhận"
            + (f", tức là đến hết ngày {due:%d/%m/%Y}" if due else "")
            + ". Trường hợp nội dung phức tạp, thời hạn có thể được gia hạn một lần, không quá 15 ngày; "
            "việc gia hạn được thông báo bằng văn bản (Nghị định 59/2019/NĐ-CP, Điều 13)."
        ),
        Block(
            f"Ông/Bà theo dõi việc giải trình tại {tracking_url()} với mã theo dõi {petition.code} "
            "và số điện thoại đã cung cấp."
        ),
    ]
    return blocks


def _refusal(petition: Petition, data: dict[str, Any], who: _Person) -> list[Block]:
    reason = who.text(str(data.get("reason") or petition.outcome_note)).strip().rstrip(".")
    return [
        Block(ND59),
        Block(_received(petition, who)),
        Block(f"{petition.unit.name} từ chối yêu cầu giải trình của Ông/Bà. Lý do: {reason}."),
        Block("Ông/Bà có thể liên hệ cơ quan để được hướng dẫn nếu có nội dung cần làm rõ."),
    ]


def _explanation(petition: Petition, data: dict[str, Any], who: _Person) -> list[Block]:
    answer = Answer.objects.filter(pk=int(data.get("answer") or 0), petition=petition).first()
    text = answer.text if answer else ""
    legal_basis = answer.legal_basis if answer else ""
    meetings = answer.meeting_results if answer else ""
    at = timezone.localtime(petition.received_at)
    person = [
        Block(f"Họ và tên: {who.name}"),
        Block(f"Địa chỉ: {who.field(petition.citizen_address) or '—'}"),
        Block(f"Điện thoại: {who.field(petition.citizen_phone) or '—'}"),
    ]
    if petition.citizen_email:
        person.append(Block(f"Thư điện tử: {who.field(petition.citizen_email)}"))
    if petition.citizen_id_number:
        person.append(Block(f"Số định danh cá nhân: {who.field(petition.citizen_id_number)}"))
    return [
        Block(ND59),
        Block(
            f"{petition.unit.name} giải trình yêu cầu của Ông/Bà (mã theo dõi {petition.code}, "
            f"tiếp nhận ngày {at:%d/%m/%Y}) như sau:"
        ),
        Block("1. Thông tin người yêu cầu giải trình", heading=True),
        *person,
        Block("2. Nội dung yêu cầu giải trình", heading=True),
        *_lines(who.text(petition.text)),
        Block("3. Kết quả làm việc trực tiếp với người yêu cầu giải trình", heading=True),
        *(_lines(who.text(meetings)) or [Block("Không tổ chức làm việc trực tiếp.")]),
        Block("4. Căn cứ pháp lý", heading=True),
        *(_lines(who.text(legal_basis)) or [Block("—")]),
        Block("5. Nội dung giải trình", heading=True),
        *_lines(who.text(text)),
        Block(f"Trên đây là nội dung giải trình của {petition.unit.name} gửi Ông/Bà."),
    ]


TITLES = {
    ACCEPTANCE: ("THÔNG BÁO", "Về việc tiếp nhận yêu cầu giải trình"),
    REFUSAL: ("THÔNG BÁO", "Về việc từ chối yêu cầu giải trình"),
    EXPLANATION: ("VĂN BẢN GIẢI TRÌNH", ""),
}
BODIES = {ACCEPTANCE: _acceptance, REFUSAL: _refusal, EXPLANATION: _explanation}


def build(petition: Petition, event: AuditEvent, *, personal: bool) -> OfficialDocument:
    """The document as issued. ``personal``: whether the reader may see the requester's contact
    details (``queries.may_see_contact``); if not, they are masked and the copy says so."""
    data = event.data or {}
    document = str(data["document"])
    header = data.get("header") or {}
    who = _Person(petition, personal)
    title, summary = TITLES[document]
    if document == EXPLANATION:
        summary = f"Về việc {who.text(petition.title)}"
    return OfficialDocument(
        parent_body=header.get("parent_body", ""),
        issuing_body=header.get("issuing_body", ""),
        number=str(data.get("number", "")),
        place=header.get("place", ""),
        issued_on=dt.date.fromisoformat(str(data["issued_on"])),
        title=title,
        summary=summary,
        addressee=f"Ông/Bà {who.name}",
        address=who.field(petition.citizen_address),
        blocks=BODIES[document](petition, data, who),
        recipients=["Như trên", f"Lưu: VT, {header.get('unit_code', '')}"],
        signer_prefix=header.get("signer_prefix", ""),
        signer_title=header.get("signer_title", ""),
        signer_name=header.get("signer_name", ""),
        doc_title=f"{LABELS[document]} — {petition.code}",
        doc_subject=FORM_REFS[document],
        footnote="" if personal else HIDDEN_NOTE,
    )
