"""The morning digest: each person who must act gets one e-mail a day listing their at-risk items, the
costliest first, each with its link. "Once per person per day" holds with several workers because the
message's dedupe key (person, day) is claimed in the database before it is sent (``notify.actions``)."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction

from cchc.accounts.models import User
from cchc.core.roles import Role
from cchc.earlywarning.models import Risk
from cchc.earlywarning.queries import at_risk, risks_for
from cchc.notify.actions import send

DIGEST_ROLES = (Role.UNIT_OFFICER, Role.UNIT_HEAD, Role.ONE_STOP)
DIGEST_ROWS = 20


def digest_key(user: User, day: dt.date) -> str:
    return f"earlywarning-digest:{user.pk}:{day.isoformat()}"


def _line(r: Risk, site: str) -> str:
    head = f"- {r.percent}% · {r.get_kind_display()} · {r.title} · hạn {r.due_at:%d/%m/%Y}"
    return f"{head}\n  {r.explanation}\n  {site}{r.url}"


def body_for(user: User, rows: list[Risk], total: int, day: dt.date) -> str:
    site = str(getattr(settings, "SITE_URL", "")).rstrip("/")
    more = f"\nVà {total - len(rows)} việc khác: {site}/canh-bao/\n" if total > len(rows) else ""
    return (
        f"Kính gửi {user.get_full_name() or user.get_username()},\n\n"
        f"Sáng {day:%d/%m/%Y}, CCHC thấy {total} việc anh/chị cần xử lý có nguy cơ trễ hạn "
        "(việc có hệ quả lớn và nguy cơ cao đứng trước):\n\n"
        + "\n".join(_line(r, site) for r in rows)
        + f"\n{more}\nDanh sách đầy đủ: {site}/canh-bao/\n"
    )


def send_digests(day: dt.date) -> int:
    """Queue one digest per person with at-risk items; messages leave after the surrounding commit."""
    queued = 0
    users = User.objects.filter(is_active=True, role__in=DIGEST_ROLES).exclude(email="")
    for user in users.select_related("official"):
        qs = at_risk(risks_for(user))
        rows = list(qs[:DIGEST_ROWS])
        if not rows:
            continue
        total = qs.count() if len(rows) == DIGEST_ROWS else len(rows)
        body = body_for(user, rows, total, day)
        transaction.on_commit(partial(_send, user, body, day))
        queued += 1
    return queued


def _send(user: Any, body: str, day: dt.date) -> None:
    send(
        "email",
        user.email,
        f"[CCHC] Việc có nguy cơ trễ hạn — sáng {day:%d/%m/%Y}",
        body,
        dedupe_key=digest_key(user, day),
        object_type="earlywarning.digest",
        object_id=str(user.pk),
    )
