"""Who an item is for, read from its own words, and several assignments in one item.

Who: "Sở Nội vụ: chủ trì ..." (unit_prefix), a heading that only names units (heading_units), "Về
kiến nghị ...: giao Bộ Tài chính ..." (units_after_label), the sentence that makes officials
responsible for carrying a decision out (executors_sentence).

Several assignments in one item: "4. Về ...: với vai trò là chủ đầu tư, Tập đoàn ... chủ động làm
việc ... . Để xác định vị trí ..., Ủy ban nhân dân tỉnh Thanh Hóa phối hợp với ... rà soát ...".

An item is cut into clauses at the end of a sentence, after a label ("Về ...:") and before "; giao|đề
nghị|yêu cầu". A clause
opens a new assignment when it names units (at its start, after "giao"/"đề nghị"/"yêu cầu", or after an
opening clause such as "Để ...,") and goes on with what they are to do; the clauses after it that name
no unit belong to it. A list of addressees cut by ";" ("Chánh Văn phòng UBND tỉnh; Giám đốc Sở ...")
is not cut: a clause that is nothing but names does not open an assignment.
"""

from __future__ import annotations

import re

from .text import body_to_normal, is_upper, squash
from .units import ROLE_NOUN, UNIT_START, addressee_phrase, split_units, units_in

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
    return not ({n.lower() for n in a} & {n.lower() for n in b})


_LABEL_THEN_UNIT = re.compile(r"^(?P<label>[^:]{3,400}?):\s*(?P<rest>\S.*)$")


# "6. Trách nhiệm của các tổ chức, doanh nghiệp hoạt động trong lĩnh vực …": the heading names whose duties
# its items are.
# Also "II. NHIỆM VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG" (a few words between "nhiệm vụ" and "của",
# the heading in capitals).
_LEADING_WORDS = re.compile(
    r"^(?:Đề\s+nghị|Giao|Đối\s+với|(?:Trách\s+nhiệm|Nhiệm\s+vụ)(?:\s+(?!của\b)\S+){0,2}?\s+của)\s*:?\s+", re.I
)
_DUTIES_OF = re.compile(r"^(?:Trách\s+nhiệm|Nhiệm\s+vụ)(?:\s+(?!của\b)\S+){0,2}?\s+của\s+", re.I)
_CLAUSE_WORDS = re.compile(
    r"\b(?:chủ\s+trì|phối\s+hợp|thực\s+hiện|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm)\b"
)


def heading_units(text: str) -> list[str] | None:
    """A numbered heading that is nothing but the names of the units its items are for
    ("5. Các chủ đầu tư xây dựng và kinh doanh hạ tầng Khu công nghiệp") — the whole heading is the
    name, even where it contains a verb that would otherwise end it."""
    text = squash(text)
    duties = _DUTIES_OF.match(text)
    if duties and is_upper(text):
        text = body_to_normal(text[duties.end() :])
        if text.startswith("Bộ "):
            # "BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG" → "Bộ Tài nguyên và môi trường": the field takes a capital.
            text = "Bộ " + text[3:4].upper() + text[4:]
    name = _LEADING_WORDS.sub("", text).strip(" .")
    if (
        name.endswith(":")
        or not UNIT_START.match(name)
        or len(name.split()) > 18
        or _CLAUSE_WORDS.search(ROLE_NOUN.sub("", name))
    ):
        return None
    return split_units(name)


def units_after_label(text: str) -> tuple[list[str], str] | None:
    """ "Về kiến nghị ...: giao Bộ Tài chính nghiên cứu ..." / "Khen thưởng cấp Nhà nước: Sở Nội vụ
    phối hợp ..." → the units named after the label, with the text from there."""
    m = _LABEL_THEN_UNIT.match(text)
    if not m or addressee_phrase(m.group("label") + ":"):
        return None
    rest = m.group("rest")
    phrase = addressee_phrase(rest)
    if not phrase:
        return None
    return split_units(phrase), rest


# "các Sở", "Các Bộ, cơ quan", "Ủy ban nhân dân các tỉnh", "các Tập đoàn": a group whose members a colon
# may list by name.
_NAMED_GROUP = re.compile(
    r"\b[Cc]ác\s+(?:Bộ|bộ|Sở|sở|tỉnh|thành\s+phố|xã|phường|huyện|Tập\s+đoàn|tập\s+đoàn|Tổng\s+công\s+ty|"
    r"địa\s+phương|cơ\s+quan|Ban|ban|ngành)(?:\s*,\s*(?:cơ\s+quan|ngành|địa\s+phương))*$"
)
# The names after the colon: capitalised, separated by "," or "và", up to ";" or the end.
_NAME_LIST = re.compile(r"^[A-ZĐÀ-Ỹ][^;:.]{0,200}?(?:,|\s+và\s+)[^;:.]*?(?:;|\.|:|$)")


# "Ông. Hoàng Văn Thuân - Trưởng đoàn: Phụ trách chung; …": a named member of a team and his duties.
_PERSON_PREFIX = re.compile(
    r"^(?P<title>Ông|Bà|Đồng\s+chí|Đ/c)\s*[.:]?\s+(?P<name>(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s+){1,4}[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)"
    r"\s*[-–]\s*(?P<role>[^:;]{2,80}?)\s*:\s*(?P<rest>\S.*)$",
    re.S,
)


def unit_prefix(text: str) -> tuple[list[str], str] | None:
    """ "Sở Nội vụ: chủ trì ..." → (["Sở Nội vụ"], "chủ trì ..."); a named person's duties too ("Ông.
    Hoàng Văn Thuân - Trưởng đoàn: Phụ trách chung …" → (["Ông Hoàng Văn Thuân - Trưởng đoàn"], …))."""
    person = _PERSON_PREFIX.match(squash(text))
    if person:
        who = f"{person.group('title')} {person.group('name')} - {person.group('role')}"
        return [who], person.group("rest")
    if ":" not in text[:160]:
        return None
    prefix, rest = text.split(":", 1)
    prefix = prefix.strip()
    if _NAMED_GROUP.search(prefix) and _NAME_LIST.match(rest.strip()):
        # "Giám đốc các Sở: Tư pháp, Nông nghiệp và Môi trường; ...", "Các Bộ: Công an, Quốc phòng":
        # the colon introduces the names of the group, not the task.
        return None
    phrase = addressee_phrase(prefix + ":")
    if not phrase or len(prefix.split()) > 25 or phrase != prefix.strip(" .;,"):
        return None
    return split_units(phrase), rest.strip()


_EXECUTE = re.compile(r"\b(?:chịu|có)\s+trách\s+nhiệm\s+(?:thi\s+hành|tổ\s+chức\s+thực\s+hiện)\b", re.I)


def executors_sentence(text: str) -> tuple[list[str], str] | None:
    """The sentence of an article that makes officials responsible for carrying the document out,
    when it follows another sentence ("Quyết định này có hiệu lực ... . Chánh Văn phòng ... chịu trách
    nhiệm thi hành Quyết định này./.")."""
    for sentence in re.split(r"(?<=\.)\s+(?=[A-ZĐÀ-Ỹ])", text)[1:]:
        if _EXECUTE.search(sentence) and UNIT_START.match(sentence):
            named = units_in(sentence)
            if named:
                return named, sentence
    return None
