"""What may be published of a petition: only with the citizen's consent, with personal data masked.

``suggest`` proposes masked texts (the citizen's name, phone numbers, ID numbers and e-mail addresses
replaced); staff review them; ``check_public_texts`` refuses to publish a text in which the citizen's
name, phone, e-mail, address or ID number still appears, whatever staff typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from cchc.feedback.models import Petition
from cchc.feedback.text import mask_personal


@dataclass(frozen=True)
class PublicTexts:
    title: str
    text: str
    answer: str


def suggest(petition: Petition, answer_text: str) -> PublicTexts:
    names = [petition.citizen_name]
    return PublicTexts(
        title=mask_personal(petition.title, names),
        text=mask_personal(petition.text, names),
        answer=mask_personal(answer_text, names),
    )


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def leaks(petition: Petition, *texts: str) -> list[str]:
    """Which of the citizen's personal data appear in ``texts`` (labels, for the error message)."""
    joined = "\n".join(texts)
    lowered = joined.lower()
    found = []
    name = " ".join(petition.citizen_name.split())
    words = name.split()
    if name and name in joined:
        found.append("họ tên người gửi")
    elif len(words) >= 3 and " ".join(words[1:]) in joined:
        found.append("tên người gửi")
    digits = _digits(joined)
    if petition.citizen_phone and len(petition.citizen_phone) >= 8 and petition.citizen_phone[-8:] in digits:
        found.append("số điện thoại")
    if (
        petition.citizen_id_number
        and len(petition.citizen_id_number) >= 6
        and _digits(petition.citizen_id_number) in digits
    ):
        found.append("số định danh")
    if petition.citizen_email and petition.citizen_email.lower() in lowered:
        found.append("thư điện tử")
    if (
        petition.citizen_address
        and len(petition.citizen_address) >= 8
        and petition.citizen_address.lower() in lowered
    ):
        found.append("địa chỉ liên hệ")
    return found


def check_public_texts(petition: Petition, title: str, text: str, answer: str) -> None:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["public_title"] = "Cần tiêu đề công khai."
    if len(text.strip()) < 10:
        errors["public_text"] = "Cần nội dung phản ánh công khai (đã ẩn thông tin cá nhân)."
    if len(answer.strip()) < 10:
        errors["public_answer"] = "Cần nội dung trả lời công khai."
    if errors:
        raise ValidationError(errors)
    found = leaks(petition, title, text, answer)
    if found:
        raise ValidationError(
            {
                "public_text": "Nội dung công khai còn thông tin cá nhân của người gửi ("
                + ", ".join(found)
                + "); "
                "vui lòng thay bằng [đã ẩn]."
            }
        )
