"""Template helpers of the survey screens: indices in the Vietnamese number format, lookups by code
(codes such as “E1.1” cannot be written in template variable syntax), and the panel on a dossier's page."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext, gettext_noop

from cchc.lib import indices
from cchc.surveys import results

register = template.Library()


@register.filter
def pct(value: Any) -> str:
    """A share (Fraction in [0, 1]) or an Estimate as "68,75"."""
    if isinstance(value, indices.Estimate):
        value = value.index
    return results.vn_number(indices.percent(value))


@register.filter
def ci(value: Any) -> str:
    if isinstance(value, indices.Estimate):
        return results.ci_text(value)
    return "—"


@register.filter
def num(value: Any, decimals: int = 2) -> str:
    if value is None or value == "":
        return "—"
    return results.vn_number(float(value), int(decimals))


@register.filter
def group_est(result: indices.SurveyIndex, group: Any) -> indices.Estimate | None:
    return result.levels.get(group.level, {}).get(group.code)


@register.filter
def item_est(result: indices.SurveyIndex, code: str) -> indices.Estimate | None:
    return result.items.get(code)


@register.filter
def share(value: Any) -> str:
    if isinstance(value, indices.Share):
        return results.vn_number(indices.percent(value.share))
    return "—"


@register.filter
def lookup(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.inclusion_tag("surveys/_dossier_panel_body.html", takes_context=True)
def dossier_survey_panel(context: Any, dossier: Any) -> dict[str, Any]:
    """What the dossier page shows about surveys: the slips to print, whether the citizen has answered
    (never what they answered), and the nine-indicator evaluation."""
    from django.urls import NoReverseMatch, reverse

    from cchc.surveys.collection import already_answered
    from cchc.surveys.evaluation import band_of, evaluate

    try:
        urls = {
            name: reverse(f"surveys:{name}", args=[dossier.code])
            for name in ("receipt", "return_slip", "dossier_evaluation")
        }
    except NoReverseMatch:
        return {"hidden": True}  # the survey screens are not mounted in this installation
    evaluation = evaluate(dossier)
    scaled = evaluation.scaled
    return {
        "d": dossier,
        "urls": urls,
        "answered": already_answered(dossier),
        "e": evaluation,
        "band": band_of(evaluation),
        "scaled": results.vn_number(float(scaled), 1) if scaled is not None else "—",
    }


WORDING = {
    "confirmed": gettext_noop("đã đối chiếu nguồn"),
    "translated": gettext_noop("dịch từ nguồn tiếng Anh"),
    "reconstructed": gettext_noop("dựng lại từ mô tả"),
    "unconfirmed": gettext_noop("chưa xác nhận"),
}


@register.filter
def wording(value: Any) -> str:
    """How far a question's text is confirmed, in words (the file stores a code)."""
    return gettext(WORDING.get(str(value), WORDING["unconfirmed"]))
