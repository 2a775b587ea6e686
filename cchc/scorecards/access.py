"""The one permission helper for scorecards (``access``) and the rows a person may read
(``scorecards_for``).

- A unit's own people (its head and officers) read their unit's card, enter its self-assessment and
  evidence while the card is with the unit, submit it (the head), and answer the appraisal once per
  criterion; they never see another unit's card.
- Internal Affairs (the reform secretariat, Phòng Nội vụ) reads every card of its jurisdiction,
  appraises a submitted card, sends it back, and scores it (which freezes it).
- The leader, the Office and the auditor read every card of the jurisdiction and change nothing here
  (the leader approves the public ranking, elsewhere). The Front and the one-stop desks have no
  business with scorecards.
- A scored (frozen) card changes no more, for anyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from cchc.core.roles import Role, is_active_user
from cchc.org.queries import user_jurisdiction, user_unit
from cchc.scorecards.models import Scorecard, Stage

UNIT_ROLES = frozenset({Role.UNIT_HEAD, Role.UNIT_OFFICER})
READ_ALL = frozenset({Role.LEADER, Role.SECRETARIAT, Role.OFFICE, Role.AUDITOR})


@dataclass(frozen=True)
class Access:
    read: bool = False
    self_assess: bool = False
    submit: bool = False
    appraise: bool = False
    answer: bool = False
    freeze: bool = False
    plan: bool = False  # write causes and solutions for lost points
    assign: bool = False  # turn a solution into a task


NONE = Access()


def _in_area(user: Any, card: Scorecard) -> bool:
    area = user_jurisdiction(user)
    return area is not None and card.unit.jurisdiction.path.startswith(area.path)


def access(user: Any, card: Scorecard) -> Access:
    if not is_active_user(user):
        return NONE
    if user.role in READ_ALL and _in_area(user, card):
        internal_affairs = user.role == Role.SECRETARIAT
        return Access(
            read=True,
            appraise=internal_affairs and card.stage in (Stage.SUBMITTED, Stage.APPRAISED),
            freeze=internal_affairs and card.stage == Stage.APPRAISED,
            plan=internal_affairs or user.role == Role.LEADER,
            assign=internal_affairs or user.role == Role.LEADER,
        )
    unit = user_unit(user)
    if user.role in UNIT_ROLES and unit is not None and unit.pk == card.unit_id:
        return Access(
            read=True,
            self_assess=card.stage == Stage.SELF,
            submit=user.role == Role.UNIT_HEAD and card.stage == Stage.SELF,
            answer=card.stage == Stage.APPRAISED,
            plan=True,  # a unit plans how to win back its points, also after scoring
        )
    return NONE


def may_manage_index_sets(user: Any) -> bool:
    """Internal Affairs (the reform secretariat) keeps the city's index sets: it uploads a year's file
    and downloads it to edit. Nobody else, the leader included (the leader approves rankings)."""
    return is_active_user(user) and user.role == Role.SECRETARIAT and user_jurisdiction(user) is not None


def may_read_cards(user: Any) -> bool:
    """Has this person any business with the city index pages at all?"""
    return is_active_user(user) and (user.role in READ_ALL or user.role in UNIT_ROLES)


def scorecards_for(user: Any) -> QuerySet[Scorecard]:
    """The cards a person may read (out-of-scope cards answer 404)."""
    qs = Scorecard.objects.select_related("unit", "version")
    if not is_active_user(user):
        return qs.none()
    if user.role in READ_ALL:
        area = user_jurisdiction(user)
        return qs.filter(unit__jurisdiction__path__startswith=area.path) if area is not None else qs.none()
    unit = user_unit(user)
    if user.role in UNIT_ROLES and unit is not None:
        return qs.filter(unit=unit)
    return qs.none()
