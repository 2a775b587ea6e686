"""Who may read and do what in emulation: one helper for the rounds (``rounds_for`` for lists,
``round_access`` for one round), used by every view, export and action (docs/rules/emulation.md,
*Who does what*).

- The area's council reads: the leader (the council's chair), Internal Affairs (its secretary), the
  Office and the inspectorate (members). Units, the Front and the public read nothing here.
- Internal Affairs proposes the year from the data and records the council's changes, each with its
  reason, until the chair approves.
- Only the leader approves; an approved round is frozen (no change, no recomputation) and exported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from cchc.core.roles import JURISDICTION_WIDE, Role, is_active_user
from cchc.emulation.models import Entry, Round
from cchc.org.models import Jurisdiction
from cchc.org.queries import user_jurisdiction


def area_of(user: Any) -> Jurisdiction | None:
    return user_jurisdiction(user) if is_active_user(user) else None


def may_read(user: Any) -> bool:
    """Whether the emulation pages have anything for this person (menu and the list page)."""
    return is_active_user(user) and (
        user.is_superuser or (user.role in JURISDICTION_WIDE and area_of(user) is not None)
    )


def may_propose(user: Any, area: Jurisdiction | None) -> bool:
    own = area_of(user)
    return (
        is_active_user(user)
        and user.role == Role.SECRETARIAT
        and own is not None
        and area is not None
        and area.path.startswith(own.path)
    )


def rounds_for(user: Any) -> QuerySet[Round]:
    if not is_active_user(user):
        return Round.objects.none()
    if user.is_superuser:
        return Round.objects.all()
    area = area_of(user)
    if area is None or user.role not in JURISDICTION_WIDE:
        return Round.objects.none()
    return Round.objects.filter(jurisdiction__path__startswith=area.path)


@dataclass(frozen=True)
class RoundAccess:
    read: bool = False
    adjust: bool = False  # record a council change (with its reason), recompute before any change
    approve: bool = False  # the council's chair
    export: bool = False  # the approved list (XLSX, printable page)


def round_access(user: Any, rnd: Round) -> RoundAccess:
    if not rounds_for(user).filter(pk=rnd.pk).exists():
        return RoundAccess()
    open_ = not rnd.frozen
    return RoundAccess(
        read=True,
        adjust=open_ and may_propose(user, rnd.jurisdiction),
        approve=open_ and user.role == Role.LEADER,
        export=rnd.frozen,
    )


def entries_of(rnd: Round) -> QuerySet[Entry]:
    return rnd.entries.select_related("unit", "official").order_by("unit__path", "kind")


@dataclass(frozen=True)
class Tally:
    """How many units and heads got each level, and how many units each title (the round's summary on
    the page, the printable list and the home of the round)."""

    units: dict[str, int]
    heads: dict[str, int]
    titles: dict[str, int]
    changed: int


def tally(rnd: Round) -> Tally:
    from cchc.emulation.models import Grade, Kind, Title

    units = {g: 0 for g in Grade.values}
    heads = {g: 0 for g in Grade.values}
    titles = {t: 0 for t in Title.values if t}
    changed = 0
    for kind, grade, title, p_grade, p_title in rnd.entries.values_list(
        "kind", "grade", "title", "proposed_grade", "proposed_title"
    ):
        (units if kind == Kind.UNIT else heads)[grade] += 1
        if title:
            titles[title] += 1
        changed += int(grade != p_grade or title != p_title)
    return Tally(units, heads, titles, changed)
