"""The Zalo Official Account's webhook: a citizen writes to the OA and gets the phone bot's answer.

Zalo posts each event as JSON with the header ``X-ZEvent-Signature: mac=<hex>``, where the mac is the
SHA-256 of the app id, the raw body, the event's ``timestamp`` and the OA secret key, in that order.
Everything is refused with 403 and nothing processed unless that mac matches (and the event is fresh,
``CCHC_ZALO_WEBHOOK_MAX_AGE_SECONDS``); a body over 64 KB is refused with 413 before it is read, one that
is not UTF-8 JSON, is nested deeper than a Zalo event or holds a NUL with 400.

A text (``user_send_text``) holding a dossier code and the phone declared when filing gets the dossier's
answer, one holding a procedure code (``1.004227``) the procedure's — the very sentences of the phone
bot (``callbot_answers``), in their written form, under the look-up's limits (per Zalo user, and wrong
answers per code + phone pair; a wrong phone answers exactly like an unknown code). Anything else gets a
short guide. The answer leaves through ``notify`` on the ``zalo_oa`` channel, from the worker after the
commit, with the event's message id as its dedupe key: Zalo resending an event (it retries for hours
when not answered 200 at once) never answers twice. The citizen's text is not stored.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.request import RawPostDataException
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from cchc.core import ratelimit
from cchc.dossiers import handbook
from cchc.dossiers.queries import public_lookup
from cchc.notify.actions import send
from cchc.portal import callbot_answers as answers
from cchc.portal.views import RATE_WINDOW_SECONDS, count_wrong_pair, lookup_rate, pair_refused

MAX_BODY = 64 * 1024
MAX_DEPTH = 8
MAX_TEXT = 500
PROCEDURE_CODE = re.compile(r"^\d{1,2}\.\d{6}$")
HELP = (
    "Để tra cứu hồ sơ, vui lòng gửi mã hồ sơ và số điện thoại đã khai khi nộp, cách nhau một dấu cách, "
    "ví dụ: H01.23-240101-0001 0912345678. Để hỏi một thủ tục, gửi mã thủ tục, ví dụ: 1.004227."
)


def _refuse(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": status, "message": message}, status=status)


def _depth(value: Any, level: int = 1) -> int:
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max([level, *(_depth(v, level + 1) for v in value.values())])
    if isinstance(value, list):
        return max([level, *(_depth(v, level + 1) for v in value)])
    return level


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def expected_mac(app_id: str, body: str, timestamp: str, secret: str) -> str:
    return hashlib.sha256(f"{app_id}{body}{timestamp}{secret}".encode()).hexdigest()


def _signature(request: HttpRequest) -> str | None:
    header = request.headers.get("X-ZEvent-Signature", "").strip()
    if not header.startswith("mac="):
        return None
    mac = header[4:].strip().lower()
    if len(mac) != 64 or any(c not in "0123456789abcdef" for c in mac):
        return None
    return mac


@csrf_exempt
@require_POST
def receive(request: HttpRequest) -> HttpResponse:
    app_id, secret = settings.CCHC_ZALO_APP_ID, settings.CCHC_ZALO_OA_SECRET_KEY
    mac = _signature(request)
    if not app_id or not secret or mac is None:
        return _refuse(403, "Chữ ký sự kiện Zalo (X-ZEvent-Signature) thiếu hoặc sai dạng.")
    try:
        length = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        length = MAX_BODY + 1
    if length > MAX_BODY:
        return _refuse(413, "Nội dung sự kiện quá lớn (tối đa 64 KB).")
    try:
        raw = request.read(MAX_BODY + 1)
    except RawPostDataException:  # already read as a form: Zalo posts JSON
        return _refuse(415, "Sự kiện Zalo phải gửi dạng JSON (Content-Type: application/json).")
    if len(raw) > MAX_BODY:
        return _refuse(413, "Nội dung sự kiện quá lớn (tối đa 64 KB).")
    try:
        body = raw.decode("utf-8")
        event = json.loads(body)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return _refuse(400, "Nội dung sự kiện phải là JSON hợp lệ, mã hoá UTF-8.")
    if not isinstance(event, dict) or _depth(event) > MAX_DEPTH or _has_nul(event):
        return _refuse(
            400, "Nội dung sự kiện không đúng dạng sự kiện Zalo (lồng quá sâu hoặc chứa ký tự NUL)."
        )
    timestamp = event.get("timestamp")
    if not isinstance(timestamp, str | int) or isinstance(timestamp, bool):
        return _refuse(403, "Sự kiện Zalo thiếu thời điểm (timestamp).")
    if not hmac.compare_digest(mac, expected_mac(app_id, body, str(timestamp), secret)):
        return _refuse(403, "Chữ ký sự kiện Zalo không khớp.")
    try:
        at_seconds = int(str(timestamp)) / 1000
    except ValueError:
        return _refuse(403, "Thời điểm sự kiện Zalo không đọc được.")
    if abs(time.time() - at_seconds) > settings.CCHC_ZALO_WEBHOOK_MAX_AGE_SECONDS:
        return _refuse(403, "Sự kiện Zalo quá cũ hoặc sai giờ.")
    _handle(event)
    return JsonResponse({"error": 0, "message": "Success"})


def _handle(event: dict[str, Any]) -> None:
    if event.get("event_name") != "user_send_text":
        return
    sender = event.get("sender")
    message = event.get("message")
    if not isinstance(sender, dict) or not isinstance(message, dict):
        return
    user_id, text, msg_id = sender.get("id"), message.get("text"), message.get("msg_id")
    if not all(isinstance(v, str) and v.strip() for v in (user_id, text, msg_id)):
        return
    assert isinstance(user_id, str) and isinstance(text, str) and isinstance(msg_id, str)
    if len(user_id) > 64 or len(msg_id) > 120:
        return
    reply = answer_text(user_id, text)
    with transaction.atomic():
        send(
            "zalo_oa",
            user_id,
            "",
            reply,
            dedupe_key=f"zalo:in:{msg_id}",
            object_type="zalo.question",
            object_id=msg_id[:64],
            in_worker=True,  # Zalo wants its 200 at once; the worker sends the answer
        )


def answer_text(user_id: str, text: str) -> str:
    """The answer to one message, in the phone bot's written form."""
    words = text[:MAX_TEXT].split()
    phones = [w for w in words if _phone_like(w)]
    others = [w for w in words if not _phone_like(w)]
    procedures = [w for w in others if PROCEDURE_CODE.match(w)]
    if procedures and not phones:
        p = handbook.by_code(procedures[0])
        return answers.procedure_answer(p).plain if p is not None else answers.NOT_FOUND_PROCEDURE
    codes = [w for w in others if any(c.isdigit() for c in w) and len(w) <= 64]
    if not phones or not codes:
        return HELP
    code, phone = codes[0], phones[0]
    if ratelimit.over_limit(
        f"cchc:lookup:zalo:{ratelimit.hashed(user_id)}", lookup_rate(), RATE_WINDOW_SECONDS
    ) or pair_refused(code, phone):
        return answers.TOO_MANY
    found = public_lookup(code, phone)
    if found is None:
        count_wrong_pair(code, phone)
        return answers.NOT_FOUND_DOSSIER
    return answers.dossier_answer(found, timezone.now()).plain


def _phone_like(word: str) -> bool:
    digits = word.replace(".", "").replace("-", "").removeprefix("+")
    return digits.isdigit() and 9 <= len(digits) <= 12
