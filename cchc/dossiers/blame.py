"""Whom a late dossier's stored causes blame: the one rule the officials' ranking, its per-official facts,
the late list's official filter and the training and oversight figures read.

The outcome engine stores, with every cause on a step (``judging.late_causes``), the step's ``seq``, its
``unit_id`` and the blamed official's account id (``official_id``) when the step names an official the
ledger knows. A cause blames an official by that id — two officials with the same name in different
units are never confused, and an official renamed keeps their record. Only a step that names someone
without an account (a name typed in the source system that matches no official of the step's unit)
leaves ``official_id`` empty; such a cause names the steps without an account that carry the same name,
spaces and case folded, which is all the ledger knows of that person.
"""

from __future__ import annotations

from typing import Any


def fold(name: Any) -> str:
    return " ".join(str(name or "").split()).casefold()


def overrun_causes(causes: Any) -> list[dict[str, Any]]:
    """The stored causes that blame an official: step overruns naming someone."""
    return [
        c
        for c in causes or ()
        if isinstance(c, dict)
        and c.get("kind") == "step_overrun"
        and (c.get("official_id") is not None or fold(c.get("official")))
    ]


def blames(cause: dict[str, Any], official_id: int | None, official_name: str | None) -> bool:
    """Does this stored cause blame the official of a step with this account id and NguoiXuLy name?"""
    blamed = cause.get("official_id")
    if blamed is not None:
        return official_id == blamed
    if official_id is not None:
        return False
    who = fold(cause.get("official"))
    return bool(who) and who == fold(official_name)
