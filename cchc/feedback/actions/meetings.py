"""The Front's meetings with voters: one meeting and its opinions, each opinion its own tracked petition.
All or nothing: one bad opinion and nothing is saved, with the row named (Công văn 7190/UBND-NV, mục 5:
the Front gathers voters' opinions and passes them to the People's Committee)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cchc.core.events import record
from cchc.feedback.actions.intake import Intake, receive
from cchc.feedback.audit_events import FeedbackEvents
from cchc.feedback.models import Channel, FrontMeeting, Kind, Petition, ReplyVia
from cchc.notify.actions import send


class OpinionsRejected(Exception):
    """Some opinions could not be received; ``rows`` maps the row number to (field or None, message)."""

    def __init__(self, rows: dict[int, list[tuple[str | None, str]]]) -> None:
        super().__init__("opinions rejected")
        self.rows = rows


def record_meeting(
    actor: Any, unit: Any, area: Any, meeting: dict[str, Any], opinions: list[tuple[int, dict[str, Any]]]
) -> tuple[FrontMeeting, list[Petition], str]:
    """Save the meeting and receive each opinion (row number, its cleaned fields) as a petition; returns
    the meeting, the petitions and the acknowledgement sent to the Front's unit."""
    held = meeting["held_on"]
    received_at = (
        timezone.now()
        if held == timezone.localdate()
        else timezone.make_aware(dt.datetime.combine(held, dt.time(16, 0)))
    )
    rejected: dict[int, list[tuple[str | None, str]]] = {}
    with transaction.atomic():
        row = FrontMeeting.objects.create(
            unit=unit,
            jurisdiction=area,
            held_on=held,
            kind=meeting["kind"],
            place=meeting["place"],
            ward=meeting["ward"],
            attendees=meeting["attendees"],
            note=meeting["note"],
            created_by=actor,
        )
        created = []
        for i, d in opinions:
            if d.get("category") is None:
                rejected.setdefault(i, []).append(("category", f"Dòng {i}: chọn lĩnh vực."))
                continue
            ward = d.get("ward") or meeting["ward"]
            try:
                created.append(
                    receive(
                        actor,
                        Intake(
                            jurisdiction=area,
                            kind=Kind.PETITION,
                            channel=Channel.FRONT,
                            category=d["category"],
                            ward=ward,
                            location=meeting["place"],
                            text=d["text"],
                            citizen_name=d.get("citizen_name")
                            or f"Cử tri {ward.name if ward else area.name}",
                            citizen_phone=d.get("citizen_phone") or "",
                            reply_via=ReplyVia.FRONT,
                            consent_publish=bool(d.get("consent_publish")),
                            received_at=received_at,
                            submitted_by=actor,
                            submitted_by_unit=unit,
                            meeting=row,
                            require_contact=False,
                            send_ack=False,
                        ),
                    )
                )
            except ValidationError as exc:
                for field, msgs in exc.message_dict.items():
                    rejected.setdefault(i, []).extend((field, f"Dòng {i}: {m}") for m in msgs)
        if rejected:
            raise OpinionsRejected(rejected)
        record(
            actor,
            FeedbackEvents.MEETING_RECORDED,
            row,
            summary=f"Chuyển {len(created)} ý kiến từ {row.kind.lower()} ngày {held:%d/%m/%Y}",
        )
    codes = ", ".join(p.code for p in created)
    note = (
        f"Đã tiếp nhận {len(created)} ý kiến, kiến nghị từ {row.kind.lower()} ngày {held:%d/%m/%Y}: {codes}."
    )
    if unit.email:
        send(
            "email",
            unit.email,
            f"Tiếp nhận ý kiến cử tri ngày {held:%d/%m/%Y}",
            note,
            dedupe_key=f"feedback:meeting:{row.pk}:ack",
            object_type="feedback.frontmeeting",
            object_id=str(row.pk),
        )
    return row, created, note
