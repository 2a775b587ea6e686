"""Who reads and changes what in training, and the reads the screens share.

Scope: the leader, Internal Affairs (the secretariat, which organises training), the Office and the
auditor read every course, class, attendance and need of their jurisdiction; a unit's head and
officers read the courses of their jurisdiction and the attendance, results and needs of their own
unit and the units below it; an official always reads their own. Only Internal Affairs changes
anything (courses, classes, invitations, attendance, results, needs). The citizen side and the
Front see nothing of it: it is personnel data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from cchc.core.roles import JURISDICTION_WIDE, Role, is_active_user
from cchc.org.models import Official, Unit, UnitKind
from cchc.org.queries import user_jurisdiction, user_unit
from cchc.training.models import (
    Attendance,
    Audience,
    ClassStatus,
    Course,
    Enrolment,
    NeedSource,
    NeedStatus,
    Topic,
    TrainingClass,
    TrainingNeed,
)

READERS = frozenset(
    {
        Role.LEADER,
        Role.SECRETARIAT,
        Role.OFFICE,
        Role.AUDITOR,
        Role.UNIT_HEAD,
        Role.UNIT_OFFICER,
        Role.ONE_STOP,
    }
)


def can_read(user: Any) -> bool:
    return is_active_user(user) and (user.is_superuser or user.role in READERS)


def can_manage(user: Any) -> bool:
    """Internal Affairs of an area (or a superuser): the only writer of training records."""
    if not is_active_user(user):
        return False
    return bool(user.is_superuser or (user.role == Role.SECRETARIAT and user_jurisdiction(user) is not None))


def _area_path(user: Any) -> str | None:
    area = user_jurisdiction(user)
    return area.path if area is not None else None


def courses_for(user: Any, *, write: bool = False) -> QuerySet[Course]:
    if not can_read(user) or (write and not can_manage(user)):
        return Course.objects.none()
    if user.is_superuser:
        return Course.objects.all()
    path = _area_path(user)
    if path is None:
        return Course.objects.none()
    # A ward's officials see the city's courses too: the city trains them.
    root = "/" + path.strip("/").split("/")[0] + "/"
    if write or user.role in JURISDICTION_WIDE:
        return Course.objects.filter(jurisdiction__path__startswith=path)
    return Course.objects.filter(jurisdiction__path__startswith=root)


def classes_for(user: Any, *, write: bool = False) -> QuerySet[TrainingClass]:
    return TrainingClass.objects.filter(course__in=courses_for(user, write=write))


def _people_q(user: Any, prefix: str) -> Q | None:
    """The officials whose training records ``user`` reads: None for all of the area."""
    if user.is_superuser or user.role in JURISDICTION_WIDE:
        return None
    unit = user_unit(user)
    own = Q(**{f"{prefix}": user.official_id}) if user.official_id else Q(pk__in=[])
    if unit is None or user.role not in {Role.UNIT_HEAD}:
        # Officers see their own records only: a colleague's results are not theirs to read.
        return own
    return own | Q(**{f"{prefix}__unit__path__startswith": unit.path})


def enrolments_for(user: Any, *, write: bool = False) -> QuerySet[Enrolment]:
    qs = Enrolment.objects.filter(training_class__in=classes_for(user, write=write))
    if write:
        return qs
    people = _people_q(user, "official")
    return qs if people is None else qs.filter(people)


def needs_for(user: Any, *, write: bool = False) -> QuerySet[TrainingNeed]:
    if not can_read(user) or (write and not can_manage(user)):
        return TrainingNeed.objects.none()
    if user.is_superuser:
        return TrainingNeed.objects.all()
    path = _area_path(user)
    if path is None:
        return TrainingNeed.objects.none()
    qs = TrainingNeed.objects.filter(official__unit__jurisdiction__path__startswith=path)
    people = None if write else _people_q(user, "official")
    return qs if people is None else qs.filter(people)


# --- who should be trained, and who has been -------------------------------------------------------


def audience_officials(topic: Topic, scope: QuerySet[Official]) -> QuerySet[Official]:
    """The officials of ``scope`` a topic is compulsory for (``Topic.audience``)."""
    active = scope.filter(is_active=True)
    if topic.audience == Audience.ALL:
        return active
    if topic.audience == Audience.ONE_STOP:
        return active.filter(unit__kind=UnitKind.ONE_STOP)
    if topic.audience == Audience.HANDLING:
        return active.filter(unit__kind__in=[UnitKind.ONE_STOP, UnitKind.WARD_COMMITTEE, UnitKind.AGENCY])
    if topic.audience == Audience.HEADS:
        today = dt.date.today()
        return active.filter(
            Q(headships__valid_from__isnull=True) | Q(headships__valid_from__lte=today),
            Q(headships__valid_to__isnull=True) | Q(headships__valid_to__gte=today),
            headships__isnull=False,
        ).distinct()
    return active.none()


def trained_ids(topic: Topic, official_ids: QuerySet[Any] | list[int]) -> set[int]:
    """Officials who attended a held class of a course on ``topic`` (the one definition of "trained")."""
    return set(
        Enrolment.objects.filter(
            official_id__in=official_ids,
            attendance=Attendance.PRESENT,
            training_class__course__topic=topic,
            training_class__status__in=[ClassStatus.HELD, ClassStatus.CLOSED],
        ).values_list("official_id", flat=True)
    )


@dataclass
class UnitGap:
    unit: Unit
    audience: int
    untrained: list[Official] = field(default_factory=list)


@dataclass
class TopicCoverage:
    topic: Topic
    audience: int
    trained: int
    units: list[UnitGap]

    @property
    def untrained(self) -> int:
        return self.audience - self.trained

    @property
    def percent(self) -> int | None:
        return round(100 * self.trained / self.audience) if self.audience else None


def coverage(user: Any, *, letter_only: bool = True) -> list[TopicCoverage]:
    """Per compulsory topic (by default those a directive names): how many of its audience in the
    reader's scope attended a class, and who has not, grouped by unit (worst first)."""
    from cchc.org.queries import officials_for

    scope = officials_for(user)
    topics = Topic.objects.filter(is_active=True).exclude(audience=Audience.NONE)
    if letter_only:
        topics = topics.exclude(source="")
    out: list[TopicCoverage] = []
    for topic in topics:
        people = list(
            audience_officials(topic, scope).select_related("unit").order_by("unit__path", "full_name")
        )
        done = trained_ids(topic, [p.pk for p in people])
        by_unit: dict[int, UnitGap] = {}
        for person in people:
            gap = by_unit.setdefault(person.unit_id, UnitGap(person.unit, 0))
            gap.audience += 1
            if person.pk not in done:
                gap.untrained.append(person)
        units = sorted(
            (g for g in by_unit.values() if g.untrained), key=lambda g: (-len(g.untrained), g.unit.path)
        )
        out.append(TopicCoverage(topic, len(people), len(done), units))
    return out


def open_needs_count(user: Any) -> int:
    return needs_for(user).filter(status=NeedStatus.OPEN).count()


def listed_courses(user: Any) -> QuerySet[Course]:
    """The course list, newest first, with its number of classes: the page and its workbook."""
    return (
        courses_for(user)
        .select_related("topic", "organiser")
        .annotate(n_classes=Count("classes", distinct=True))
        .order_by("-start_date", "-pk")
    )


def listed_needs(user: Any, status: str, source: str, topic_id: int | None) -> QuerySet[TrainingNeed]:
    """The training needs the list shows under its filters (the caller has checked the values): the
    page and its workbook read the same rows, in the same order."""
    qs = (
        needs_for(user)
        .filter(status=status)
        .select_related("official", "official__unit", "topic", "closed_by__training_class")
    )
    if source in NeedSource.values:
        qs = qs.filter(source=source)
    if topic_id:
        qs = qs.filter(topic_id=topic_id)
    return qs
