"""Zalo Official Account adapters: template messages (ZNS) to a citizen's phone, with SMS as the
fallback, and customer-care text messages to a Zalo user who wrote to the OA (the webhook's answers).

Both calls follow Zalo's Open API: a JSON ``POST`` with the OA's ``access_token`` header, answered by
``{"error": 0, "message": "Success", "data": {…}}``; any other ``error`` is a failure.

- ZNS (``CCHC_ZALO_ZNS_URL``, by default ``https://business.openapi.zalo.me/message/template``):
  ``{"phone": "849…", "template_id": …, "template_data": {"tieu_de": …, "noi_dung": …}}``. The OA
  registers one template with these two parameters (title, text) and Zalo approves it; its id goes in
  ``CCHC_ZALO_ZNS_TEMPLATE_ID``. A phone without Zalo, an unapproved template, an expired token or a
  gateway that does not answer all fail, and the message then goes out by SMS (the ``sms`` channel).
- OA customer-care messages (``CCHC_ZALO_OA_MESSAGE_URL``, by default
  ``https://openapi.zalo.me/v3.0/oa/message/cs``): ``{"recipient": {"user_id": …}, "message":
  {"text": …}}`` — allowed only in reply to a user who wrote to the OA, which is how the webhook uses it.

docs/zalo.md is the guide.
"""

from __future__ import annotations

import json
import urllib.request
from typing import Any

from django.conf import settings

from cchc.notify.channels import get_channel

ANSWER_LIMIT = 64 * 1024
ZNS_TITLE_LIMIT = 100
ZNS_TEXT_LIMIT = 400
OA_TEXT_LIMIT = 2000


class ZaloError(ConnectionError):
    """Zalo refused or did not answer; the text says why (the code Zalo gave, or the network error)."""


def international_phone(phone: str) -> str:
    """0909 000 111 → 84909000111 (Zalo's form: country code, no plus, no leading zero)."""
    digits = "".join(c for c in phone if c.isdigit())
    if digits.startswith("84"):
        return digits
    if digits.startswith("0"):
        return "84" + digits[1:]
    return digits


def _post(url: str, payload: dict[str, Any]) -> dict[str, Any]:
    token = settings.CCHC_ZALO_ACCESS_TOKEN
    if not url or not token:
        raise ZaloError("Zalo chưa được cấu hình (CCHC_ZALO_ACCESS_TOKEN và địa chỉ gửi tin)")
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST")
    request.add_header("Content-Type", "application/json")
    request.add_header("access_token", token)
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            raw = response.read(ANSWER_LIMIT)
    except OSError as exc:
        raise ZaloError(f"Zalo không trả lời: {exc}") from exc
    try:
        answer = json.loads(raw)
    except ValueError as exc:
        raise ZaloError("Zalo trả lời không phải JSON") from exc
    if not isinstance(answer, dict) or answer.get("error") != 0:
        code = answer.get("error") if isinstance(answer, dict) else None
        message = answer.get("message", "") if isinstance(answer, dict) else ""
        raise ZaloError(f"Zalo từ chối (mã {code}): {message}"[:500])
    return answer


def send_zns(phone: str, title: str, text: str) -> dict[str, Any]:
    template = settings.CCHC_ZALO_ZNS_TEMPLATE_ID
    if not template:
        raise ZaloError("Chưa cấu hình mẫu tin ZNS (CCHC_ZALO_ZNS_TEMPLATE_ID)")
    return _post(
        settings.CCHC_ZALO_ZNS_URL,
        {
            "phone": international_phone(phone),
            "template_id": template,
            "template_data": {"tieu_de": title[:ZNS_TITLE_LIMIT], "noi_dung": text[:ZNS_TEXT_LIMIT]},
        },
    )


class ZaloZnsChannel:
    """The ``zalo`` channel: a ZNS template message to the phone, else the same text by SMS. Returns
    "sms" when the fallback delivered it (recorded on the message as ``delivered_via``); raises only
    when both failed, naming both reasons."""

    def send(self, recipient: str, subject: str, body: str) -> str | None:
        try:
            send_zns(recipient, subject, body)
        except Exception as zalo_failed:  # any Zalo failure falls back to SMS
            try:
                get_channel("sms").send(recipient, subject, body)
            except Exception as sms_failed:
                raise ZaloError(f"{zalo_failed}; SMS: {sms_failed}") from sms_failed
            return "sms"
        return None


class ZaloOaChannel:
    """The ``zalo_oa`` channel: a text message to a Zalo user id (the OA's answers to a citizen who
    wrote to it)."""

    def send(self, recipient: str, subject: str, body: str) -> str | None:
        _post(
            settings.CCHC_ZALO_OA_MESSAGE_URL,
            {"recipient": {"user_id": recipient}, "message": {"text": body[:OA_TEXT_LIMIT]}},
        )
        return None
