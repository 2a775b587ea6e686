"""Template helpers of the dossier screens: the applicant as the viewer may see them, rates, causes."""

from __future__ import annotations

from typing import Any

from django import template

from cchc.core.templatetags.vn_format import vn_percent
from cchc.dossiers.models import Dossier
from cchc.dossiers.queries import Applicant, mask_applicant
from cchc.lib.personal_data import mask_name as _mask_name

register = template.Library()


@register.filter
def applicant_for(dossier: Dossier, user: Any) -> Applicant:
    """``{% with a=d|applicant_for:request.user %}``: full or masked personal data for this viewer."""
    return mask_applicant(dossier, user)


@register.filter
def mask_name(name: str) -> str:
    return _mask_name(name or "")


@register.filter
def percent(value: float | None, digits: int = 1) -> str:
    """0.125 → "12,5%" (Vietnamese decimal comma); None → "—"."""
    return vn_percent(value, int(digits))
