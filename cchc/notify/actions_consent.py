"""A citizen gives or withdraws consent to progress messages about one of their files.

The consent is recorded with its channel, address, place and time (``Consent``); giving a new one
replaces the one in force (one per file); withdrawing stamps ``withdrawn_at`` and nothing more is sent.
Each change writes an audit row. The caller has already proved the citizen's right (a one-stop officer
of the file's unit, or the file's code and phone on the public look-up page).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from cchc.core.events import record
from cchc.notify.audit_events import NotifyEvents
from cchc.notify.models import Consent, ConsentChannel, ConsentPlace


class ConsentRefused(ValueError):
    """The address does not fit the channel; the message names the field."""


def _clean_address(channel: str, address: str) -> str:
    address = address.strip()
    if channel == ConsentChannel.EMAIL:
        if "@" not in address or len(address) > 254 or any(c.isspace() for c in address):
            raise ConsentRefused(gettext("Thư điện tử: cần một địa chỉ hợp lệ, ví dụ ten@example.vn."))
        return address
    digits = "".join(c for c in address if c.isdigit())
    if not 9 <= len(digits) <= 12 or any(c not in "0123456789 .+-" for c in address):
        raise ConsentRefused(gettext("Số điện thoại: cần từ 9 đến 12 chữ số, ví dụ 0912 345 678."))
    return digits


def _actor_label(actor: Any, where: str) -> Any:
    if getattr(actor, "is_authenticated", False):
        return actor
    return f"Công dân ({ConsentPlace(where).label.lower()})"


def give_consent(
    actor: Any, object_type: str, object_key: str, *, channel: str, address: str, where: str
) -> Consent:
    if channel not in ConsentChannel.values:
        raise ConsentRefused(gettext("Kênh nhận thông báo: chọn Zalo, tin nhắn SMS hoặc thư điện tử."))
    if where not in ConsentPlace.values:
        raise ConsentRefused(gettext("Nơi đồng ý không hợp lệ."))
    clean = _clean_address(channel, address)
    now = timezone.now()
    with transaction.atomic():
        Consent.objects.select_for_update().filter(
            object_type=object_type, object_key=object_key, withdrawn_at__isnull=True
        ).update(withdrawn_at=now, withdrawn_where=where)
        consent = Consent.objects.create(
            object_type=object_type,
            object_key=object_key,
            channel=channel,
            address=clean,
            given_at=now,
            given_where=where,
            given_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record(
            _actor_label(actor, where),
            NotifyEvents.CONSENT_GIVEN,
            consent,
            summary=f"Đồng ý nhận thông báo về {object_key} qua {consent.get_channel_display()}",
            data={"object_type": object_type, "key": object_key, "channel": channel, "where": where},
        )
    return consent


def withdraw_consent(actor: Any, object_type: str, object_key: str, *, where: str) -> int:
    """Withdraw the consent in force, if any; returns how many were withdrawn (0 or 1)."""
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            Consent.objects.select_for_update()
            .filter(object_type=object_type, object_key=object_key, withdrawn_at__isnull=True)
            .values_list("pk", flat=True)
        )
        if not ids:
            return 0
        Consent.objects.filter(pk__in=ids).update(withdrawn_at=now, withdrawn_where=where)
        record(
            _actor_label(actor, where),
            NotifyEvents.CONSENT_WITHDRAWN,
            object_type="notify.consent",
            object_id=str(ids[0]),
            summary=f"Rút lại đồng ý nhận thông báo về {object_key}",
            data={"object_type": object_type, "key": object_key, "where": where},
        )
    return len(ids)
