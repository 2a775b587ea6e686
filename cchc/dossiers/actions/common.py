"""What the apology and late-list actions share: the refusal they raise, the actor's name and a date as
the messages print it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone


class ScreenActionError(Exception):
    """A refusal with a message for the person (Vietnamese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def actor_name(actor: Any) -> str:
    return (
        (actor.get_full_name() or actor.get_username()) if getattr(actor, "is_authenticated", False) else ""
    )


def dmy(value: dt.datetime | None) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y") if value else "—"
