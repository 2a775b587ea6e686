"""Cues of the body that say whether text hands out work: an appendix that sets out an administrative
procedure, the projects a task covers, work handed out by name ("Giao Sở ...") and what a unit that opens
a paragraph is asked to do. Used by body.py (docs/directive-reader.md, "Tasks")."""

from __future__ import annotations

import re

from .units import units_in

# An appendix that sets out the administrative procedures a decision publishes ("PHỤ LỤC II / NỘI DUNG
# CỤ THỂ THỦ TỤC HÀNH CHÍNH ...", "QUY TRÌNH NỘI BỘ THỰC HIỆN THỦ TỤC HÀNH CHÍNH"): who receives and
# handles each file is part of the procedure, not work the decision gives.
APPENDIX = re.compile(r"^PHỤ\s+LỤC\b")
PROCEDURE_APPENDIX = re.compile(
    r"(?:^|PHỤ\s+LỤC\s+\S+\s+)(?:NỘI\s+DUNG\s+(?:CỤ\s+THỂ\s+)?(?:CỦA\s+)?(?:CÁC\s+|TỪNG\s+)?THỦ\s+TỤC\s+HÀNH\s+CHÍNH|"
    r"QUY\s+TRÌNH\s+NỘI\s+BỘ)"
)
# "- Dự án 1: “Phòng ngừa ...”", "- Tiểu dự án 2 (Dự án 7): ...": the projects a task covers, not tasks.
PROJECT_TITLE = re.compile(r"^(?:Tiểu\s+dự\s+án|Dự\s+án|Hợp\s+phần)\s+\d+\b")
# "Giao Sở ...", "Đồng thời, giao Công an tỉnh ...", "Đề nghị Ủy ban Mặt trận ...": work handed out by name.
GIVEN = re.compile(r"^(?:Đồng\s+thời,\s+)?(?:[Gg]iao|Đề\s+nghị|Yêu\s+cầu)\s+(?=\S)")
# What a unit that opens a paragraph is asked to do ("... chủ trì phối hợp ...", "... khẩn trương ...");
# "Ủy ban nhân dân tỉnh nhận được ..." or "... đã ban hành ..." tell, they do not ask.
DOES_WORK = re.compile(
    r"^(?:tiếp\s+tục\s+|khẩn\s+trương\s+|chủ\s+động\s+|theo\s+chức\s+năng[^,]{0,60},\s+)?"
    r"(?:chủ\s+trì|phối\s+hợp|khẩn\s+trương|chỉ\s+đạo|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|nghiên\s+cứu|"
    r"rà\s+soát|tổng\s+hợp|hướng\s+dẫn|xây\s+dựng|triển\s+khai|tập\s+trung|đẩy\s+nhanh|làm\s+việc|"
    r"theo\s+dõi|trân\s+trọng\s+đề\s+nghị|đề\s+nghị|báo\s+cáo|hoàn\s+thiện|tổ\s+chức\s+thực\s+hiện)\b",
    re.I,
)


def given_sentence(text: str) -> tuple[list[str], str] | None:
    """A later sentence of an item that hands out work by name ("... kể từ ngày ký. Giao Sở ... chủ trì
    ..."), with the units it names and the text from that sentence on."""
    for m in re.finditer(r"(?<=\.)\s+(?=(?:Đồng\s+thời,\s+)?[Gg]iao\s)", text):
        rest = text[m.end() :]
        given = GIVEN.match(rest)
        named = units_in(rest[given.end() :]) if given else []
        if named:
            return named, rest
    return None


# "…, do vậy đề nghị Chủ đầu tư cập nhật …", "Trường hợp …, đề nghị chủ đầu tư thực hiện thủ tục …": a
# request to a named unit inside a sentence of an opinion or a finding.
_ASKED_INSIDE = re.compile(r"(?:[,;:]\s+)(?:do\s+(?:vậy|đó)\s*,?\s+)?(?:[Đđ]ề\s+nghị|[Yy]êu\s+cầu)\s+(?=\S)")


def asked_inside(text: str) -> list[str]:
    """The units a request inside the text names ("…, do vậy đề nghị Chủ đầu tư cập nhật …")."""
    for m in _ASKED_INSIDE.finditer(text):
        rest = text[m.end() :]
        named = units_in(rest[:1].upper() + rest[1:])
        if named:
            return named
    return []
