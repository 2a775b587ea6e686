"""Several assignments in one item: "4. Về ...: với vai trò là chủ đầu tư, Tập đoàn ... chủ động làm
việc ... . Để xác định vị trí ..., Ủy ban nhân dân tỉnh Thanh Hóa phối hợp với ... rà soát ...".

An item is cut into clauses at the end of a sentence, at ";" and after a label ("Về ...:"). A clause
opens a new assignment when it names units (at its start, after "giao"/"đề nghị"/"yêu cầu", or after an
opening clause such as "Để ...,") and goes on with what they are to do; the clauses after it that name
no unit belong to it. A list of addressees cut by ";" ("Chánh Văn phòng UBND tỉnh; Giám đốc Sở ...")
is not cut: a clause that is nothing but names does not open an assignment.
"""

from __future__ import annotations

import re

from .text import squash
from .units import addressee_phrase, split_units, units_in

# A sentence ends, or a clause after ";" asks a unit outright ("...; giao Sở Tài chính ...").
_BOUNDARY = re.compile(r"(?<=\.)\s+(?=[A-ZĐÀ-Ỹ])|(?<=;)\s+(?=(?i:giao|đề\s+nghị|yêu\s+cầu)\s)")
_LABEL = re.compile(r"^(?P<label>Về\s[^:]{3,300}:)\s+(?P<rest>\S.*)$", re.S)
_ASKING = re.compile(r"^(?:giao|đề\s+nghị|yêu\s+cầu)\s+", re.IGNORECASE)


def _clause_units(clause: str) -> list[str]:
    text = _ASKING.sub("", squash(clause))
    phrase = addressee_phrase(text)
    if phrase is not None:
        rest = text[len(phrase) :].strip(" .;:,") if text.startswith(phrase) else ""
        # Nothing but names ("Giám đốc Sở Công Thương;") is part of a list, not an assignment.
        return split_units(phrase) if len(rest.split()) >= 3 else []
    return units_in(text)


def assignment_groups(text: str) -> list[tuple[list[str], str]]:
    """The item cut where another unit is given work: [(units, text)], the first group with the
    units its first naming clause gives (possibly none). One group when nothing is to be cut."""
    text = squash(text)
    label = _LABEL.match(text)
    parts = [label.group("label"), *_BOUNDARY.split(label.group("rest"))] if label else _BOUNDARY.split(text)
    groups: list[tuple[list[str], list[str]]] = []
    for part in parts:
        named = _clause_units(part)
        if named and (not groups or (groups[-1][0] and _differ(groups[-1][0], named))):
            groups.append((named, [part]))
        elif named and not groups[-1][0]:
            # The label before it ("Về đầu tư kho dầu thô dự trữ quốc gia:") belongs to this one.
            groups[-1] = (named, [*groups[-1][1], part])
        elif groups:
            groups[-1][1].append(part)
        else:
            groups.append(([], [part]))
    return [(units, " ".join(chunk)) for units, chunk in groups]


def _differ(a: list[str], b: list[str]) -> bool:
    fold = lambda names: {n.lower() for n in names}  # noqa: E731
    return not (fold(a) & fold(b))
