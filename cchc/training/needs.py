"""Training needs proposed from the data (docs/rules/training.md, *Needs proposed from the data*):

- **ratings**: officials whose share of "not satisfied" ratings reaches the surveys' threshold with
  enough ratings (``cchc.surveys.ratings.officials``, the one definition of that flag) → the topic of
  ``CCHC_TRAINING_TOPIC_FOR_RATINGS`` (conduct and communication, letter mục 1.10);
- **late steps**: officials a late dossier's causes blame for overrunning their step
  (``cchc.dossiers.rankings.official_counts``, the officials' ranking's own attribution), at least
  ``CCHC_TRAINING_LATE_STEPS_MIN`` dossiers → the topic of ``CCHC_TRAINING_TOPIC_FOR_LATE_STEPS``;
- **letter**: the audience of each compulsory topic a directive names (online public services,
  digitisation of dossier results — letter mục 4.4) who have not attended a class on it;
- **inspection**: whatever the sources registered with ``register_finding_source`` return. This is the
  hook for inspection findings: the inspections app registers a function from its ``AppConfig.ready``
  (training never imports it), and each of its findings naming an official becomes a need.

Running it again adds only what is new (one open need per official, topic and reason).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction

from cchc.org.models import Jurisdiction, Official
from cchc.training import actions
from cchc.training.models import NeedSource, Topic
from cchc.training.queries import audience_officials, trained_ids


@dataclass(frozen=True)
class FindingNeed:
    """One inspection finding that asks for an official to be trained."""

    official: Official
    topic_code: str
    evidence: str
    figures: dict[str, Any] = field(default_factory=dict)


FindingSource = Callable[[Jurisdiction, dt.date, dt.date], list[FindingNeed]]
_FINDING_SOURCES: list[FindingSource] = []


def register_finding_source(source: FindingSource) -> None:
    """Hook for inspection findings as a source of training needs (see the module's docstring)."""
    if source not in _FINDING_SOURCES:
        _FINDING_SOURCES.append(source)


def inspection_findings(area: Jurisdiction, first: dt.date, last: dt.date) -> list[FindingNeed]:
    out: list[FindingNeed] = []
    for source in _FINDING_SOURCES:
        out.extend(source(area, first, last))
    return out


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


@dataclass
class Proposed:
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _topic(code: str) -> Topic | None:
    return Topic.objects.filter(code=code, is_active=True).first()


@transaction.atomic
def propose_needs(actor: Any, area: Jurisdiction, *, today: dt.date) -> Proposed:
    """Propose every need the data support for officials of ``area`` over the last months."""
    actions._require_manager(actor, area)
    months = int(_setting("CCHC_TRAINING_NEED_MONTHS", 12))
    first = today - dt.timedelta(days=round(months * 365 / 12))
    scope = Official.objects.filter(unit__jurisdiction__path__startswith=area.path, is_active=True)
    out = Proposed({s: 0 for s in NeedSource.values if s != NeedSource.MANUAL})

    def add(official: Official, topic: Topic, source: str, evidence: str, figures: dict[str, Any]) -> None:
        need = actions.add_need(
            actor, official, topic, source=source, evidence=evidence, figures=figures, on=today
        )
        out.counts[source] += 1 if need is not None else 0

    topic = _topic(str(_setting("CCHC_TRAINING_TOPIC_FOR_RATINGS", "giao-tiep-ung-xu")))
    if topic is not None:
        from cchc.surveys.ratings import officials as rated_officials

        table = rated_officials(scope, first, today)
        for row in table.rows:
            if row.training:
                add(
                    row.official,
                    topic,
                    NeedSource.RATINGS,
                    f"{row.dist.not_satisfied}/{row.dist.total} lượt đánh giá không hài lòng "
                    f"({row.dist.not_share}%) từ {first:%d/%m/%Y} đến {today:%d/%m/%Y}",
                    {"not_satisfied": row.dist.not_satisfied, "total": row.dist.total},
                )

    topic = _topic(str(_setting("CCHC_TRAINING_TOPIC_FOR_LATE_STEPS", "nghiep-vu-tthc")))
    if topic is not None:
        from cchc.dossiers.models import Dossier
        from cchc.dossiers.rankings import finished_between, official_counts

        minimum = int(_setting("CCHC_TRAINING_LATE_STEPS_MIN", 3))
        dossiers = finished_between(
            Dossier.objects.filter(handling_unit__jurisdiction__path__startswith=area.path), first, today
        )
        rows = [r for r in official_counts(dossiers) if r.key.startswith("id:") and r.late >= minimum]
        people = {o.pk: o for o in scope.filter(pk__in=[int(r.key[3:]) for r in rows])}
        for r in rows:
            person = people.get(int(r.key[3:]))
            if person is not None:
                add(
                    person,
                    topic,
                    NeedSource.LATE_STEPS,
                    f"{r.late} hồ sơ trễ hạn do bước xử lý của cán bộ quá hạn, trong {r.finished} hồ sơ "
                    f"đã tham gia xử lý từ {first:%d/%m/%Y} đến {today:%d/%m/%Y}",
                    {"late": r.late, "finished": r.finished},
                )

    for topic in Topic.objects.filter(is_active=True).exclude(source="").exclude(audience=""):
        people_list = list(audience_officials(topic, scope))
        done = trained_ids(topic, [p.pk for p in people_list])
        for person in people_list:
            if person.pk not in done:
                add(person, topic, NeedSource.LETTER, f"Chưa tham gia lớp nào về chủ đề ({topic.source})", {})

    for finding in inspection_findings(area, first, today):
        topic = _topic(finding.topic_code)
        if topic is not None:
            add(finding.official, topic, NeedSource.INSPECTION, finding.evidence, finding.figures)
    return out
