"""Oversight settings with their defaults (a ``settings.py`` value overrides each). The thresholds that
propose a unit for the inspection plan and the list of decision forms are product defaults or
unconfirmed readings of the law (docs/oversight.md says which), so an installation can change them."""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Plan proposals (UNCONFIRMED: no rule sets these; product defaults).
    "CCHC_OVERSIGHT_LATE_RATE": 0.05,  # share of finished dossiers that were late, last 12 months
    "CCHC_OVERSIGHT_OVERDUE_TASKS": 2,  # tasks led by the unit overdue today
    "CCHC_OVERSIGHT_SATISFIED_SHARE": 80.0,  # % satisfied or very satisfied below this, last 6 months
    "CCHC_OVERSIGHT_SATISFACTION_DROP": 5.0,  # or fallen by at least this many points from the 6 before
    "CCHC_OVERSIGHT_MIN_RATINGS": 20,  # fewer ratings than this say nothing either way
    # Working days the person concerned has to write the explanation (UNCONFIRMED: ND 112/2020 sets the
    # steps, not a number of days for this; the head sets the date, this is the proposed one).
    "CCHC_OVERSIGHT_EXPLANATION_WORKING_DAYS": 5,
    # Training topic of a finding naming an official (cchc.oversight.training_needs): by checklist item
    # code, else by checklist code, else the "" entry. Product defaults: attitude and badges → conduct,
    # online services → online services, anything else → professional skills.
    "CCHC_OVERSIGHT_TRAINING_TOPICS": {
        "MC-04": "giao-tiep-ung-xu",
        "MC-05": "giao-tiep-ung-xu",
        "CV-02": "giao-tiep-ung-xu",
        "CV-03": "giao-tiep-ung-xu",
        "cong-vu": "giao-tiep-ung-xu",
        "CC-06": "dich-vu-cong-truc-tuyen",
        "": "nghiep-vu-tthc",
    },
    # (code, label, is a disciplinary form) — Luật Cán bộ, công chức 2008 Art. 79 as amended in 2019 and
    # Nghị định 112/2020/NĐ-CP (amended by 71/2023/NĐ-CP). The 2025 Law's list is UNCONFIRMED: an
    # installation that has read it replaces this list in settings.
    "CCHC_OVERSIGHT_DECISIONS": [
        ("khong-xu-ly", "Không có khuyết điểm, không xử lý", False),
        ("nhac-nho", "Nhắc nhở", False),
        ("kiem-diem", "Yêu cầu kiểm điểm, rút kinh nghiệm", False),
        ("khien-trach", "Kỷ luật khiển trách", True),
        ("canh-cao", "Kỷ luật cảnh cáo", True),
        ("ha-bac-luong", "Kỷ luật hạ bậc lương", True),
        ("giang-chuc", "Kỷ luật giáng chức", True),
        ("cach-chuc", "Kỷ luật cách chức", True),
        ("buoc-thoi-viec", "Kỷ luật buộc thôi việc", True),
    ],
}


def setting(name: str) -> Any:
    return getattr(settings, name, DEFAULTS[name])


def decisions() -> list[tuple[str, str, bool]]:
    return [(str(c), str(label), bool(d)) for c, label, d in setting("CCHC_OVERSIGHT_DECISIONS")]


def decision_label(code: str) -> str:
    return next((label for c, label, _ in decisions() if c == code), code)
