"""Who may read which dossiers, whose personal data a person may see, and the reads behind the screens.

Scope (issue 3, deliverable 7; product.md "Users and roles"):

- one-stop officers, unit heads and unit officers see the dossiers whose receiving or handling unit is
  in their own unit's subtree, and only they see the applicant's personal data in full;
- leader, secretariat, office and auditor see every dossier of their jurisdiction, personal data masked;
- the Front and the public see no dossier (the public look-up shows one dossier to the person who knows
  both its code and the applicant's phone number, see ``public_lookup``).

Write scope (issuing an apology letter): one-stop officers for the dossiers of their office, the heads
and officers of the handling unit for their unit's dossiers. Nobody else.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from cchc.core.models import AuditEvent
from cchc.core.roles import JURISDICTION_WIDE, Role
from cchc.dossiers.models import (
    Apology,
    Dossier,
    DossierStep,
    LateList,
    LateListStatus,
    Outcome,
    Status,
    UnitDailyFact,
)
from cchc.dossiers.stats import unit_stats
from cchc.org.models import Jurisdiction, Unit
from cchc.org.queries import units_for, user_jurisdiction, user_unit

# Roles that work on dossiers inside their own unit's subtree, and see the applicant in full there.
UNIT_SCOPED = frozenset({Role.ONE_STOP, Role.UNIT_HEAD, Role.UNIT_OFFICER})
PERSONAL_DATA_ROLES = UNIT_SCOPED
# The handling unit's heads and officers issue apology letters, and so does the One-stop Office
# (rules-vn §1.5: the handling body apologises; the One-stop Office hands the letter over).
HANDLING_ROLES = frozenset({Role.UNIT_HEAD, Role.UNIT_OFFICER})

FINISHED_OUTCOMES = (Outcome.EARLY, Outcome.ON_TIME, Outcome.LATE)
# rules-vn §1.4: status 5 (waiting for the citizen's supplement) ends at the request, so it is not
# "open" for lateness; 1 and 3 never count; 7, 8, 9, 10 are terminal.
OPEN_STATUSES = (Status.RECEIVED, Status.PROCESSING, Status.FINANCIAL)


def _active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


# --- scope -------------------------------------------------------------------------------------


def dossier_units_for(user: Any) -> QuerySet[Unit]:
    """Units whose dossiers (and daily figures) a person may read."""
    if not _active(user):
        return Unit.objects.none()
    if user.is_superuser or user.role in JURISDICTION_WIDE:
        return units_for(user)
    if user.role in UNIT_SCOPED:
        unit = user_unit(user)
        return unit.subtree() if unit is not None else Unit.objects.none()
    return Unit.objects.none()


def may_read_dossiers(user: Any) -> bool:
    """Does this person have any business with dossier screens at all (the Front has none)?"""
    return _active(user) and bool(user.is_superuser or user.role in JURISDICTION_WIDE | UNIT_SCOPED)


def dossiers_for(user: Any, *, write: bool = False) -> QuerySet[Dossier]:
    """THE scoping helper: every dossier row shown to a person comes through here."""
    if not _active(user):
        return Dossier.objects.none()
    if user.is_superuser:
        return Dossier.objects.all()
    if write:
        unit = user_unit(user)
        if unit is None:
            return Dossier.objects.none()
        subtree = unit.subtree().values("pk")
        if user.role == Role.ONE_STOP:
            return Dossier.objects.filter(Q(receiving_unit__in=subtree) | Q(handling_unit__in=subtree))
        if user.role in HANDLING_ROLES:
            return Dossier.objects.filter(handling_unit__in=subtree)
        return Dossier.objects.none()
    if not may_read_dossiers(user):
        return Dossier.objects.none()
    units = dossier_units_for(user).values("pk")
    return Dossier.objects.filter(Q(receiving_unit__in=units) | Q(handling_unit__in=units))


def _personal_unit_ids(user: Any) -> frozenset[int]:
    """Units in which this person sees applicants in full (cached on the user object per request)."""
    cached = getattr(user, "_cchc_personal_units", None)
    if cached is not None:
        return frozenset(cached)
    ids: frozenset[int] = frozenset()
    if _active(user) and not user.is_superuser and user.role in PERSONAL_DATA_ROLES:
        unit = user_unit(user)
        if unit is not None:
            ids = frozenset(unit.subtree().values_list("pk", flat=True))
    user._cchc_personal_units = ids
    return ids


def may_see_personal_data(user: Any, dossier: Dossier) -> bool:
    ids = _personal_unit_ids(user)
    return dossier.handling_unit_id in ids or dossier.receiving_unit_id in ids


def may_search_personal_data(user: Any) -> bool:
    """Searching by name or phone is itself a read of personal data: only for those who may see it."""
    return bool(_personal_unit_ids(user))


# --- masking -----------------------------------------------------------------------------------


def mask_name(name: str) -> str:
    """ "Nguyễn Văn An" → "Nguyễn V*** A**": the family name stays, the other words keep an initial.

    Fixed-width stars, so the mask reveals neither the length nor the number of letters.
    """
    words = name.split()
    if not words:
        return ""
    if len(words) == 1:
        return words[0][0] + "**"
    return " ".join([words[0], *(w[0] + "***" for w in words[1:-1]), words[-1][0] + "**"])


def mask_digits(value: str, keep: int = 3) -> str:
    """ "0912345789" → "*******789"."""
    value = "".join(value.split())
    if not value:
        return ""
    if len(value) <= keep:
        return "*" * len(value)
    return "*" * (len(value) - keep) + value[-keep:]


def mask_email(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    local, _, domain = value.partition("@")
    return (local[:1] + "***@" + domain) if domain else "***"


def mask_address(value: str) -> str:
    return "***" if value.strip() else ""


@dataclass(frozen=True)
class Applicant:
    name: str
    id_number: str
    phone: str
    email: str
    address: str
    masked: bool


def mask_applicant(dossier: Dossier, user: Any) -> Applicant:
    """The applicant as this person may see them: in full, or masked."""
    if may_see_personal_data(user, dossier):
        return Applicant(
            dossier.applicant_name,
            dossier.applicant_id_number,
            dossier.applicant_phone,
            dossier.applicant_email,
            dossier.applicant_address,
            masked=False,
        )
    return Applicant(
        mask_name(dossier.applicant_name),
        mask_digits(dossier.applicant_id_number),
        mask_digits(dossier.applicant_phone),
        mask_email(dossier.applicant_email),
        mask_address(dossier.applicant_address),
        masked=True,
    )


# --- lists -------------------------------------------------------------------------------------


def with_deadline(qs: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """The deadline in force: the appointment shifted by supplement time (rules-vn §1.6), else as given."""
    return qs.annotate(deadline=Coalesce("effective_appointment_at", "appointment_at"))


def late_q(now: dt.datetime) -> Q:
    """Finished late, or still open past the deadline (rules-vn §1.4: open dossiers judged at "now")."""
    open_overdue = Q(status__in=OPEN_STATUSES) & (
        Q(effective_appointment_at__lt=now) | Q(effective_appointment_at__isnull=True, appointment_at__lt=now)
    )
    return Q(outcome=Outcome.LATE) | (
        Q(outcome__in=["", Outcome.OPEN_WITHIN, Outcome.OPEN_OVERDUE]) & open_overdue
    )


def with_apology_flag(qs: QuerySet[Dossier]) -> QuerySet[Dossier]:
    return qs.annotate(has_apology=Exists(Apology.objects.filter(dossier=OuterRef("pk"))))


def without_apology(qs: QuerySet[Dossier]) -> QuerySet[Dossier]:
    return qs.filter(~Exists(Apology.objects.filter(dossier=OuterRef("pk"))))


DEADLINE = Coalesce("effective_appointment_at", "appointment_at")


def deadline_from(qs: QuerySet[Dossier], start: dt.datetime) -> QuerySet[Dossier]:
    return qs.filter(
        Q(effective_appointment_at__gte=start)
        | Q(effective_appointment_at__isnull=True, appointment_at__gte=start)
    )


def deadline_before(qs: QuerySet[Dossier], end: dt.datetime) -> QuerySet[Dossier]:
    return qs.filter(
        Q(effective_appointment_at__lt=end) | Q(effective_appointment_at__isnull=True, appointment_at__lt=end)
    )


def search_dossiers(qs: QuerySet[Dossier], text: str, user: Any) -> QuerySet[Dossier]:
    text = text.strip()
    if not text:
        return qs
    cond = Q(code__icontains=text)
    if may_search_personal_data(user):
        cond |= Q(applicant_name__icontains=text) | Q(applicant_id_number__icontains=text)
        digits = re.sub(r"\D", "", text)
        if len(digits) >= 4:
            cond |= Q(applicant_phone__icontains=digits)
    return qs.filter(cond)


def local_day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    first = month.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first, last


# --- causes ------------------------------------------------------------------------------------

CAUSE_LABELS = {
    "step_overrun": "Bước xử lý quá hạn",
    "software_closing": "Kết thúc xử lý trên phần mềm chậm",
    "second_supplement": "Yêu cầu bổ sung hồ sơ lần thứ hai",
    "unattributed": "Chưa xác định được nguyên nhân",
}


def causes_of(dossier: Dossier) -> list[dict[str, str]]:
    """Late causes as stored ([{"kind","unit","official"}]), tolerant of missing keys."""
    out = []
    for raw in dossier.late_causes or []:
        if not isinstance(raw, dict):
            continue
        kind = str(raw.get("kind") or "unattributed")
        out.append(
            {
                "kind": kind,
                "label": CAUSE_LABELS.get(kind, kind),
                "unit": str(raw.get("unit") or ""),
                "official": str(raw.get("official") or ""),
            }
        )
    return out


# --- league tables -----------------------------------------------------------------------------


def league_min_dossiers() -> int:
    # UNCONFIRMED threshold (no rule found): a product default, overridable per installation.
    return int(getattr(settings, "CCHC_LEAGUE_MIN_DOSSIERS", 30))


@dataclass
class LeagueRow:
    key: str
    name: str
    unit_name: str = ""
    finished: int = 0
    late: int = 0
    early: int | None = None  # known for units (daily facts), not split per official
    on_time: int | None = None
    rank: int | None = None

    @property
    def late_rate(self) -> float | None:
        return self.late / self.finished if self.finished else None


@dataclass
class League:
    ranked: list[LeagueRow] = field(default_factory=list)
    too_few: list[LeagueRow] = field(default_factory=list)
    min_finished: int = 0

    @property
    def totals(self) -> LeagueRow:
        rows = [*self.ranked, *self.too_few]
        total = LeagueRow("total", "Tổng cộng")
        total.finished = sum(r.finished for r in rows)
        total.late = sum(r.late for r in rows)
        if rows and all(r.early is not None and r.on_time is not None for r in rows):
            total.early = sum(r.early or 0 for r in rows)
            total.on_time = sum(r.on_time or 0 for r in rows)
        return total


def _rank(rows: Iterable[LeagueRow], min_finished: int) -> League:
    league = League(min_finished=min_finished)
    for row in rows:
        if row.finished == 0:
            continue
        (league.ranked if row.finished >= min_finished else league.too_few).append(row)
    # Highest late rate first: the table exists to find the units that are late most often.
    league.ranked.sort(key=lambda r: (-(r.late_rate or 0), -r.late, r.name))
    previous: tuple[float, int] | None = None
    for i, row in enumerate(league.ranked, start=1):
        current = (row.late_rate or 0.0, row.late)
        row.rank = league.ranked[i - 2].rank if previous == current else i
        previous = current
    league.too_few.sort(key=lambda r: r.name)
    return league


# Audit verbs after which the daily facts may have changed (the write path and `cchc rebuild-facts`).
FACT_WRITE_VERBS = ("dossiers.upsert", "dossiers.facts_rebuilt")


def league_cache_seconds() -> int:
    # Backstop only: entries are keyed on the last fact-changing audit row, so a write invalidates them.
    return int(getattr(settings, "CCHC_LEAGUE_CACHE_SECONDS", 600))


def facts_stamp() -> int:
    """The id of the last audit row of a fact-changing write: every such write records one."""
    last = (
        AuditEvent.objects.filter(verb__in=FACT_WRITE_VERBS)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    return last or 0


def _unit_finished_counts(units: QuerySet[Unit], date_from: dt.date, date_to: dt.date) -> list[LeagueRow]:
    """Finished early / on time / late per handling unit in the period, from the daily facts.

    The same sums as ``stats.unit_stats`` (``cchc dossier-stats``) over the same days, without its
    open-dossier columns, which add a scan of all history the league does not need. No procedure
    filter, so the unit roll-up (``UnitDailyFact``) serves it.
    """
    sums = (
        UnitDailyFact.objects.filter(unit__in=units, day__gte=date_from, day__lte=date_to)
        .values("unit")
        .annotate(e=Sum("finished_early"), o=Sum("finished_on_time"), la=Sum("finished_late"))
        .order_by()
    )
    by_unit = {r["unit"]: r for r in sums}
    names = {
        pk: (code, name)
        for pk, code, name in Unit.objects.filter(pk__in=by_unit).values_list("pk", "code", "name")
    }
    rows = []
    for pk, r in by_unit.items():
        early, on_time, late = r["e"] or 0, r["o"] or 0, r["la"] or 0
        code, name = names[pk]
        rows.append(
            LeagueRow(code, name, finished=early + on_time + late, late=late, early=early, on_time=on_time)
        )
    return rows


def unit_league(
    user: Any, date_from: dt.date, date_to: dt.date, *, min_finished: int | None = None
) -> League:
    """The unit league table. Served from the cache while no fact-changing write happened since."""
    units = dossier_units_for(user)
    threshold = league_min_dossiers() if min_finished is None else min_finished
    seconds = league_cache_seconds()
    if seconds <= 0:
        return _rank(_unit_finished_counts(units, date_from, date_to), threshold)
    scope = hashlib.sha256(
        ",".join(map(str, sorted(units.values_list("pk", flat=True)))).encode()
    ).hexdigest()
    key = f"cchc:league:units:{facts_stamp()}:{scope[:24]}:{date_from}:{date_to}"
    rows = cache.get(key)
    if rows is None:
        rows = _unit_finished_counts(units, date_from, date_to)
        cache.set(key, rows, seconds)
    return _rank([dataclasses.replace(r, rank=None) for r in rows], threshold)


def _official_key(step: Mapping[str, Any]) -> str:
    if step["official_id"]:
        return f"id:{step['official_id']}"
    return "name:" + " ".join((step["official_name"] or "").split()).casefold()


def _cause_names_official(cause: dict[str, Any], step: Mapping[str, Any]) -> bool:
    who = " ".join(str(cause.get("official") or "").split()).casefold()
    if not who:
        return False
    candidates = {
        " ".join((step.get(k) or "").split()).casefold()
        for k in ("official_name", "official__full_name", "official__code")
    }
    return who in candidates


def official_counts(dossiers: QuerySet[Dossier]) -> list[LeagueRow]:
    """Per official: finished dossiers they handled a step of, and late ones a cause blames them for.

    A late dossier counts against an official when its stored causes name them in a ``step_overrun``
    (the outcome engine's attribution, issue 3 deliverable 3), not merely because they touched it.
    """
    finished = dossiers.filter(outcome__in=FINISHED_OUTCOMES)
    causes_by: dict[int, list[dict[str, Any]]] = {}
    for pk, outcome, causes in finished.values_list("pk", "outcome", "late_causes").iterator():
        if outcome == Outcome.LATE:
            causes_by[pk] = [
                c for c in (causes or []) if isinstance(c, dict) and c.get("kind") == "step_overrun"
            ]
    rows: dict[str, LeagueRow] = {}
    seen: set[tuple[str, int]] = set()
    blamed: set[tuple[str, int]] = set()
    steps = DossierStep.objects.filter(dossier__in=finished.values("pk")).values(
        "dossier_id",
        "official_id",
        "official_name",
        "official__full_name",
        "official__code",
        "official__unit__name",
        "unit__name",
        "unit_name",
    )
    for step in steps.iterator():
        if not (step["official_id"] or (step["official_name"] or "").strip()):
            continue
        key = _official_key(step)
        dossier_id = step["dossier_id"]
        row = rows.get(key)
        if row is None:
            row = rows[key] = LeagueRow(
                key,
                step["official__full_name"] or step["official_name"],
                unit_name=step["official__unit__name"] or step["unit__name"] or step["unit_name"] or "",
            )
        if (key, dossier_id) not in seen:
            seen.add((key, dossier_id))
            row.finished += 1
        if (key, dossier_id) not in blamed and any(
            _cause_names_official(c, step) for c in causes_by.get(dossier_id, [])
        ):
            blamed.add((key, dossier_id))
            row.late += 1
    return list(rows.values())


def finished_between(qs: QuerySet[Dossier], date_from: dt.date, date_to: dt.date) -> QuerySet[Dossier]:
    return qs.filter(
        end_at__gte=local_day_start(date_from), end_at__lt=local_day_start(date_to + dt.timedelta(days=1))
    )


def official_league(
    user: Any, date_from: dt.date, date_to: dt.date, *, min_finished: int | None = None
) -> League:
    rows = official_counts(finished_between(dossiers_for(user), date_from, date_to))
    return _rank(rows, league_min_dossiers() if min_finished is None else min_finished)


# --- monthly late list -------------------------------------------------------------------------


def late_list_rows(jurisdiction: Jurisdiction, month: dt.date) -> list[dict[str, Any]]:
    """The month's units and officials with late dossiers, as stored in ``LateList.rows``.

    Units: handling units of the jurisdiction, counts from the daily facts (the figures the league table
    shows). Officials: named by a ``step_overrun`` cause of a dossier finished in the month. No
    applicant data goes in (the list is published).
    """
    first, last = month_bounds(month)
    units = Unit.objects.filter(jurisdiction__path__startswith=jurisdiction.path)
    stats, _total = unit_stats(first, last, units=units)
    rows: list[dict[str, Any]] = [
        {
            "unit": r.unit,
            "unit_name": r.name,
            "official": None,
            "late": r.late,
            "finished": r.finished,
            "late_rate": round(r.late / r.finished, 4) if r.finished else None,
        }
        for r in stats
        if r.late
    ]
    dossiers = finished_between(Dossier.objects.filter(handling_unit__in=units.values("pk")), first, last)
    officials = [row for row in official_counts(dossiers) if row.late]
    officials.sort(key=lambda r: (r.unit_name, r.name))
    for row in officials:
        rows.append(
            {
                "unit": "",
                "unit_name": row.unit_name,
                "official": row.name,
                "late": row.late,
                "finished": row.finished,
                "late_rate": round(row.late / row.finished, 4) if row.finished else None,
            }
        )
    return rows


def group_rows(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(unit rows, official rows) of a stored list."""
    units = [r for r in rows if not r.get("official")]
    officials = [r for r in rows if r.get("official")]
    return units, officials


def late_lists_for(user: Any) -> QuerySet[LateList]:
    """Monthly late lists a person may read on the staff side: the jurisdiction-wide roles'."""
    if not _active(user):
        return LateList.objects.none()
    if user.is_superuser:
        return LateList.objects.all()
    if user.role not in JURISDICTION_WIDE:
        return LateList.objects.none()
    area = user_jurisdiction(user)
    if area is None:
        return LateList.objects.none()
    return LateList.objects.filter(jurisdiction__path__startswith=area.path)


def published_late_lists() -> QuerySet[LateList]:
    """What the public site shows: published lists only (withdrawn ones disappear)."""
    return LateList.objects.filter(status=LateListStatus.PUBLISHED).select_related("jurisdiction")


# --- public look-up ----------------------------------------------------------------------------


def normalize_phone(raw: str) -> str:
    """Digits only, "+84 912…" and "84912…" read as "0912…"."""
    digits = re.sub(r"\D", "", raw or "")
    if digits.startswith("84") and len(digits) >= 11:
        digits = "0" + digits[2:]
    return digits


@dataclass(frozen=True)
class PublicStep:
    unit_name: str
    started_at: dt.datetime | None
    finished_at: dt.datetime | None


@dataclass(frozen=True)
class PublicDossier:
    """Everything the public look-up may show: no personal data beyond the masked name, no officials."""

    code: str
    masked_name: str
    procedure_name: str
    receiving_unit: str
    handling_unit: str
    status: str
    received_at: dt.datetime | None
    appointment_at: dt.datetime | None
    shifted_appointment_at: dt.datetime | None
    new_appointment_at: dt.datetime | None
    finished_at: dt.datetime | None
    returned_at: dt.datetime | None
    steps: tuple[PublicStep, ...]


def public_lookup(code: str, phone: str) -> PublicDossier | None:
    """The dossier whose code and applicant phone both match, else None (the caller says the same
    thing whichever was wrong, so the look-up cannot be used to learn which codes exist)."""
    code = code.strip()
    digits = normalize_phone(phone)
    if not code or len(digits) < 8:
        return None
    dossier = (
        Dossier.objects.filter(code__in={code, code.upper()})
        .select_related("procedure", "receiving_unit", "handling_unit")
        .first()
    )
    if dossier is None or normalize_phone(dossier.applicant_phone) != digits:
        return None
    apology = Apology.objects.filter(dossier=dossier).order_by("-issued_at").first()
    steps = tuple(
        PublicStep(s.unit.name if s.unit else s.unit_name, s.started_at, s.finished_at)
        for s in dossier.steps.select_related("unit").order_by("seq")
    )
    return PublicDossier(
        code=dossier.code,
        masked_name=mask_name(dossier.applicant_name),
        procedure_name=dossier.procedure.name,
        receiving_unit=dossier.receiving_unit.name,
        handling_unit=dossier.handling_unit.name,
        status=dossier.get_status_display(),
        received_at=dossier.received_at,
        appointment_at=dossier.appointment_at,
        shifted_appointment_at=(
            dossier.effective_appointment_at
            if dossier.effective_appointment_at and dossier.effective_appointment_at != dossier.appointment_at
            else None
        ),
        new_appointment_at=apology.new_appointment_at if apology else None,
        finished_at=dossier.end_at,
        returned_at=dossier.returned_at,
        steps=steps,
    )
