"""Issuing and revoking the bearer tokens of the systems that push dossiers (``api_auth`` checks them).
The token is shown once, when issued; only its hash is stored."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from cchc.core.events import record
from cchc.dossiers.api_auth import (
    NAME_MAX,
    PREFIX_LENGTH,
    ClientError,
    IssuedClient,
    hash_token,
    local_time,
    new_token,
)
from cchc.dossiers.audit_events import DossiersEvents
from cchc.dossiers.models import ApiClient
from cchc.org.models import Jurisdiction


def issue_client(name: str, jurisdiction_code: str, *, actor: Any = None) -> IssuedClient:
    """Create a source system with a fresh token for the units of ``jurisdiction_code``."""
    name = (name or "").strip()
    if not name:
        raise ClientError(gettext("Thiếu tên hệ thống (--name)."))
    if len(name) > NAME_MAX:
        raise ClientError(gettext("Tên hệ thống dài quá %(limit)s ký tự.") % {"limit": NAME_MAX})
    area = Jurisdiction.objects.filter(code=(jurisdiction_code or "").strip()).first()
    if area is None:
        raise ClientError(
            gettext("Không có địa bàn mã «%(code)s» (--jurisdiction).") % {"code": jurisdiction_code}
        )
    if ApiClient.objects.filter(name=name).exists():
        raise ClientError(
            gettext("Đã có hệ thống tên «%(name)s»; chọn tên khác hoặc thu hồi hệ thống cũ.") % {"name": name}
        )
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
        raise ClientError(gettext("Không có hệ thống tên «%(name)s».") % {"name": name})
    if client.revoked_at is not None:
        raise ClientError(
            gettext("Hệ thống «%(name)s» đã bị thu hồi lúc %(at)s.")
            % {"name": client.name, "at": local_time(client.revoked_at)}
        )
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
