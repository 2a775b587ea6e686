"""Every number the survey rules leave open, in one place with one default each.

Read through ``setting(name)`` (``getattr(settings, name, DEFAULT)``), so an installation changes a value
in its settings without touching code. docs/surveys.md lists them with their sources.

- Sample targets: the only sample practice in the sources is one province's own survey under
  QĐ 2640/QĐ-BNV (Bình Dương 2018, docs/rules/surveys.md "Sample-size practice" [C]): 3,200 questionnaires
  for the province, 500 per rural district and 600 per town/city, 150 per commune and 200 per ward or
  township. It is a provincial choice, not a national rule, hence a setting.
- Per-dossier evaluation bands: docs/rules/surveys.md gives the bands of one operating system [PRACTICE]
  (>15 Xuất sắc, 12–15 Tốt, 9–12 Khá, 6–9 Trung bình, <6 Yếu); the official bands of TT 01/2018 were
  not confirmed (docs/rules/surveys.md). The bands overlap at 12, 9 and 6 in the source; a score on a
  boundary goes to the higher band.
- Everything else (kiosk timeout, suspicious-response thresholds, minimum counts) is a product choice.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_noop

DEFAULTS: dict[str, Any] = {
    # docs/rules/surveys.md, Bình Dương 2018 [C]; keys: province, district_urban, district_rural, ward,
    # commune.
    "CCHC_SURVEY_SAMPLE_TARGETS": {
        "province": 3200,
        "district_urban": 600,
        "district_rural": 500,
        "ward": 200,
        "commune": 150,
    },
    # docs/rules/surveys.md [PRACTICE]: (lowest score of the band, label), from the top band down.
    "CCHC_SURVEY_EVALUATION_BANDS": [
        (15.5, gettext_noop("Xuất sắc")),
        (12, gettext_noop("Tốt")),
        (9, gettext_noop("Khá")),
        (6, gettext_noop("Trung bình")),
        (0, gettext_noop("Yếu")),
    ],
    # docs/rules/surveys.md indicator 9 (CONFIRMED via a provincial transcription): thresholds in percent.
    "CCHC_SURVEY_ONLINE_PROCEDURE_SHARE": 20,
    "CCHC_SURVEY_ONLINE_DOSSIER_SHARE_HIGH": 30,
    "CCHC_SURVEY_ONLINE_DOSSIER_SHARE_LOW": 15,
    # docs/rules/surveys.md indicator 8: share of petitions answered on time for 1 point.
    "CCHC_SURVEY_FEEDBACK_ON_TIME_SHARE": 90,
    # Kiosk: seconds without a touch before the tablet clears the form, and the thank-you pause.
    "CCHC_SURVEY_KIOSK_IDLE_SECONDS": 90,
    "CCHC_SURVEY_KIOSK_THANKS_SECONDS": 6,
    # Suspicious responses (flagged for review, never dropped): a form answered faster than this many
    # seconds per question, with every answer the same; identical answers from one device or address
    # within the window; more than the burst limit from one address in an hour (kiosks excepted).
    "CCHC_SURVEY_FAST_SECONDS_PER_ITEM": 1.5,
    "CCHC_SURVEY_DUPLICATE_WINDOW_MINUTES": 30,
    "CCHC_SURVEY_BURST_PER_ADDRESS_HOUR": 10,
    # Results: an item needs this many valid answers to be called one of a unit's weakest criteria;
    # how many weakest criteria are proposed.
    "CCHC_SURVEY_WEAKEST_MIN_ANSWERS": 30,
    "CCHC_SURVEY_WEAKEST_COUNT": 3,
    # Officials' ratings: fewer ratings than this are not shown per official (a handful of ratings
    # could point to a person); the share of "not satisfied" from which training is suggested.
    "CCHC_SURVEY_OFFICIAL_MIN_RATINGS": 10,
    "CCHC_SURVEY_TRAINING_NOT_SATISFIED_SHARE": 15,
    # Improvement tasks: working time given to the unit by default.
    "CCHC_SURVEY_TASK_DAYS": 30,
    # Public links: guessed tokens per address and hour before the page answers "too many".
    "CCHC_SURVEY_LOOKUPS_PER_HOUR": 60,
}


def setting(name: str) -> Any:
    return getattr(settings, name, DEFAULTS[name])
