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

from cchc.lib.outcomes import CauseKind


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


# What the late list's filters read of a dossier's causes, stored beside them (``models.DossierCause``):
# (kind, the account a step overrun blames, the folded name it blames when it names no account).
CauseMark = tuple[str, int | None, str]
KINDS = frozenset(k.value for k in CauseKind)
# A bigint column: an id outside it names no step's account, so it blames nobody.
_MAX_ID = 2**63 - 1


def _account(blamed: Any) -> int | None:
    if isinstance(blamed, float) and blamed.is_integer():
        blamed = int(blamed)
    if isinstance(blamed, int) and not isinstance(blamed, bool) and 0 < blamed <= _MAX_ID:
        return blamed
    return None


def cause_marks(causes: Any) -> list[CauseMark]:
    """The distinct (kind, account id, name key) of these stored causes, in a stable order: one per
    cause of a known kind; a step overrun that blames someone (``overrun_causes``) carries the account
    its ``official_id`` names or, without one, its official's name folded (``fold``; the name as the
    engine writes it, text) — the keys ``blames`` compares. Anything else in the JSON (not a list, not
    a dict, an unknown kind, an id that is not a whole number in the bigint range) adds nothing, as it
    blames nobody."""
    if not isinstance(causes, list):
        return []
    out: set[CauseMark] = set()
    for c in causes:
        if not isinstance(c, dict) or not isinstance(c.get("kind"), str) or c["kind"] not in KINDS:
            continue
        account, name = None, ""
        if overrun_causes([c]):
            blamed = c.get("official_id")
            if blamed is None:
                official = c.get("official")
                name = fold(official) if isinstance(official, str) else ""
            else:
                account = _account(blamed)
        out.add((c["kind"], account, name))
    return sorted(out, key=lambda m: (m[0], m[1] or 0, m[2]))
