"""Turning a questionnaire into what the answer forms show (public link, kiosk, paper entry)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext, gettext_noop, pgettext, pgettext_lazy

from cchc.lib.questionnaires import Group, Questionnaire
from cchc.surveys.models import RatingLevel

# The names the shipped questionnaires give their levels, for the results pages to translate (a
# questionnaire loaded from a file may name its levels otherwise: those names are shown as written).
LEVEL_NAMES = (
    gettext_noop("Khía cạnh"),
    gettext_noop("Yếu tố"),
    gettext_noop("Yếu tố thành phần"),
    gettext_noop("Tiêu chí"),
)

# Short labels for the large touch buttons; the full scale label is the button's accessible name.
SHORT = {1: "Rất không hài lòng", 2: "Không hài lòng", 3: "Bình thường", 4: "Hài lòng", 5: "Rất hài lòng"}
# The answers of the shipped questionnaires' five-point scale, for the answer forms to translate (in
# their own context: "Bình thường" is also a flag's state). A scale loaded from a file may say otherwise:
# its labels are shown as written, marked Vietnamese.
SCALE_NAMES = (
    pgettext_lazy("survey scale", "Rất không hài lòng"),
    pgettext_lazy("survey scale", "Không hài lòng"),
    pgettext_lazy("survey scale", "Bình thường"),
    pgettext_lazy("survey scale", "Hài lòng"),
    pgettext_lazy("survey scale", "Rất hài lòng"),
)
DEFAULT_EXPECTATIONS_TITLE = gettext_noop("Ông/bà mong muốn cơ quan cải thiện điều gì?")


def scale_choice(value: int, label: str) -> dict[str, Any]:
    """One answer of the scale in the page's language, or as written (``lang`` "vi") when the
    questionnaire names it in words the catalogue does not know."""
    shown = pgettext("survey scale", label)
    return {"value": value, "label": shown, "lang": "" if shown != label else "vi"}


RATINGS = [
    (RatingLevel.VERY_SATISFIED.value, RatingLevel.VERY_SATISFIED.label, "😊"),
    (RatingLevel.SATISFIED.value, RatingLevel.SATISFIED.label, "🙂"),
    (RatingLevel.NOT_SATISFIED.value, RatingLevel.NOT_SATISFIED.label, "🙁"),
]


def sections(
    q: Questionnaire, posted: Mapping[str, Any] | None = None, errors: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    posted = posted or {}
    errors = errors or {}
    scale = [scale_choice(v, q.scale.labels[v]) for v in q.scale.values]
    out: list[dict[str, Any]] = []

    def add(group: Group, prefix: str) -> None:
        if group.groups:
            for child in group.groups:
                add(child, f"{group.title} — ")
            return
        if not group.items:
            return
        items = []
        for item in group.items:
            name = f"q_{item.code}"
            items.append(
                {
                    "code": item.code,
                    "text": item.text,
                    "name": name,
                    "value": str(posted.get(name, "") or ""),
                    "error": errors.get(name, ""),
                    "choices": scale,
                }
            )
        out.append({"code": group.code, "title": prefix + group.title, "items": items})

    for group in q.groups:
        add(group, "")
    return out


def options(q: Questionnaire, posted: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    posted = posted or {}
    return [
        {"code": o.code, "text": o.text, "name": f"m_{o.code}", "checked": bool(posted.get(f"m_{o.code}"))}
        for o in q.options
    ]


def expectations_title(q: Questionnaire) -> str:
    meta = q.meta.get("expectations") or {}
    return str(meta.get("title") or gettext(DEFAULT_EXPECTATIONS_TITLE))


def expectations_title_is_data(q: Questionnaire) -> bool:
    """Whether the questionnaire names its question on expectations (Vietnamese data, not interface)."""
    return bool((q.meta.get("expectations") or {}).get("title"))
