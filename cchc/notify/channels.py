"""Delivery channels. E-mail is built in; SMS and Zalo are pluggable (``CCHC_NOTIFY_CHANNELS``).

A channel is any class with a ``send(recipient, subject, body)`` method that raises on failure.
``RecordingChannel`` is the test double: it keeps what it was asked to send.
"""

from __future__ import annotations

import contextlib
import json
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar, Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.test import override_settings
from django.utils.module_loading import import_string


class Channel(Protocol):
    """``send`` raises on failure; it may return the route that delivered the message when it differs
    from the channel's own name (a Zalo message that went out as SMS returns "sms")."""

    def send(self, recipient: str, subject: str, body: str) -> str | None: ...


class EmailChannel:
    def send(self, recipient: str, subject: str, body: str) -> None:
        send_mail(subject, body, None, [recipient])


@dataclass(frozen=True)
class Sent:
    recipient: str
    subject: str
    body: str


class RecordingChannel:
    """Keeps messages in memory instead of sending them (tests, and SMS/Zalo in the demo)."""

    outbox: ClassVar[list[Sent]] = []
    fail_for: ClassVar[set[str]] = set()

    def send(self, recipient: str, subject: str, body: str) -> None:
        if recipient in self.fail_for:
            raise ConnectionError(f"gateway refused {recipient}")
        type(self).outbox.append(Sent(recipient, subject, body))

    @classmethod
    def reset(cls) -> None:
        cls.outbox.clear()
        cls.fail_for.clear()


@contextlib.contextmanager
def messages_recorded() -> Iterator[None]:
    """Every configured channel is the recording one while the block runs. The demo's officials and
    citizens are fictitious: what the demo "sends" is kept in the notifications' rows, shown on the pages
    that list them, and never reaches a mailbox, a phone or a terminal."""
    recording = f"{RecordingChannel.__module__}.{RecordingChannel.__qualname__}"
    with override_settings(CCHC_NOTIFY_CHANNELS=dict.fromkeys(settings.CCHC_NOTIFY_CHANNELS, recording)):
        yield


class HttpJsonChannel:
    """Posts ``{"to", "subject", "text"}`` as JSON to a gateway URL with a bearer token.

    Fits an SMS brandname gateway or a Zalo ZNS relay run by the province; configure one per channel:
    ``CCHC_SMS_URL``/``CCHC_SMS_TOKEN`` or ``CCHC_ZALO_URL``/``CCHC_ZALO_TOKEN``.
    """

    url_setting: ClassVar[str] = ""
    token_setting: ClassVar[str] = ""

    def send(self, recipient: str, subject: str, body: str) -> None:
        url = getattr(settings, self.url_setting, "")
        if not url:
            raise RuntimeError(f"{self.url_setting} chưa được cấu hình")
        payload = json.dumps({"to": recipient, "subject": subject, "text": body}).encode()
        request = urllib.request.Request(url, data=payload, method="POST")
        request.add_header("Content-Type", "application/json")
        token = getattr(settings, self.token_setting, "")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        with urllib.request.urlopen(request, timeout=15) as response:
            if response.status >= 300:
                raise ConnectionError(f"gateway answered {response.status}")


class SmsHttpChannel(HttpJsonChannel):
    url_setting = "CCHC_SMS_URL"
    token_setting = "CCHC_SMS_TOKEN"


class ZaloHttpChannel(HttpJsonChannel):
    url_setting = "CCHC_ZALO_URL"
    token_setting = "CCHC_ZALO_TOKEN"


def get_channel(name: str) -> Channel:
    paths: dict[str, str] = settings.CCHC_NOTIFY_CHANNELS
    if name not in paths:
        raise KeyError(f"Kênh thông báo không được cấu hình: {name}")
    channel: Channel = import_string(paths[name])()
    return channel
