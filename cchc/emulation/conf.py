"""Emulation settings with their defaults (a ``settings.py`` value overrides each). None of these
numbers is set by law: they are the product's reading of "hoàn thành xuất sắc / tốt nhiệm vụ" in terms of
the figures CCHC keeps, so an installation can change them (docs/rules/emulation.md, *Thresholds*)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Unit kinds classified each year: the wards' committees and the city's agencies.
    "CCHC_EMULATION_UNIT_KINDS": ["ward", "agency"],
    # Scorecard percentage of the points scored: at least this for each level (below the last → not done).
    "CCHC_EMULATION_SCORE_EXCELLENT": 90.0,
    "CCHC_EMULATION_SCORE_GOOD": 80.0,
    "CCHC_EMULATION_SCORE_DONE": 50.0,
    # Late rate of finished dossiers: at most this for each level (above the last → "done" at best).
    "CCHC_EMULATION_LATE_EXCELLENT": 0.02,
    "CCHC_EMULATION_LATE_GOOD": 0.05,
    # Tasks led by the unit overdue on the last day: at most this for each level.
    "CCHC_EMULATION_OVERDUE_EXCELLENT": 0,
    "CCHC_EMULATION_OVERDUE_GOOD": 2,
    # A serious or a recurring inspection finding in the year: the best level the unit may have.
    "CCHC_EMULATION_FINDING_CAP": "good",
    # A head's responsibility handled by a reminder or self-criticism (not discipline): best level.
    "CCHC_EMULATION_HEAD_REMINDER_CAP": "done",
    # Decision forms from which a collective title is refused when any member was given one in the year
    # (Luật Thi đua, khen thưởng 2022: "từ hình thức cảnh cáo trở lên"); codes of CCHC_OVERSIGHT_DECISIONS.
    "CCHC_EMULATION_TITLE_BLOCKING_FORMS": [
        "canh-cao",
        "ha-bac-luong",
        "giang-chuc",
        "cach-chuc",
        "buoc-thoi-viec",
    ],
}


def setting(name: str) -> Any:
    return getattr(settings, name, DEFAULTS[name])


def thresholds() -> dict[str, Any]:
    """Every threshold as the proposal uses it now (kept on the round)."""
    return {name: setting(name) for name in DEFAULTS}
