"""The apology letter (docs/rules/late-dossiers.md) as DOCX and PDF, in the Nghị định 30/2020 layout
(docs/rules/official-documents.md).

Two forms, chosen by the dossier's legal basis (docs/rules/late-dossiers.md, "The apology letter"):

- ND 61/2018 → TT 01/2018 mẫu 04 "Phiếu xin lỗi và hẹn lại ngày trả kết quả";
- ND 118/2025 → TT 03/2025 mẫu 04 "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết".

Fields (docs/rules/late-dossiers.md, practice of provincial templates): issuing unit, số/ký hiệu, V/v line,
place and date, Kính gửi, received date, subject, dossier code, original appointment, the unit that caused the
delay, the apology, the new return date and place, Nơi nhận, signature block.

What the officer chose at issue time (number, signer, return place, recipients) is kept in the
``apology_issued`` DossierEvent, so a letter downloaded later reads as it was issued; the applicant's
personal data is read from the dossier, never copied into events.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils import timezone

from cchc.core.official_documents import Block, OfficialDocument
from cchc.core.official_documents import docx_text as docx_text  # re-exported for callers
from cchc.core.official_documents import render_docx as render_document_docx
from cchc.core.official_documents import render_pdf as render_document_pdf
from cchc.dossiers.models import Apology, ApologyForm, Dossier, DossierEvent, LegalBasis
from cchc.org.letterhead import letterhead, province_of
from cchc.org.models import Unit

APOLOGY_EVENT = "apology_issued"

FORM_TITLES = {
    ApologyForm.TT01_2018: "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
    ApologyForm.TT03_2025: "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
}
FORM_REFS = {
    ApologyForm.TT01_2018: "Mẫu số 04 — Thông tư số 01/2018/TT-VPCP",
    ApologyForm.TT03_2025: "Mẫu số 04 — Thông tư số 03/2025/TT-VPCP",
}
# docs/rules/late-dossiers.md [PRACTICE]: the subject line of the Thanh Hóa template; the ND 118 wording
# follows the TT 03/2025 form name (docs/rules/late-dossiers.md, SECONDARY).
SUBJECTS = {
    ApologyForm.TT01_2018: "V/v xin lỗi đối với hồ sơ giải quyết quá hạn và hẹn lại thời gian trả kết quả",
    ApologyForm.TT03_2025: "V/v xin lỗi và đề nghị gia hạn thời gian giải quyết hồ sơ",
}


def form_for(dossier: Dossier) -> str:
    return ApologyForm.TT03_2025 if dossier.legal_basis == LegalBasis.ND118 else ApologyForm.TT01_2018


# The generic pieces of the ND 30 layout (header, signer, rendering) live in
# cchc.core.official_documents, shared with the petitions' written notices.


@dataclass
class LetterChoices:
    """What the issuing officer may adjust; stored with the issue event."""

    number: str = ""
    parent_body: str = ""
    issuing_body: str = ""
    issuing_body_short: str = ""
    place: str = ""
    return_place: str = ""
    recipients: list[str] = field(default_factory=list)
    signer_prefix: str = ""
    signer_title: str = ""
    signer_name: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def suggested_number(unit: Unit, year: int) -> str:
    issued = Apology.objects.filter(dossier__handling_unit=unit, issued_at__year=year).count()
    return f"{issued + 1:02d}/PXL-{unit.abbreviation or unit.code}"


def default_choices(dossier: Dossier, on: dt.date | None = None) -> LetterChoices:
    """The letter's header, return place, recipients and signer as the organisation data suggest."""
    on = on or timezone.localdate()
    unit = dossier.handling_unit
    receiving = dossier.receiving_unit
    head = letterhead(unit, on)
    province = province_of(unit.jurisdiction)
    recipients = ["Như trên"]
    if receiving.pk != unit.pk:
        recipients.append(f"{receiving.name} (để phối hợp)")
    if province is not None:
        recipients.append(f"Văn phòng UBND {province.name.replace('Tỉnh ', 'tỉnh ')} (để b/c)")
    recipients.append(f"Lưu: VT, {unit.abbreviation or unit.code}")
    return_place = receiving.name + (f", {receiving.address}" if receiving.address else "")
    return LetterChoices(
        number=suggested_number(unit, on.year),
        parent_body=head.parent_body,
        issuing_body=head.issuing_body,
        issuing_body_short=head.issuing_body_short,
        place=head.place,
        return_place=return_place,
        recipients=recipients,
        signer_prefix=head.signer_prefix,
        signer_title=head.signer_title,
        signer_name=head.signer_name,
    )


@dataclass
class LetterData:
    form: str
    title: str
    form_ref: str
    subject: str
    choices: LetterChoices
    issued_on: dt.date
    addressee: str
    address: str
    dossier_code: str
    procedure_name: str
    summary: str
    received_at: dt.datetime | None
    original_appointment: dt.datetime | None
    responsible_unit: str
    reason: str
    new_appointment: dt.datetime
    paragraphs: list[str]

    @property
    def number_line(self) -> str:
        return f"Số: {self.choices.number or '……/……'}"

    @property
    def place_date_line(self) -> str:
        d = self.issued_on
        return f"{self.choices.place}, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"

    @property
    def recipient_lines(self) -> list[str]:
        items = self.choices.recipients
        return [f"- {item}{'.' if i == len(items) - 1 else ';'}" for i, item in enumerate(items)]


def _when(value: dt.datetime | None, with_time: bool = True) -> str:
    if value is None:
        return "—"
    local = timezone.localtime(value)
    day = f"ngày {local.day:02d}/{local.month:02d}/{local.year}"
    return f"{local.hour:02d} giờ {local.minute:02d} phút, {day}" if with_time else day


def _choices_for(apology: Apology) -> LetterChoices:
    event = (
        DossierEvent.objects.filter(
            dossier_id=apology.dossier_id, kind=APOLOGY_EVENT, data__apology=apology.pk
        )
        .order_by("-id")
        .first()
    )
    stored = (event.data or {}).get("letter") if event else None
    if isinstance(stored, dict):
        known = LetterChoices.__dataclass_fields__
        return LetterChoices(**{k: v for k, v in stored.items() if k in known})
    return default_choices(apology.dossier, timezone.localtime(apology.issued_at).date())


# Organisations by applicant type (LoaiDoiTuong: 1 citizen, 2 enterprise, 3 state agency, 4 other
# organisation): how the letter names them after "Kính gửi" and then calls them.
_ORGANISATION_YOU = {2: "Quý doanh nghiệp", 3: "Quý cơ quan", 4: "Quý tổ chức"}
# When the type was not sent, a name that starts with one of these is an organisation's.
_ORGANISATION_NAMES = (
    ("công ty", "Quý Công ty"),
    ("doanh nghiệp", "Quý doanh nghiệp"),
    ("hợp tác xã", "Quý Hợp tác xã"),
    ("chi nhánh", "Quý đơn vị"),
    ("văn phòng đại diện", "Quý đơn vị"),
)


def addressing(name: str, applicant_type: int | None) -> tuple[str, str]:
    """(the addressee after "Kính gửi:", how the letter then calls them): "Ông/Bà Nguyễn Văn An" and
    "Ông/Bà" for a person; a company by its own name ("Công ty TNHH Biển Xanh") and "Quý Công ty"."""
    name = (name or "").strip()
    folded = name.casefold()
    for prefix, you in _ORGANISATION_NAMES:
        if folded.startswith(prefix):
            return name, you
    if applicant_type in _ORGANISATION_YOU and name:
        return name, _ORGANISATION_YOU[applicant_type]
    return (f"Ông/Bà {name}" if name else "Ông/Bà"), "Ông/Bà"


def letter_data(apology: Apology) -> LetterData:
    dossier = apology.dossier
    form = apology.form or form_for(dossier)
    choices = _choices_for(apology)
    addressee, you = addressing(dossier.applicant_name, dossier.applicant_type)
    responsible = apology.responsible_unit.name if apology.responsible_unit else apology.responsible_unit_name
    responsible = responsible or choices.issuing_body_short
    body = choices.issuing_body_short or dossier.handling_unit.name
    subject = f"{dossier.procedure.name}" + (f" ({dossier.summary})" if dossier.summary else "")
    paragraphs = [
        f"{body} đã tiếp nhận hồ sơ của {you} vào lúc {_when(dossier.received_at)}, đề nghị giải quyết "
        f"thủ tục: {subject}. Mã hồ sơ: {dossier.code}.",
    ]
    if apology.previous_appointment_at is not None:
        paragraphs.append(
            "Theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả, thời hạn trả kết quả là "
            f"{_when(apology.previous_appointment_at)}."
        )
    paragraphs.append(
        f"Tuy nhiên, hồ sơ của {you} chưa được giải quyết đúng hạn do {responsible} để quá hạn. "
        f"Lý do: {apology.reason.strip().rstrip('.')}."
    )
    where = choices.return_place or dossier.receiving_unit.name
    if form == ApologyForm.TT03_2025:
        paragraphs.append(
            f"{body} thành thật xin lỗi {you} vì sự chậm trễ này và đề nghị gia hạn thời gian giải quyết "
            f"hồ sơ đến {_when(apology.new_appointment_at)}. Kết quả giải quyết được trả tại {where}."
        )
    else:
        paragraphs.append(
            f"{body} thành thật xin lỗi {you} vì sự chậm trễ này và hẹn lại thời gian trả kết quả vào "
            f"{_when(apology.new_appointment_at)} tại {where}."
        )
    paragraphs.append(f"Rất mong nhận được sự thông cảm của {you}.")
    return LetterData(
        form=form,
        title=FORM_TITLES[ApologyForm(form)],
        form_ref=FORM_REFS[ApologyForm(form)],
        subject=SUBJECTS[ApologyForm(form)],
        choices=choices,
        issued_on=timezone.localtime(apology.issued_at).date(),
        addressee=addressee,
        address=dossier.applicant_address,
        dossier_code=dossier.code,
        procedure_name=dossier.procedure.name,
        summary=dossier.summary,
        received_at=dossier.received_at,
        original_appointment=apology.previous_appointment_at,
        responsible_unit=responsible,
        reason=apology.reason,
        new_appointment=apology.new_appointment_at,
        paragraphs=paragraphs,
    )


def file_stem(apology: Apology) -> str:
    return f"phieu-xin-loi-{apology.dossier.code}".replace("/", "-")


# --- DOCX and PDF (the layout is cchc.core.official_documents') -------------------------------


def as_document(data: LetterData) -> OfficialDocument:
    c = data.choices
    return OfficialDocument(
        parent_body=c.parent_body,
        issuing_body=c.issuing_body,
        number=c.number,
        place=c.place,
        issued_on=data.issued_on,
        title=data.title,
        subject=data.subject,
        addressee=data.addressee,
        address=data.address,
        blocks=[Block(text) for text in data.paragraphs],
        recipients=c.recipients,
        signer_prefix=c.signer_prefix,
        signer_title=c.signer_title,
        signer_name=c.signer_name,
        doc_title=f"{data.title} — {data.dossier_code}",
        doc_subject=data.form_ref,
    )


def render_docx(data: LetterData) -> bytes:
    return render_document_docx(as_document(data))


def render_pdf(data: LetterData) -> bytes:
    return render_document_pdf(as_document(data))
