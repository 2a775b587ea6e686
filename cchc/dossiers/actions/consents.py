"""A citizen's consent to progress messages about their dossier, given or withdrawn at the one-stop desk
(by an officer who may write the dossier) or on the public look-up page (after proving the dossier's
code and the phone declared when filing). Giving consent sends at once the message of the dossier's
current status when it is one that is announced (dedupe key: never twice)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from cchc.dossiers import status_messages
from cchc.dossiers.actions.common import ScreenActionError
from cchc.dossiers.models import Dossier
from cchc.dossiers.queries import dossiers_for
from cchc.notify.actions_consent import ConsentRefused, give_consent, withdraw_consent
from cchc.notify.models import Consent, ConsentPlace


class ConsentNotAllowed(ScreenActionError):
    pass


def _check_desk(actor: Any, dossier: Dossier) -> None:
    if not dossiers_for(actor, write=True).filter(pk=dossier.pk).exists():
        raise ConsentNotAllowed(
            f"Bạn không có quyền ghi nhận đăng ký nhận thông báo cho hồ sơ {dossier.code}: chỉ Bộ phận "
            "một cửa và công chức của đơn vị giải quyết hồ sơ được ghi nhận."
        )


def consent(actor: Any, dossier: Dossier, *, channel: str, address: str, where: str) -> Consent:
    """``where`` is ``ConsentPlace.DESK`` (actor: the officer) or ``LOOKUP`` (the caller proved the
    dossier's code and phone)."""
    if where == ConsentPlace.DESK:
        _check_desk(actor, dossier)
    with transaction.atomic():
        try:
            given = give_consent(
                actor,
                status_messages.OBJECT_TYPE,
                dossier.code,
                channel=channel,
                address=address,
                where=where,
            )
        except ConsentRefused as exc:
            raise ConsentNotAllowed(str(exc)) from exc
        status_messages.queue_for_dossier(dossier)
    return given


def withdraw(actor: Any, dossier: Dossier, *, where: str) -> int:
    if where == ConsentPlace.DESK:
        _check_desk(actor, dossier)
    return withdraw_consent(actor, status_messages.OBJECT_TYPE, dossier.code, where=where)
