"""Who manages a unit's website register, and the reads its screens and public pages share.

Permission (one helper per object type, all from ``can_manage_unit``): a unit's head and its officers
manage the register and the embedding websites of their own unit and of the units below it; the Office of
the People's Committee (Văn phòng HĐND và UBND) also manages those of the People's Committees of its area,
whose documents it publishes. The leader, Internal Affairs, the auditor, one-stop staff and the Front
manage none (they read the public pages like everyone). The register itself is public: every document of
every unit is on the public site, as its website would show it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from cchc.core.roles import Role, is_active_user
from cchc.dossiers.models import LateList
from cchc.dossiers.rankings import group_rows, published_late_lists
from cchc.org.models import Unit, UnitKind, UnitQuerySet
from cchc.org.queries import user_jurisdiction, user_unit
from cchc.surveys import results
from cchc.surveys.models import Campaign, CampaignStatus
from cchc.surveys.results import UnitRow
from cchc.unitsite.models import EmbedOrigin, UnitDocument, Validity

MANAGER_ROLES = frozenset({Role.UNIT_HEAD, Role.UNIT_OFFICER, Role.OFFICE})
COMMITTEES = (UnitKind.PEOPLES_COMMITTEE, UnitKind.WARD_COMMITTEE)


def may_use_screens(user: Any) -> bool:
    """Whether the staff screens open at all (the menu shows them to these roles)."""
    return is_active_user(user) and (user.is_superuser or user.role in MANAGER_ROLES)


def managed_units(user: Any) -> UnitQuerySet:
    if not may_use_screens(user):
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    own = user_unit(user)
    scope = Q(path__startswith=own.path) if own is not None else Q(pk__in=[])
    if user.role == Role.OFFICE:
        area = user_jurisdiction(user)
        if area is not None:
            scope |= Q(kind__in=COMMITTEES, jurisdiction__path__startswith=area.path)
    return Unit.objects.filter(scope)


def can_manage_unit(user: Any, unit: Unit) -> bool:
    return managed_units(user).filter(pk=unit.pk).exists()


def can_edit_document(user: Any, document: UnitDocument) -> bool:
    return can_manage_unit(user, document.unit)


def can_remove_origin(user: Any, origin: EmbedOrigin) -> bool:
    return can_manage_unit(user, origin.unit)


# --- public reads -----------------------------------------------------------------------------------------

MAX_QUERY = 200


def public_documents(
    unit: Unit, *, text: str = "", year: int | None = None, validity: str = ""
) -> QuerySet[UnitDocument]:
    """A unit's documents as its public list shows them, newest first; ``text`` matches the number, the
    subject or the issuing body."""
    qs = UnitDocument.objects.filter(unit=unit).select_related("replaced_by")
    text = text.strip()[:MAX_QUERY]
    if text:
        qs = qs.filter(Q(number__icontains=text) | Q(subject__icontains=text) | Q(issuer__icontains=text))
    if year is not None:
        qs = qs.filter(issued_on__gte=dt.date(year, 1, 1), issued_on__lte=dt.date(year, 12, 31))
    if validity in Validity.values:
        qs = qs.filter(validity=validity)
    return qs


def document_years(unit: Unit) -> list[int]:
    return sorted(
        {d.year for d in UnitDocument.objects.filter(unit=unit).values_list("issued_on", flat=True)},
        reverse=True,
    )


def origins_of(unit: Unit) -> list[str]:
    return list(EmbedOrigin.objects.filter(unit=unit).values_list("origin", flat=True))


# --- what the widgets show, from the functions the public site already uses -------------------------------


def unit_late_list(unit: Unit) -> tuple[LateList | None, list[dict[str, Any]], list[dict[str, Any]]]:
    """The latest published monthly late list of an area the unit belongs to, reduced to the rows of the
    unit and the units below it: (list, unit rows, official rows), ordered as the public page orders them
    (``dossiers.rankings.group_rows``). The rows are the published ones; nothing is recounted here."""
    areas = [p for p in unit.jurisdiction.path.strip("/").split("/") if p]
    latest = (
        published_late_lists().filter(jurisdiction_id__in=[int(a) for a in areas]).order_by("-month").first()
    )
    if latest is None:
        return None, [], []
    subtree = list(unit.subtree().values_list("code", "name"))
    codes = {code for code, _ in subtree}
    names = {name for _, name in subtree}
    rows = [
        r
        for r in latest.rows or []
        if isinstance(r, dict) and (r.get("unit") in codes or r.get("unit_name") in names)
    ]
    units, officials = group_rows(rows)
    return latest, units, officials


def unit_satisfaction(unit: Unit) -> list[tuple[Campaign, UnitRow]]:
    """The unit's figures in every published satisfaction survey that covered it, newest first, computed
    by ``surveys.results.unit_rows`` — the function the surveys' own pages use."""
    found = []
    campaigns = (
        Campaign.objects.filter(status=CampaignStatus.PUBLISHED, units__unit=unit)
        .select_related("questionnaire")
        .order_by("-ends_on", "-pk")
        .distinct()[:5]
    )
    for campaign in campaigns:
        rs = results.load(campaign)
        found.append((campaign, results.unit_rows(campaign, rs, [unit])[0]))
    return found
