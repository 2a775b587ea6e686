"""Answers for a phone bot (CALLBOT): ``/callbot/v1/``, OpenAPI at ``/callbot/v1/openapi.json``.

A caller keys in the dossier code from the receipt and the phone number declared when filing — the same
pair the public look-up asks for (``dossiers.queries.public_lookup``), under the same limits (per
requester address, and wrong answers per code + phone pair; ``portal.views.lookup_refused``). A wrong
phone gets exactly the answer of an unknown code, so the bot cannot be used to learn which codes exist.
A procedure code answers the time limit, the fees, where and how to submit — public facts, no secret.

Each answer comes three ways: ``speech`` (numbers, dates and telephone numbers in words, for the speech
engine), ``text`` (the same sentences with figures) and the structured facts. No answer names the
applicant. docs/channels.md is the guide.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.request import RawPostDataException
from django.urls import reverse
from django.utils import timezone
from ninja import Field, NinjaAPI, Schema, Status
from ninja.errors import HttpError, ValidationError

from cchc.dossiers import handbook
from cchc.dossiers.queries import public_lookup
from cchc.portal import callbot_answers as answers
from cchc.portal.views import count_wrong_pair, lookup_refused

api = NinjaAPI(
    title="Trả lời tự động qua điện thoại (CALLBOT) — CCHC",
    version="1.0.0",
    description=(
        "Câu trả lời ngắn bằng tiếng Việt cho tổng đài tự động: trạng thái hồ sơ, ngày hẹn trả, giấy tờ "
        "cần bổ sung, số điện thoại cần gọi; thời hạn, phí, nơi nộp của một thủ tục. Mỗi câu trả lời có "
        "bản để đọc bằng giọng nói (số, ngày viết bằng chữ), bản chữ và dữ liệu có cấu trúc. Không trả "
        "thông tin cá nhân của người nộp. Hướng dẫn: docs/channels.md."
    ),
    urls_namespace="callbot",
)


class DossierQuestion(Schema):
    code: str = Field(..., min_length=1, max_length=64, description="Mã hồ sơ ghi trên giấy tiếp nhận")
    phone: str = Field(
        ..., min_length=1, max_length=20, description="Số điện thoại người nộp đã khai khi nộp hồ sơ"
    )


class DossierFacts(Schema):
    code: str
    status: str = Field(description="Trạng thái theo danh mục quốc gia")
    status_code: int = Field(description="TrangThaiHoSo (1–10)")
    procedure: str
    handling_unit: str
    appointment_date: dt.date | None = Field(description="Ngày hẹn trả đang áp dụng")
    late_apology_date: dt.date | None = Field(description="Ngày hẹn mới theo phiếu xin lỗi, nếu có")
    missing: str = Field(description="Nội dung cần bổ sung, khi hồ sơ chờ bổ sung")
    contact_unit: str
    contact_phone: str


class FeeFacts(Schema):
    name: str
    amount: int | None


class ProcedureFacts(Schema):
    code: str
    name: str
    time_limit: str
    fees: list[FeeFacts]
    where: str
    online_level: str
    online_url: str
    handbook_url: str


class DossierAnswer(Schema):
    found: bool
    speech: str = Field(description="Để đọc bằng giọng nói: số, ngày, số điện thoại viết bằng chữ")
    text: str = Field(description="Cùng nội dung, số và ngày viết bằng chữ số")
    dossier: DossierFacts | None = None


class ProcedureAnswer(Schema):
    found: bool
    speech: str
    text: str
    procedure: ProcedureFacts | None = None


class Refusal(Schema):
    detail: str
    speech: str


def refusal(request: HttpRequest, status: int, message: str) -> HttpResponse:
    return api.create_response(request, {"detail": message, "speech": message}, status=status)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = []
    for err in exc.errors:
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "payload", "path", "query")]
        fields.append({"code": "mã hồ sơ", "phone": "số điện thoại"}.get(loc[-1] if loc else "", "nội dung"))
    named = ", ".join(dict.fromkeys(fields)) or "nội dung"
    return refusal(
        request, 422, f"Thiếu hoặc sai {named}: mã hồ sơ tối đa 64 ký tự, số điện thoại tối đa 20."
    )


@api.exception_handler(RawPostDataException)
def _form_body(request: HttpRequest, exc: RawPostDataException) -> HttpResponse:
    # A form-encoded body was already read as a form (by the hostile-input check); the bot speaks JSON.
    return refusal(request, 415, "Nội dung phải gửi dạng JSON (Content-Type: application/json).")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = str(exc)
    if exc.status_code == 400:
        message = "Nội dung yêu cầu không đọc được: cần JSON hợp lệ, mã hoá UTF-8."
    return refusal(request, exc.status_code, message)


@api.post(
    "/ho-so",
    response={200: DossierAnswer, 404: DossierAnswer, 429: Refusal, 400: Refusal, 415: Refusal, 422: Refusal},
    operation_id="TraLoiHoSo",
    summary="Trạng thái một hồ sơ, bằng câu nói",
    description=(
        "Mã hồ sơ và số điện thoại người nộp đều phải khớp. Sai một trong hai: 404 với cùng câu trả lời "
        "«không tìm thấy». Tra quá nhiều lần trong một giờ (theo địa chỉ gọi, hoặc sai nhiều lần cùng một "
        "cặp mã và số điện thoại): 429."
    ),
)
def dossier(request: HttpRequest, payload: DossierQuestion) -> Status[Any]:
    code, phone = payload.code.strip(), payload.phone.strip()
    if not code or not phone:
        return Status(422, {"detail": answers.MISSING, "speech": answers.MISSING})
    if lookup_refused(request, code, phone):
        return Status(429, {"detail": answers.TOO_MANY, "speech": answers.TOO_MANY})
    found = public_lookup(code, phone)
    if found is None:
        count_wrong_pair(code, phone)
        return Status(
            404, {"found": False, "speech": answers.NOT_FOUND_DOSSIER, "text": answers.NOT_FOUND_DOSSIER}
        )
    said = answers.dossier_answer(found, timezone.now())
    due = found.new_appointment_at or found.shifted_appointment_at or found.appointment_at
    facts = {
        "code": found.code,
        "status": found.status,
        "status_code": found.status_code,
        "procedure": found.procedure_name,
        "handling_unit": found.handling_unit,
        "appointment_date": timezone.localtime(due).date() if due else None,
        "late_apology_date": (
            timezone.localtime(found.new_appointment_at).date() if found.new_appointment_at else None
        ),
        "missing": found.missing,
        "contact_unit": found.contact_unit,
        "contact_phone": found.contact_phone,
    }
    return Status(200, {"found": True, "speech": said.spoken, "text": said.plain, "dossier": facts})


@api.get(
    "/thu-tuc/{code}",
    response={200: ProcedureAnswer, 404: ProcedureAnswer, 400: Refusal},
    operation_id="TraLoiThuTuc",
    summary="Thời hạn, phí, nơi nộp của một thủ tục, bằng câu nói",
    description=(
        "Mã thủ tục theo Cơ sở dữ liệu quốc gia về thủ tục hành chính, ví dụ 1.009994. Không có: 404."
    ),
)
def procedure(request: HttpRequest, code: str) -> Status[Any]:
    p = handbook.by_code(code)
    if p is None:
        return Status(
            404, {"found": False, "speech": answers.NOT_FOUND_PROCEDURE, "text": answers.NOT_FOUND_PROCEDURE}
        )
    said = answers.procedure_answer(p)
    offices = handbook.offices(p)
    facts = {
        "code": p.national_code,
        "name": p.name,
        "time_limit": handbook.limit_text(p),
        "fees": [{"name": f.name, "amount": f.amount} for f in handbook.fees(p)],
        "where": p.submit_where or (offices[0].name if offices else ""),
        "online_level": p.online_level,
        "online_url": p.online_url if p.online_level != "none" else "",
        "handbook_url": request.build_absolute_uri(reverse("portal:handbook_detail", args=[p.national_code])),
    }
    return Status(200, {"found": True, "speech": said.spoken, "text": said.plain, "procedure": facts})
