"""Who may read or change which survey rows: the one place that decides (architecture.md, "Rules of the
house"). Every view, export and page that returns survey rows to a person goes through a ``*_for``
helper here; out-of-scope rows answer 404.

Scope (docs/architecture.md, "Rules of the house"):

- the reform secretariat (Phòng Nội vụ) runs the surveys of its jurisdiction: questionnaires,
  campaigns, kiosks, paper entry, flag review, published SIPAS figures, improvement tasks;
- leader, office and auditor read everything of the jurisdiction and change nothing;
- a unit head reads the results and the (anonymous) responses of their unit; unit officers and
  one-stop officers read their unit's results; a one-stop officer also keys in paper forms and sets up
  kiosks for the units of the area their office serves;
- the Front reads published results only;
- nobody, the secretariat included, sees who answered unless the respondent left contact details
  (``contact_for``); no screen shows a response next to a dossier.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from cchc.core.roles import JURISDICTION_WIDE, Role, is_active_user
from cchc.org.models import Official, Unit, UnitQuerySet
from cchc.org.queries import officials_for, units_for, user_jurisdiction, user_unit
from cchc.surveys.models import (
    Campaign,
    CampaignStatus,
    Kiosk,
    PaperForm,
    PublishedFigure,
    QuestionnaireVersion,
    Response,
)

UNIT_SCOPED = frozenset({Role.UNIT_HEAD, Role.UNIT_OFFICER, Role.ONE_STOP})
# Roles that read officials' ratings (training needs, Công văn 7190/UBND-NV, mục 1): not fellow officers.
RATING_READERS = frozenset({Role.LEADER, Role.SECRETARIAT, Role.OFFICE, Role.AUDITOR, Role.UNIT_HEAD})


def is_secretariat(user: Any) -> bool:
    return is_active_user(user) and bool(
        user.is_superuser or (user.role == Role.SECRETARIAT and user_jurisdiction(user) is not None)
    )


def _area_path(user: Any) -> str | None:
    area = user_jurisdiction(user)
    return area.path if area is not None else None


# --- units ---------------------------------------------------------------------------------------


def survey_units_for(user: Any) -> UnitQuerySet:
    """Units whose survey results a person may read.

    A unit-scoped person reads their unit's subtree and the units above it in the same area: the
    one-stop office of Phường 1 is measured as part of UBND Phường 1, whose results it must see.
    """
    if not is_active_user(user):
        return Unit.objects.none()
    if user.is_superuser or user.role in JURISDICTION_WIDE:
        return units_for(user)
    if user.role in UNIT_SCOPED:
        unit = user_unit(user)
        if unit is None:
            return Unit.objects.none()
        ancestors = [int(pk) for pk in unit.path.strip("/").split("/") if pk]
        return Unit.objects.filter(
            Q(path__startswith=unit.path) | Q(pk__in=ancestors, jurisdiction=unit.jurisdiction)
        )
    return Unit.objects.none()


def entry_units_for(user: Any) -> UnitQuerySet:
    """Units for which a person may key in paper forms and set up kiosks."""
    if not is_active_user(user):
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    if user.role == Role.SECRETARIAT:
        return units_for(user, write=True)
    if user.role == Role.ONE_STOP:
        unit = user_unit(user)
        if unit is None:
            return Unit.objects.none()
        return Unit.objects.filter(jurisdiction__path__startswith=unit.jurisdiction.path)
    return Unit.objects.none()


# --- questionnaires ------------------------------------------------------------------------------


def questionnaires_for(user: Any, *, write: bool = False) -> QuerySet[QuestionnaireVersion]:
    """Questionnaire versions are shared by the installation; the secretariat edits them."""
    if not is_active_user(user):
        return QuestionnaireVersion.objects.none()
    if write:
        return (
            QuestionnaireVersion.objects.all()
            if is_secretariat(user)
            else QuestionnaireVersion.objects.none()
        )
    if user.is_superuser or user.role in JURISDICTION_WIDE:
        return QuestionnaireVersion.objects.all()
    return QuestionnaireVersion.objects.none()


# --- campaigns -----------------------------------------------------------------------------------


def surveys_for(user: Any, *, write: bool = False) -> QuerySet[Campaign]:
    """THE scoping helper for campaigns (and, through them, their results)."""
    if not is_active_user(user):
        return Campaign.objects.none()
    if user.is_superuser:
        return Campaign.objects.all()
    path = _area_path(user)
    if write:
        if not is_secretariat(user) or path is None:
            return Campaign.objects.none()
        return Campaign.objects.filter(jurisdiction__path__startswith=path)
    if user.role in JURISDICTION_WIDE:
        if path is None:
            return Campaign.objects.none()
        return Campaign.objects.filter(jurisdiction__path__startswith=path)
    if user.role in UNIT_SCOPED:
        units = survey_units_for(user).values("pk")
        return Campaign.objects.filter(units__unit__in=units).exclude(status=CampaignStatus.DRAFT).distinct()
    if user.role == Role.FRONT:
        unit = user_unit(user)
        if unit is None:
            return Campaign.objects.none()
        return Campaign.objects.filter(
            status=CampaignStatus.PUBLISHED, jurisdiction__path__startswith=unit.jurisdiction.path
        )
    return Campaign.objects.none()


def result_units(user: Any, campaign: Campaign) -> UnitQuerySet:
    """The campaign's units whose results this person may read."""
    units = Unit.objects.filter(pk__in=campaign.units.values("unit_id"))
    if not is_active_user(user):
        return Unit.objects.none()
    if user.is_superuser or user.role in JURISDICTION_WIDE or user.role == Role.FRONT:
        return units  # the campaign itself was scoped by surveys_for
    return units.filter(pk__in=survey_units_for(user).values("pk"))


def sees_whole_campaign(user: Any, campaign: Campaign) -> bool:
    """Jurisdiction-wide readers see the all-units figures; a ward sees its own and the total."""
    return bool(
        is_active_user(user)
        and (user.is_superuser or user.role in JURISDICTION_WIDE or user.role == Role.FRONT)
    )


# --- responses -----------------------------------------------------------------------------------


def responses_for(user: Any, *, write: bool = False) -> QuerySet[Response]:
    """Individual (anonymous) responses: the jurisdiction-wide roles and the unit head of the unit.
    ``write`` (reviewing flagged responses) is the secretariat's."""
    if not is_active_user(user):
        return Response.objects.none()
    if user.is_superuser:
        return Response.objects.all()
    path = _area_path(user)
    if write:
        if not is_secretariat(user) or path is None:
            return Response.objects.none()
        return Response.objects.filter(campaign__jurisdiction__path__startswith=path)
    if user.role in JURISDICTION_WIDE:
        if path is None:
            return Response.objects.none()
        return Response.objects.filter(campaign__jurisdiction__path__startswith=path)
    if user.role == Role.UNIT_HEAD:
        return Response.objects.filter(
            unit__in=survey_units_for(user).values("pk"), campaign__in=surveys_for(user).values("pk")
        )
    return Response.objects.none()


def may_read_responses(user: Any) -> bool:
    return is_active_user(user) and bool(
        user.is_superuser or user.role in JURISDICTION_WIDE | {Role.UNIT_HEAD}
    )


def may_read_questionnaires(user: Any) -> bool:
    return is_active_user(user) and bool(user.is_superuser or user.role in JURISDICTION_WIDE)


def paper_forms_for(user: Any) -> QuerySet[PaperForm]:
    """Paper forms a person keyed in, or may key in: open campaigns, units they enter for."""
    return PaperForm.objects.filter(
        campaign__in=entry_campaigns_for(user).values("pk"),
        entries__unit__in=entry_units_for(user).values("pk"),
    ).distinct()


def entry_campaigns_for(user: Any) -> QuerySet[Campaign]:
    """Open campaigns with at least one unit this person may key in paper forms for."""
    units = entry_units_for(user).values("pk")
    return Campaign.objects.filter(status=CampaignStatus.OPEN, units__unit__in=units).distinct()


def kiosks_for(user: Any, *, write: bool = False) -> QuerySet[Kiosk]:
    units = entry_units_for(user) if write else survey_units_for(user)
    if not write and is_active_user(user) and user.role == Role.ONE_STOP:
        units = entry_units_for(user)
    return Kiosk.objects.filter(unit__in=units.values("pk"))


def contact_for(response: Response) -> dict[str, str] | None:
    """The respondent's contact details, only if they chose to leave them; otherwise nothing at all."""
    if not response.contact_consent:
        return None
    return {
        "name": response.contact_name,
        "phone": response.contact_phone,
        "email": response.contact_email,
    }


# --- ratings and figures -------------------------------------------------------------------------


def rated_officials_for(user: Any) -> QuerySet[Official]:
    """Officials whose ratings a person may read (training needs): not fellow officers' ratings."""
    if not is_active_user(user):
        return Official.objects.none()
    if user.is_superuser:
        return Official.objects.all()
    if user.role not in RATING_READERS:
        return Official.objects.none()
    return officials_for(user)


def may_read_figures(user: Any) -> bool:
    return is_active_user(user) and bool(user.is_superuser or user.role)


def figures_for(user: Any, *, write: bool = False) -> QuerySet[PublishedFigure]:
    """Published SIPAS figures are public facts: every official reads them; the secretariat types them."""
    if write:
        return PublishedFigure.objects.all() if is_secretariat(user) else PublishedFigure.objects.none()
    return PublishedFigure.objects.all() if may_read_figures(user) else PublishedFigure.objects.none()


def may_create_improvement_tasks(user: Any) -> bool:
    return is_secretariat(user)
