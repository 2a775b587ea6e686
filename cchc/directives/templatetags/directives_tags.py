"""Template filters of the directive screens: status labels and badges, Vietnamese numbers."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext

from cchc.directives.queries import STATE_BADGES, STATE_LABELS

register = template.Library()


@register.filter
def state_label(state: str) -> str:
    label = STATE_LABELS.get(state, "")
    return gettext(label) if label else ""


@register.filter
def state_badge(state: str) -> str:
    return STATE_BADGES.get(state, "text-bg-secondary")


@register.filter
def tally(t: Any, state: str) -> int:
    """``{{ tally|tally:"open_overdue" }}``: a count of one status (0 when there is no tally)."""
    return t[state] if t is not None else 0


@register.filter
def pct(value: float | None) -> str:
    """Vietnamese decimal comma: 87,5."""
    if value is None:
        return "—"
    return f"{value:.1f}".replace(".", ",")
