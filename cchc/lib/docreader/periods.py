"""Deadlines and recurrences written in Vietnamese ("trước ngày 30/9/2022", "Quý III/2022", "hằng tháng").

A deadline is given as the last day of the period the phrase names, plus the phrase itself so a person
can check it. In running text a phrase counts only with a word that makes it a time limit ("trước",
"chậm nhất", "trong", "hết"...): "năm 2021" in "kết quả chỉ số năm 2021" is not a deadline. In the
time column of a task table ("Thời gian hoàn thành") the bare period is the deadline.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_ROMAN_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class Deadline:
    date: date
    text: str


@dataclass(frozen=True)
class Recurrence:
    code: str  # daily, weekly, monthly, quarterly, half_yearly, yearly, continuous
    text: str


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_YEAR = r"(\d{4})"
_DAY_MONTH = r"(\d{1,2})\s*(?:/|-|\.|\s+tháng\s+)\s*(\d{1,2})(?:\s*(?:/|-|\.|\s+năm\s+)\s*" + _YEAR + r")?"
_CUE = r"(?:trước|chậm\s+nhất|muộn\s+nhất|hạn\s+chót|không\s+quá|đến\s+hết|hết|trong|cuối|vào)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "trước ngày 30/9/2022", "chậm nhất ngày 15 tháng 10 năm 2022", "trước 30/6"
    (
        "day",
        re.compile(
            r"(?:trước|chậm\s+nhất|muộn\s+nhất|hạn\s+chót|không\s+quá|đến|vào|hạn)\s+(?:(?:là|hết)\s+)?(?:ngày\s+)?"
            + _DAY_MONTH,
            re.I,
        ),
    ),
    # "6 tháng đầu năm 2022", "6 tháng cuối năm"
    (
        "half",
        re.compile(
            r"(?:trong\s+|hết\s+|cuối\s+)?(6|sáu)\s+tháng\s+(đầu|cuối)\s+năm(?:\s+" + _YEAR + r")?", re.I
        ),
    ),
    # "Quý III/2022", "trong quý 3 năm 2022"
    (
        "quarter",
        re.compile(
            r"(?:" + _CUE + r"\s+)?qu[ýí]\s+(IV|I{1,3}|[1-4])(?:\s*(?:/|-|năm)\s*" + _YEAR + r")?", re.I
        ),
    ),
    # "trong tháng 9/2022", "hết tháng 12 năm 2022"
    (
        "month",
        re.compile(
            r"(?:(trước|" + _CUE + r")\s+)?tháng\s+(\d{1,2})(?:\s*(?:/|-|năm)\s*" + _YEAR + r")?", re.I
        ),
    ),
    # "trong năm 2022", "hết năm 2023"
    ("year", re.compile(r"(?:(?:" + _CUE + r"|cả)\s+)?năm\s+" + _YEAR, re.I)),
]
_BARE_DATE = re.compile(r"(?:ngày\s+)?" + _DAY_MONTH, re.I)
_BARE_YEAR = re.compile(r"^\s*" + _YEAR + r"\s*$")
# In running text these words must lead the phrase (a period without them is a topic, not a limit).
_TEXT_CUES = {
    "half": re.compile(r"^(?:trong|hết|cuối)\s", re.I),
    "quarter": re.compile(r"^" + _CUE + r"\s", re.I),
    "month": re.compile(r"^(?:trước|" + _CUE + r")\s", re.I),
    "year": re.compile(r"^" + _CUE + r"\s", re.I),
}


def _resolve(kind: str, m: re.Match[str], default_year: int | None) -> date | None:
    if kind == "day":
        day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
        y = int(year) if year else default_year
        return _safe_date(y, month, day) if y else None
    if kind == "half":
        y = int(m.group(3)) if m.group(3) else default_year
        if not y:
            return None
        return date(y, 6, 30) if m.group(2).lower() == "đầu" else date(y, 12, 31)
    if kind == "quarter":
        q = _ROMAN_QUARTER[m.group(1).lower()]
        y = int(m.group(2)) if m.group(2) else default_year
        return _month_end(y, q * 3) if y else None
    if kind == "month":
        cue, month, year = m.group(1), int(m.group(2)), m.group(3)
        y = int(year) if year else default_year
        if not y or not 1 <= month <= 12:
            return None
        if cue and cue.lower() == "trước":
            # "trước tháng 10/2022": done before October starts, i.e. by 30 September.
            return date.fromordinal(date(y, month, 1).toordinal() - 1)
        return _month_end(y, month)
    if kind == "year":
        return date(int(m.group(1)), 12, 31)
    return None


def find_deadline(text: str, doc_date: date | None = None, *, cell: bool = False) -> Deadline | None:
    """The first time limit in a task's text (or the latest in a table's time cell)."""
    default_year = doc_date.year if doc_date else None
    found: list[tuple[int, date, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            phrase = m.group(0).strip()
            if not cell and kind in _TEXT_CUES and not _TEXT_CUES[kind].match(phrase):
                continue
            when = _resolve(kind, m, default_year)
            if when is None:
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), when, phrase))
    if cell and not found:
        for m in _BARE_DATE.finditer(text):
            year = int(m.group(3)) if m.group(3) else default_year
            when = _safe_date(year, int(m.group(2)), int(m.group(1))) if year else None
            if when:
                found.append((m.start(), when, m.group(0).strip()))
        m2 = _BARE_YEAR.match(text)
        if m2:
            found.append((0, date(int(m2.group(1)), 12, 31), m2.group(0).strip()))
    if not found:
        return None
    if cell:
        # A time cell may hold a range ("Từ tháng 3 đến tháng 6/2023"): the task is due at its end.
        _, when, phrase = max(found, key=lambda f: (f[1], -f[0]))
        return Deadline(when, phrase)
    _, when, phrase = min(found, key=lambda f: f[0])
    return Deadline(when, phrase)


_PERIOD_WORDS = {
    "ngày": "daily",
    "tuần": "weekly",
    "tháng": "monthly",
    "quý": "quarterly",
    "năm": "yearly",
}
_PERIODIC = re.compile(
    r"(?:định\s+kỳ\s+)?(?:hằng|hàng)\s+(ngày|tuần|tháng|quý|năm)|định\s+kỳ\s+(?:(6|sáu)\s+tháng|(ngày|tuần|tháng|quý|năm))",
    re.I,
)
_CONTINUOUS = re.compile(r"thường\s+xuyên", re.I)
_PLAN_NOUN = re.compile(r"(?:kế\s+hoạch|chương\s+trình)[^.;:]{0,60}$", re.I)


def find_recurrence(text: str, *, cell: bool = False) -> Recurrence | None:
    """A repeating task: "hằng tháng", "định kỳ hằng quý", "thường xuyên".

    "hằng năm" right after "Kế hoạch ..." names the yearly plan, not a yearly task, and is skipped.
    "thường xuyên" counts when it opens a sentence or clause of the task ("Thường xuyên kiểm tra...");
    in the middle of a sentence it usually qualifies something else ("sử dụng thường xuyên hơn").
    """
    for m in _PERIODIC.finditer(text):
        if not m.group(0).lower().startswith("định") and _PLAN_NOUN.search(text[: m.start()]):
            continue
        if m.group(2):
            return Recurrence("half_yearly", m.group(0).strip())
        word = (m.group(1) or m.group(3)).lower()
        return Recurrence(_PERIOD_WORDS[word], m.group(0).strip())
    for m in _CONTINUOUS.finditer(text):
        before = text[: m.start()].rstrip()
        if cell or not before or before[-1] in ".;:-–" or before.endswith("./."):
            return Recurrence("continuous", m.group(0).strip())
    return None
