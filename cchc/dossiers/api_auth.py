"""Bearer tokens of the systems that push dossiers through the API (one token per source system).

A token is shown once, when it is issued; only its SHA-256 is stored (``ApiClient.token_hash``), with a
short prefix so a person can tell tokens apart in lists. A revoked client's token is refused (401).
Issuing and revoking are state changes: ``cchc.dossiers.actions.api_clients`` does them, with an audit row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from cchc.dossiers.models import ApiClient

TOKEN_PREFIX = "cchc_"
PREFIX_LENGTH = 12  # ApiClient.token_prefix
# last_used_at is a hint for administrators ("is this system still sending?"), not an access log:
# writing it at most once a minute keeps a busy client from turning every read into a write.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)
NAME_MAX = 200


class ClientError(ValueError):
    """Bad input for issuing or revoking a client; the message is Vietnamese, for the user."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    # 32 random bytes: guessing is hopeless, so a plain hash (no salt, no slow KDF) is enough and lets
    # the token be found by an indexed equality lookup.
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


@dataclass(frozen=True)
class IssuedClient:
    client: ApiClient
    token: str  # shown once, never stored


def local_time(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")


def client_for_token(token: str) -> tuple[ApiClient | None, str]:
    """The active client holding ``token``, or (None, reason) where reason is "unknown" or "revoked"."""
    if not token or len(token) > 200:
        return None, "unknown"
    client = ApiClient.objects.select_related("jurisdiction").filter(token_hash=hash_token(token)).first()
    if client is None:
        return None, "unknown"
    if client.revoked_at is not None:
        return None, "revoked"
    now = timezone.now()
    if client.last_used_at is None or now - client.last_used_at >= LAST_USED_RESOLUTION:
        ApiClient.objects.filter(pk=client.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_RESOLUTION)
        ).update(last_used_at=now)
        client.last_used_at = now
    return client, ""


AUTH_FAILURE_ATTR = "cchc_api_auth_failure"


class ApiToken(HttpBearer):
    """``Authorization: Bearer <token>`` of an active ``ApiClient``; ``request.auth`` is the client."""

    openapi_description = (
        "Mã truy cập cấp riêng cho từng hệ thống gửi dữ liệu (lệnh `cchc dossier-api-client create`). "
        "Gửi trong tiêu đề `Authorization: Bearer <mã>`."
    )

    def authenticate(self, request: HttpRequest, token: str) -> ApiClient | None:
        client, reason = client_for_token(token)
        if client is None:
            setattr(request, AUTH_FAILURE_ATTR, reason)
        return client


def auth_failure_message(request: HttpRequest) -> str:
    reason = getattr(request, AUTH_FAILURE_ATTR, "")
    if reason == "revoked":
        return "Mã truy cập đã bị thu hồi; liên hệ Văn phòng để được cấp mã mới."
    if reason == "unknown":
        return "Mã truy cập không đúng (tiêu đề Authorization)."
    return "Thiếu mã truy cập: gửi tiêu đề «Authorization: Bearer <mã>»."
