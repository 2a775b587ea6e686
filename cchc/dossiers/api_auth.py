"""Bearer tokens of the systems that push dossiers through the API (one token per source system).

A token is shown once, when it is issued; only its SHA-256 is stored (``ApiClient.token_hash``), with a
short prefix so a person can tell tokens apart in lists. A revoked client's token is refused (401).
Issuing and revoking are state changes, so they write an audit row like every action.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from cchc.core.events import record
from cchc.dossiers.audit_events import DossiersEvents
from cchc.dossiers.models import ApiClient
from cchc.org.models import Jurisdiction

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


def issue_client(name: str, jurisdiction_code: str, *, actor: Any = None) -> IssuedClient:
    """Create a source system with a fresh token for the units of ``jurisdiction_code``."""
    name = (name or "").strip()
    if not name:
        raise ClientError("Thiếu tên hệ thống (--name).")
    if len(name) > NAME_MAX:
        raise ClientError(f"Tên hệ thống dài quá {NAME_MAX} ký tự.")
    area = Jurisdiction.objects.filter(code=(jurisdiction_code or "").strip()).first()
    if area is None:
        raise ClientError(f"Không có địa bàn mã «{jurisdiction_code}» (--jurisdiction).")
    if ApiClient.objects.filter(name=name).exists():
        raise ClientError(f"Đã có hệ thống tên «{name}»; chọn tên khác hoặc thu hồi hệ thống cũ.")
    token = new_token()
    with transaction.atomic():
        client = ApiClient.objects.create(
            name=name,
            jurisdiction=area,
            token_prefix=token[:PREFIX_LENGTH],
            token_hash=hash_token(token),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record(
            actor or "cchc dossier-api-client",
            DossiersEvents.API_CLIENT_CREATE,
            client,
            summary=f"Cấp mã truy cập API cho hệ thống «{name}» (địa bàn {area.code})",
            data={"name": name, "jurisdiction": area.code, "token_prefix": client.token_prefix},
        )
    return IssuedClient(client, token)


def revoke_client(name: str, *, actor: Any = None) -> ApiClient:
    client = ApiClient.objects.filter(name=(name or "").strip()).first()
    if client is None:
        raise ClientError(f"Không có hệ thống tên «{name}».")
    if client.revoked_at is not None:
        raise ClientError(f"Hệ thống «{client.name}» đã bị thu hồi lúc {_local(client.revoked_at)}.")
    with transaction.atomic():
        client.revoked_at = timezone.now()
        client.save(update_fields=["revoked_at"])
        record(
            actor or "cchc dossier-api-client",
            DossiersEvents.API_CLIENT_REVOKE,
            client,
            summary=f"Thu hồi mã truy cập API của hệ thống «{client.name}»",
            data={"name": client.name, "token_prefix": client.token_prefix},
        )
    return client


def _local(value: dt.datetime) -> str:
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
