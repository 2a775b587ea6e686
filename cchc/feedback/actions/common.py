"""What every petition action shares: the instant it counts on, its audit event, the row lock, the status
check, the first conclusion."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext

from cchc.core.events import AuditVerb, record
from cchc.feedback.attachments import CheckedFile
from cchc.feedback.models import Attachment, Petition


def at_or_now(at: dt.datetime | None) -> dt.datetime:
    return at or timezone.now()


def audit(
    actor: Any, verb: AuditVerb, petition: Petition, summary: str, at: dt.datetime, **data: Any
) -> None:
    record(actor, verb, petition, summary=summary, data={"at": at.isoformat(), **data})


def save(petition: Petition, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(petition, name, value)
    petition.save(update_fields=[*fields, "updated_at"])


def lock_petition(petition: Petition) -> Petition:
    """Re-read the row under a lock: two officers clicking at once must not both act."""
    return Petition.objects.select_for_update().select_related("unit", "jurisdiction").get(pk=petition.pk)


def require_status(petition: Petition, allowed: tuple[str, ...], doing: str) -> None:
    if petition.status not in allowed:
        # ``doing`` is marked with gettext_noop where it is named: translated here, in the page's language.
        raise ValidationError(
            gettext("Không thể %(doing)s: phản ánh %(code)s đang ở trạng thái «%(status)s».")
            % {
                "doing": gettext(doing),
                "code": petition.code,
                "status": gettext(petition.get_status_display()),
            }
        )


def conclusion(petition: Petition, how: str, on: dt.date, on_time: bool | None) -> dict[str, Any]:
    """The first conclusion sent to the citizen is what the figures judge (766 ind. 5.2); a reopened
    round does not rewrite it (ind. 5.3 counts the reopening as dissatisfaction instead)."""
    if petition.handled_on is not None:
        return {}
    return {"handled_on": on, "handled_on_time": on_time, "handled_how": how}


def attach_files(petition: Petition, files: Iterable[CheckedFile]) -> None:
    """The checked uploads kept with the petition (at intake, and with a citizen's supplement), each
    under a random token of its own."""
    for f in files:
        Attachment.objects.create(
            petition=petition,
            token=secrets.token_hex(8),
            file=f.as_content(),
            original_name=f.name,
            content_type=f.content_type,
            size=f.size,
        )
