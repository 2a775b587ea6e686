"""What the phone answers say: short sentences a speech engine reads to a caller, each with its plain-text
twin for a screen or an SMS. Numbers, dates, times and telephone numbers are written out in words
(``lib.vnspeech``), because an engine reading "15/08/2026" says "mười lăm gạch không tám…".

Nothing here names the applicant: the answer says what is happening to the dossier, when the result is
due, what is missing and whom to call — never who filed it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from cchc.dossiers import handbook
from cchc.dossiers.models import OnlineLevel, Procedure, Status
from cchc.dossiers.queries import PublicDossier
from cchc.lib.vnspeech import date_text, date_words, digits_words, number_words, time_words


@dataclass
class Answer:
    """Sentences in two forms: ``speech`` for the engine, ``text`` with figures for reading."""

    speech: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def say(self, speech: str, text: str | None = None) -> None:
        self.speech.append(speech)
        self.text.append(speech if text is None else text)

    @property
    def spoken(self) -> str:
        return " ".join(self.speech)

    @property
    def plain(self) -> str:
        return " ".join(self.text)


def _local(at: dt.datetime) -> dt.datetime:
    return timezone.localtime(at)


def _when(at: dt.datetime) -> tuple[str, str]:
    """ "ngày … tháng … năm …, lúc … giờ …" and "15/08/2026, lúc 16:30"."""
    local = _local(at)
    spoken = date_words(local.date())
    plain = date_text(local.date())
    if local.time() != dt.time(0, 0):
        spoken += f", lúc {time_words(local.time().replace(second=0, microsecond=0))}"
        plain += f", lúc {local:%H:%M}"
    return spoken, plain


def _day(at: dt.datetime) -> tuple[str, str]:
    day = _local(at).date()
    return date_words(day), date_text(day)


def _subject(procedure_name: str) -> str:
    """ "Thủ tục đăng ký khai sinh" → "đăng ký khai sinh"; "Cấp giấy phép…" → "cấp giấy phép…"."""
    name = procedure_name.strip()
    if name.casefold().startswith("thủ tục "):
        name = name[len("thủ tục ") :]
    return name[:1].lower() + name[1:]


def dossier_answer(d: PublicDossier, now: dt.datetime | None = None) -> Answer:
    now = now or timezone.now()
    a = Answer()
    subject = f"Hồ sơ {_subject(d.procedure_name)}"
    due = d.new_appointment_at or d.shifted_appointment_at or d.appointment_at
    status = d.status_code
    if status == Status.SUBMITTED:
        a.say(f"{subject} mới được đăng ký, chưa được tiếp nhận.")
    elif status in (Status.RECEIVED, Status.PROCESSING, Status.FINANCIAL):
        a.say(f"{subject} đang được giải quyết tại {d.handling_unit}.")
        if status == Status.FINANCIAL:
            a.say("Hồ sơ đang chờ ông bà nộp phí, lệ phí hoặc thực hiện nghĩa vụ tài chính.")
        if d.new_appointment_at:
            spoken, plain = _when(d.new_appointment_at)
            a.say(
                f"Hồ sơ đã trễ hẹn; cơ quan đã xin lỗi và hẹn trả kết quả vào {spoken}.",
                f"Hồ sơ đã trễ hẹn; cơ quan đã xin lỗi và hẹn trả kết quả vào {plain}.",
            )
        elif due and due < now:
            spoken, plain = _day(due)
            a.say(
                f"Hồ sơ đã quá ngày hẹn trả kết quả là {spoken}.",
                f"Hồ sơ đã quá ngày hẹn trả kết quả là {plain}.",
            )
        elif due:
            spoken, plain = _when(due)
            a.say(f"Ngày hẹn trả kết quả là {spoken}.", f"Ngày hẹn trả kết quả là {plain}.")
    elif status == Status.SUPPLEMENT:
        a.say(f"{subject} cần bổ sung giấy tờ.")
        if d.missing:
            a.say(f"Nội dung cần bổ sung: {d.missing.rstrip('.')}.")
        a.say(f"Vui lòng nộp bổ sung tại {d.receiving_unit}; ngày hẹn trả sẽ được tính lại sau khi bổ sung.")
    elif status == Status.PROCESSED:
        a.say(f"{subject} đã giải quyết xong.")
        a.say(f"Mời ông bà đến nhận kết quả tại {d.receiving_unit}.")
    elif status == Status.RETURNED:
        if d.returned_at:
            spoken, plain = _day(d.returned_at)
            a.say(f"{subject} đã trả kết quả {spoken}.", f"{subject} đã trả kết quả {plain}.")
        else:
            a.say(f"{subject} đã trả kết quả.")
    elif status == Status.REFUSED:
        a.say(f"{subject} không được tiếp nhận.")
    elif status == Status.WITHDRAWN:
        a.say(f"{subject} đã được rút theo yêu cầu.")
    elif status == Status.STOPPED:
        a.say(f"{subject} đã dừng xử lý.")
    else:
        a.say(f"{subject}: {d.status}.")
    contact(a, d.contact_unit, d.contact_phone)
    return a


def contact(a: Answer, unit: str, phone: str) -> None:
    if not unit:
        return
    if phone.strip():
        a.say(
            f"Cần hỏi thêm, vui lòng gọi {unit} theo số {digits_words(phone)}.",
            f"Cần hỏi thêm, vui lòng gọi {unit} theo số {phone.strip()}.",
        )
    else:
        a.say(f"Cần hỏi thêm, vui lòng liên hệ {unit}.")


def procedure_answer(p: Procedure) -> Answer:
    a = Answer()
    a.say(f"Thủ tục {_subject(p.name)}.")
    limit, limit_plain = handbook.limit_words(p), handbook.limit_text(p)
    if limit:
        a.say(f"Thời hạn giải quyết là {limit}.", f"Thời hạn giải quyết là {limit_plain}.")
    fees = handbook.fees(p)
    if fees:
        for fee in fees:
            a.say(f"{fee.name}: {fee.words}.", f"{fee.name}: {fee.text}.")
    else:
        a.say("Không mất phí, lệ phí.")
    documents = handbook.documents(p)
    if documents:
        first = documents[0]["name"]
        first = first[:1].lower() + first[1:]
        a.say(
            f"Hồ sơ gồm {number_words(len(documents))} loại giấy tờ, đầu tiên là {first}.",
            f"Hồ sơ gồm {len(documents)} loại giấy tờ, đầu tiên là {first}.",
        )
    offices = handbook.offices(p)
    if p.submit_where:
        a.say(p.submit_where.splitlines()[0].strip())
    elif offices:
        a.say(f"Nộp hồ sơ tại {offices[0].name}.")
    if p.online_level != OnlineLevel.NONE:
        a.say("Có thể nộp trực tuyến trên Cổng Dịch vụ công quốc gia.")
    if offices:
        contact(a, offices[0].name, offices[0].phone)
    return a


NOT_FOUND_DOSSIER = (
    "Không tìm thấy hồ sơ khớp với mã hồ sơ và số điện thoại đã cho. Vui lòng kiểm tra lại mã hồ sơ "
    "ghi trên giấy tiếp nhận hồ sơ và hẹn trả kết quả, và số điện thoại đã khai khi nộp hồ sơ."
)
NOT_FOUND_PROCEDURE = (
    "Không tìm thấy thủ tục có mã này. Vui lòng kiểm tra lại mã thủ tục, hoặc tra cứu trong sổ tay thủ "
    "tục hành chính trên cổng thông tin."
)
TOO_MANY = (
    "Bạn đã tra cứu quá nhiều lần trong một giờ. Vui lòng gọi lại sau, hoặc liên hệ Bộ phận một cửa nơi "
    "nộp hồ sơ."
)
MISSING = "Vui lòng cho biết mã hồ sơ và số điện thoại đã khai khi nộp hồ sơ."
