"""Who may read which dossiers, whose personal data a person may see, and the reads behind the screens.

Scope (docs/architecture.md, "Rules of the house"):

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
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, Model, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThan
from django.utils import timezone
from django.utils.translation import gettext_noop

from cchc.core.compiled_read import CompiledRead
from cchc.core.roles import JURISDICTION_WIDE, Role, is_active_user
from cchc.dossiers.models import (
    FINISHED_LATE,
    OPEN_STATUSES,
    OPEN_UNJUDGED,
    Apology,
    Dossier,
    DossierStep,
    Outcome,
    Status,
    Supplement,
)
from cchc.lib.personal_data import mask_name
from cchc.org.models import Unit
from cchc.org.queries import units_for, user_unit

# Roles that work on dossiers inside their own unit's subtree, and see the applicant in full there.
UNIT_SCOPED = frozenset({Role.ONE_STOP, Role.UNIT_HEAD, Role.UNIT_OFFICER})
PERSONAL_DATA_ROLES = UNIT_SCOPED
# The handling unit's heads and officers issue apology letters, and so does the One-stop Office
# (docs/rules/late-dossiers.md: the handling body apologises; the One-stop Office hands the letter over).
HANDLING_ROLES = frozenset({Role.UNIT_HEAD, Role.UNIT_OFFICER})

FINISHED_OUTCOMES = (Outcome.EARLY, Outcome.ON_TIME, Outcome.LATE)
# ``OPEN_STATUSES`` (which statuses are open for lateness) lives with the model: its partial indexes use it.


# --- scope -------------------------------------------------------------------------------------


def dossier_units_for(user: Any) -> QuerySet[Unit]:
    """Units whose dossiers (and daily figures) a person may read."""
    if not is_active_user(user):
        return Unit.objects.none()
    if user.is_superuser or user.role in JURISDICTION_WIDE:
        return units_for(user)
    if user.role in UNIT_SCOPED:
        unit = user_unit(user)
        return unit.subtree() if unit is not None else Unit.objects.none()
    return Unit.objects.none()


def may_read_dossiers(user: Any) -> bool:
    """Does this person have any business with dossier screens at all (the Front has none)?"""
    return is_active_user(user) and bool(user.is_superuser or user.role in JURISDICTION_WIDE | UNIT_SCOPED)


def dossiers_for(user: Any, *, write: bool = False) -> QuerySet[Dossier]:
    """THE scoping helper: every dossier row shown to a person comes through here."""
    if not is_active_user(user):
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
    scope = read_scope(user)
    return Dossier.objects.none() if scope is None else Dossier.objects.filter(scope)


def read_scope(user: Any) -> Q | None:
    """The dossiers this person may read, as a condition on the two unit columns (``None``: none): the
    dossiers' own, or the same columns copied onto their causes' rows (``DossierCause``)."""
    if not may_read_dossiers(user):
        return None
    if user.is_superuser:
        return Q()
    units = dossier_units_for(user).values("pk")
    return Q(receiving_unit__in=units) | Q(handling_unit__in=units)


def _personal_unit_ids(user: Any) -> frozenset[int]:
    """Units in which this person sees applicants in full (cached on the user object per request)."""
    cached = getattr(user, "_cchc_personal_units", None)
    if cached is not None:
        return frozenset(cached)
    ids: frozenset[int] = frozenset()
    if is_active_user(user) and not user.is_superuser and user.role in PERSONAL_DATA_ROLES:
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
    """The deadline in force: the appointment shifted by supplement time (docs/rules/dossier-deadlines.md),
    else as given."""
    return qs.annotate(deadline=Coalesce("effective_appointment_at", "appointment_at"))


def open_overdue_q(now: dt.datetime) -> Q:
    """Still open past the deadline (the second half of ``late_q``)."""
    # The deadline in force as the late list's indexes hold it (``DEADLINE``), not as its two columns:
    # PostgreSQL then checks it on the index entries of the open dossiers instead of reading every
    # open dossier not yet due (40,000 of them read for 1,450 overdue at 5,000,000 dossiers).
    return OPEN_UNJUDGED & Q(LessThan(DEADLINE, now))


def late_q(now: dt.datetime) -> Q:
    """Finished late, or still open past the deadline (docs/rules/dossier-deadlines.md: open dossiers judged
    at "now")."""
    # The model's ``LATE_CANDIDATES`` arm by arm, the deadline added to the open arm: repeating the
    # indexes' condition is what lets PostgreSQL read the late list's partial indexes.
    return FINISHED_LATE | open_overdue_q(now)


def is_overdue(d: Dossier, now: dt.datetime) -> bool:
    if d.outcome == Outcome.LATE:
        return True
    deadline = d.effective_appointment_at or d.appointment_at
    return (
        d.status in OPEN_STATUSES
        and deadline is not None
        and deadline < now
        and d.outcome in ("", "open_within_time", "open_overdue")
    )


def with_apology_flag(qs: QuerySet[Dossier]) -> QuerySet[Dossier]:
    return qs.annotate(has_apology=Exists(Apology.objects.filter(dossier=OuterRef("pk"))))


def without_apology(qs: QuerySet[Dossier]) -> QuerySet[Dossier]:
    return qs.filter(~Exists(Apology.objects.filter(dossier=OuterRef("pk"))))


DEADLINE = Coalesce("effective_appointment_at", "appointment_at")


def deadline_from[M: Model](qs: QuerySet[M], start: dt.datetime) -> QuerySet[M]:
    """Rows whose deadline in force is at or after ``start``: dossiers, or their causes' rows (the same
    column names)."""
    return qs.filter(
        Q(effective_appointment_at__gte=start)
        | Q(effective_appointment_at__isnull=True, appointment_at__gte=start)
    )


def deadline_before[M: Model](qs: QuerySet[M], end: dt.datetime) -> QuerySet[M]:
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

# Vietnamese (reports and exports quote them); a page shows them in its language (docs/translating.md).
CAUSE_LABELS = {
    "step_overrun": gettext_noop("Bước xử lý quá hạn"),
    "software_closing": gettext_noop("Kết thúc xử lý trên phần mềm chậm"),
    "second_supplement": gettext_noop("Yêu cầu bổ sung hồ sơ lần thứ hai"),
    "unattributed": gettext_noop("Chưa xác định được nguyên nhân"),
}

# The two kinds of row on the late list.
LATE_KINDS = {"finished": gettext_noop("Đã giải quyết trễ hạn"), "open": gettext_noop("Đang quá hạn")}


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


def official_links(dossier: Dossier, names: dict[int, str]) -> list[dict[str, Any]]:
    """The officials the causes of a late dossier name, each once, in the causes' order, as the late
    list links them: by account (``official_id``, shown by the account's name now, ``names``) when the
    cause stores one, else by the name the source system gave."""
    seen: dict[str, dict[str, Any]] = {}
    for raw in dossier.late_causes or []:
        if not isinstance(raw, dict):
            continue
        name = " ".join(str(raw.get("official") or "").split())
        account = raw.get("official_id")
        if isinstance(account, int):
            shown = names.get(account) or name
            seen.setdefault(f"id:{account}", {"name": shown, "official": shown, "official_id": account})
        elif name:
            seen.setdefault(name.casefold(), {"name": name, "official": name, "official_id": None})
    return list(seen.values())


def blamed_accounts(dossiers: list[Dossier]) -> dict[int, str]:
    """The accounts the causes of these dossiers blame, by id: their names now (one query)."""
    from cchc.org.models import Official

    ids = {
        c["official_id"]
        for d in dossiers
        for c in d.late_causes or []
        if isinstance(c, dict) and isinstance(c.get("official_id"), int)
    }
    return dict(Official.objects.filter(pk__in=ids).values_list("pk", "full_name")) if ids else {}


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
    # For the phone answers: the status's number, what the open supplement request asks for, and the
    # desk to call (the receiving one-stop office, else the handling unit).
    status_code: int = 0
    missing: str = ""
    contact_unit: str = ""
    contact_phone: str = ""


def public_lookup(code: str, phone: str) -> PublicDossier | None:
    """The dossier whose code and applicant phone both match, else None (the caller says the same
    thing whichever was wrong, so the look-up cannot be used to learn which codes exist).

    Read as plain values of the columns shown, not as model instances, by reads whose SQL is compiled
    once (``core.compiled_read``): the look-up is the busiest public page, and building the querysets,
    compiling their SQL and building objects cost it more CPU than PostgreSQL's index reads
    (bench/bench_public_page_cpu.py). The latest apology's new appointment comes with the dossier's row.
    """
    code = code.strip()
    digits = normalize_phone(phone)
    if not code or len(digits) < 8:
        return None
    found = _PUBLIC_DOSSIER.rows(code, code.upper())
    if not found:
        return None
    row = dict(zip(_PUBLIC_DOSSIER_NAMES, found[0], strict=True))
    if normalize_phone(row["applicant_phone"]) != digits:
        return None
    pk = row["pk"]
    steps = tuple(
        PublicStep(unit if unit_id is not None else name, started, finished)
        for unit_id, unit, name, started, finished in _PUBLIC_STEPS.rows(pk)
    )
    status = row["status"]
    shifted = row["effective_appointment_at"]
    contact = "receiving_unit" if row["receiving_unit__phone"] else "handling_unit"
    missing = ""
    if status == Status.SUPPLEMENT:
        asked = _OPEN_SUPPLEMENT.rows(pk)
        missing = (asked[0][0] if asked else "") or ""
    return PublicDossier(
        code=row["code"],
        masked_name=mask_name(row["applicant_name"]),
        procedure_name=row["procedure__name"],
        receiving_unit=row["receiving_unit__name"],
        handling_unit=row["handling_unit__name"],
        status=str(_STATUS_LABELS.get(status, status)),
        received_at=row["received_at"],
        appointment_at=row["appointment_at"],
        shifted_appointment_at=shifted if shifted and shifted != row["appointment_at"] else None,
        new_appointment_at=row["new_appointment_at"],
        finished_at=row["end_at"],
        returned_at=row["returned_at"],
        steps=steps,
        status_code=status,
        missing=missing,
        contact_unit=row[f"{contact}__name"],
        contact_phone=row["receiving_unit__phone"] or row["handling_unit__phone"],
    )


_PUBLIC_DOSSIER_FIELDS = (
    "pk",
    "code",
    "applicant_name",
    "applicant_phone",
    "status",
    "received_at",
    "appointment_at",
    "effective_appointment_at",
    "end_at",
    "returned_at",
    "procedure__name",
    "receiving_unit__name",
    "receiving_unit__phone",
    "handling_unit__name",
    "handling_unit__phone",
)


# The look-up's reads (``public_lookup``), compiled once per database. The stand-ins are values no request
# sends: a code holding NUL characters (the form refuses them) and a negative id within a 32-bit key's range.
_CODE_STAND_IN, _CODE_UPPER_STAND_IN, _ID_STAND_IN = "\x00code\x00", "\x00CODE\x00", -2_000_000_001
_PUBLIC_DOSSIER_NAMES = (*_PUBLIC_DOSSIER_FIELDS, "new_appointment_at")
_PUBLIC_DOSSIER = CompiledRead(
    Dossier,
    lambda code, upper: (
        Dossier.objects.filter(code__in=[code, upper])
        .annotate(
            latest_apology_appointment=Subquery(
                Apology.objects.filter(dossier_id=OuterRef("pk"))
                .order_by("-issued_at")
                .values("new_appointment_at")[:1]
            )
        )
        .order_by("pk")
        .values_list(*_PUBLIC_DOSSIER_FIELDS, "latest_apology_appointment")[:1]
    ),
    (_CODE_STAND_IN, _CODE_UPPER_STAND_IN),
)
_PUBLIC_STEPS = CompiledRead(
    DossierStep,
    lambda pk: (
        DossierStep.objects.filter(dossier_id=pk)
        .order_by("seq")
        .values_list("unit_id", "unit__name", "unit_name", "started_at", "finished_at")
    ),
    (_ID_STAND_IN,),
)
_OPEN_SUPPLEMENT = CompiledRead(
    Supplement,
    lambda pk: (
        Supplement.objects.filter(dossier_id=pk, completed_at__isnull=True)
        .order_by("-seq")
        .values_list("content")[:1]
    ),
    (_ID_STAND_IN,),
)
_STATUS_LABELS = dict(Status.choices)
