"""Task items written as labelled fields instead of a table.

Many plans give each task as its text followed by labelled lines::

    - Tổ chức tập huấn, bồi dưỡng kiến thức, kỹ năng xây dựng pháp luật ...
    Đơn vị chủ trì tham mưu thực hiện: Sở Tư pháp.
    Đơn vị phối hợp thực hiện: Các cơ quan, đơn vị, địa phương liên quan.
    Thời gian thực hiện: Theo kế hoạch công tác tư pháp hàng năm.

or as "a) Nhiệm vụ: ..." / "b) Cơ quan thực hiện:" / "- Đơn vị chủ trì: ..." / "c) Thời gian thực
hiện: ...". A field line is recognised here by its label; the body reader groups the items that come
before a set of fields and gives them its lead unit, coordinating units and time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .units import addressee_phrase, explicit_lead, split_units

_MARK = r"(?:[-–+•]\s*|[a-zđ]\s*\)\s*)?"
_UNIT = r"(?:Đơn\s+vị|Cơ\s+quan)"
_LABELS: list[tuple[str, str]] = [
    ("coordinating", _UNIT + r"\s+(?:được\s+)?phối\s+hợp(?:\s+thực\s+hiện)?"),
    ("lead", _UNIT + r"\s+(?:chủ\s+trì|được\s+giao\s+chủ\s+trì)(?:\s+tham\s+mưu)?(?:\s+thực\s+hiện)?"),
    ("executor", _UNIT + r"\s+(?:thực\s+hiện|tham\s+mưu|trách\s+nhiệm)(?:\s+thực\s+hiện)?"),
    ("executor", r"Trách\s+nhiệm\s+thực\s+hiện"),
    (
        "time",
        r"(?:Thời\s+gian|Thời\s+hạn|Tiến\s+độ)(?:\s+(?:dự\s+kiến\s+)?(?:thực\s+hiện|hoàn\s+thành|triển\s+khai))?",
    ),
    ("content", r"(?:Nội\s+dung|Nhiệm\s+vụ)(?:\s+(?:thực\s+hiện|cụ\s+thể))?"),
    ("product", r"(?:Sản\s+phẩm|Kết\s+quả)(?:\s+(?:dự\s+kiến|đầu\s+ra))?"),
]
_FIELD = re.compile(
    r"^"
    + _MARK
    + r"(?:"
    + "|".join(f"(?P<f{i}>{p})" for i, (_, p) in enumerate(_LABELS))
    + r")\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)


# A second field written on the same line after a ";": "Đơn vị chủ trì: Phòng Quản lý Công nghiệp; Đơn vị
# phối hợp: Phòng Quản lý Năng lượng." — the lead is the text before the ";", not both.
_NEXT_FIELD = re.compile(
    r";\s*(?=(?:" + "|".join(p for _, p in _LABELS) + r")\s*:)",
    re.IGNORECASE,
)


def field_line(line: str) -> tuple[str, str] | None:
    """ "- Đơn vị chủ trì: Sở Tư pháp." → ("lead", "Sở Tư pháp.")."""
    found = field_lines(line)
    return found[0] if found else None


def field_lines(line: str) -> list[tuple[str, str]]:
    """Every field of a line: "Đơn vị chủ trì: A; Đơn vị phối hợp: B, C." → [("lead", "A"),
    ("coordinating", "B, C.")]."""
    out: list[tuple[str, str]] = []
    for part in _NEXT_FIELD.split(line.strip()):
        m = _FIELD.match(part.strip())
        if not m:
            if not out:
                return []
            # Not a field after all: it stays in the value of the field before it.
            name, value = out[-1]
            out[-1] = (name, f"{value}; {part.strip()}")
            continue
        for i, (name, _) in enumerate(_LABELS):
            if m.group(f"f{i}"):
                out.append((name, m.group("value").strip()))
                break
    return out


@dataclass
class FieldSet:
    lead: list[str] = field(default_factory=list)
    coordinating: list[str] = field(default_factory=list)
    time: str | None = None

    def empty(self) -> bool:
        return not self.lead and not self.coordinating and self.time is None


def executor_units(value: str) -> tuple[list[str], list[str]]:
    """The lead (and others) named in a "Cơ quan thực hiện: ..." value.

    "Sở Nội vụ chủ trì tham mưu ...; Sở Tư pháp và các sở ... chủ động tổ chức ..." → lead Sở Nội vụ,
    others Sở Tư pháp, ...; "Sở Nội vụ, Sở Giáo dục và Đào tạo." → both lead."""
    value = value.strip(" .;")
    lead = explicit_lead(value)
    if lead:
        rest = value.split(";", 1)[1] if ";" in value else ""
        phrase = addressee_phrase(rest) if rest else None
        return lead, split_units(phrase) if phrase else []
    phrase = addressee_phrase(value)
    if phrase:
        return split_units(phrase), []
    return split_units(value) if len(value) < 200 else [], []


def add_field(fs: FieldSet, name: str, value: str) -> None:
    value = value.strip()
    if name == "lead":
        fs.lead = split_units(addressee_phrase(value) or value)
    elif name == "coordinating":
        fs.coordinating = split_units(value)
    elif name == "executor" and value:
        lead, others = executor_units(value)
        if not fs.lead:
            fs.lead = lead
        if others and not fs.coordinating:
            fs.coordinating = others
    elif name == "time":
        fs.time = value or fs.time
