"""A small, valid city index-set file and ways to break it, for the upload page's tests."""

from __future__ import annotations

import copy
import json
from typing import Any

GOOD: dict[str, Any] = {
    "format": 1,
    "family": "city",
    "year": 2023,
    "title": "Bộ chỉ số CCHC thành phố năm 2023",
    "legal_basis": "Kế hoạch CCHC năm 2023 của UBND thành phố",
    "max_points": 10,
    "children": [
        {
            "code": "1",
            "title": "Công tác chỉ đạo, điều hành",
            "max_points": 10,
            "children": [
                {"code": "1.1", "title": "Ban hành kế hoạch CCHC", "max_points": 6, "rule": "self_assessed"},
                {"code": "1.2", "title": "Tự kiểm tra CCHC", "max_points": 4, "rule": "appraised"},
            ],
        }
    ],
}


def good() -> dict[str, Any]:
    return copy.deepcopy(GOOD)


def text(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1)
