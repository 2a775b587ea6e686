"""Sorting Vietnamese names as people read them: one key for every list and ranking of units and areas.

Letters first, diacritics only to break ties ("Long Sơn" before "Lộc An"), "Đ" right after "D", the
same on every database; and numbers by their value, so wards read Phường 1, 2, … 9, 10, 11, not
Phường 1, 10, 11, 2.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

_PARTS = re.compile(r"(\d+)")


def _letters(text: str) -> str:
    base = unicodedata.normalize("NFD", text.replace("Đ", "D~").replace("đ", "d~"))
    return "".join(c for c in base if unicodedata.category(c) != "Mn").casefold()


def natural_key(text: str) -> tuple[tuple[tuple[int, int, str], ...], str]:
    """The sort key of a name: its runs of letters (folded) and of digits (as numbers), then the name
    itself, so that two different names never tie."""
    parts: list[tuple[int, int, str]] = []
    for i, part in enumerate(_PARTS.split(_letters(text))):
        if not part:
            continue
        parts.append((0, int(part), "") if i % 2 else (1, 0, part))
    return tuple(parts), text


def natural_sorted[T](items: Iterable[T], name: Callable[[T], str] = str) -> list[T]:
    """``items`` sorted by ``natural_key`` of their name."""
    return sorted(items, key=lambda item: natural_key(name(item)))
