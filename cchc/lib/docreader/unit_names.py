"""Tidying one unit name once a list has been split: a role or examples after the name are dropped, a
name written twice is written once, and "các tỉnh A, B và C" becomes one addressee per province."""

from __future__ import annotations

import re

# "Các tỉnh Nghệ An, Quảng Ngãi, Cao Bằng" (no colon): each province is an addressee of its own.
_PROVINCES = re.compile(
    r"^[Cc]ác\s+tỉnh\s+(?P<names>[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)*"
    r"(?:(?:\s*,\s*|\s+và\s+)[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)*)+)$"
)


def each_province(name: str) -> list[str]:
    m = _PROVINCES.match(name)
    if not m:
        return [name]
    return ["tỉnh " + n for n in re.split(r"\s*,\s*|\s+và\s+", m.group("names"))]


# "Sở Nội vụ (Cơ quan thường trực Ban ...)", "Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo",
# "các doanh nghiệp viễn thông (VNPT, Viettel, ...)": the unit is the name before its role or examples.
_TRAILING_ROLE = re.compile(
    r"^(?P<name>\S+(?:\s+\S+)+?)\s*(?:\([^()]*\)|\s[-–]\s+(?:Cơ\s+quan|cơ\s+quan)\s+thường\s+trực\b.*)$"
)


# A heading "Trách nhiệm của Sở Dân tộc và Tôn giáo" joined to its paragraph "Sở Dân tộc và Tôn giáo là
# cơ quan ..." gives the name twice.
_TWICE = re.compile(r"^(?P<name>.+?)\s+(?P=name)$", re.IGNORECASE)


def drop_role(name: str) -> str:
    twice = _TWICE.match(name)
    if twice:
        name = twice.group("name")
    m = _TRAILING_ROLE.match(name)
    return m.group("name").strip(" ,") if m else name
