"""A directive's body as paragraphs and its numbered outline (Điều N / I. / 1. / 1.1. / a) / (1) / - / +).

Lines are joined into blocks (a paragraph wrapped by the page or the web copy is one block; a marker
opens a new one; task-table rows and labelled fields are blocks of their own), then the blocks into a
tree of numbered items. body.py reads the tasks from that tree (docs/directive-reader.md, "Tasks").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clauses import heading_units
from .fields import field_lines
from .text import is_table_row, is_upper, squash, table_cells
from .units import UNIT_START

_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("article", re.compile(r"^Điều\s+(?P<label>\d{1,3})\s*[.:]?\s*(?P<text>.*)$")),
    ("roman", re.compile(r"^(?P<label>(?:X{0,2})(?:IX|IV|V?I{0,3}))\s*[.)]\s*(?P<text>\S.*)$")),
    ("multi", re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?P<text>\S.*)$")),
    ("arabic", re.compile(r"^(?P<label>\d{1,2})\s*[.)]\s*(?P<text>[^\d\s].*)$")),
    ("letter", re.compile(r"^(?P<label>[a-zđ])\s*\)\s*(?P<text>\S.*)$")),
    # "(1) Bộ Y tế chỉ đạo ...", "(ii) Chủ đầu tư phối hợp ...": items numbered in brackets, as the
    # conclusions of a meeting often are.
    ("paren", re.compile(r"^\((?P<label>\d{1,2}|[ivx]{1,4})\)\s*(?P<text>[^\d\s].*)$")),
    ("dash", re.compile(r"^(?P<label>[-–—])\s*(?P<text>\S.*)$")),
    ("plus", re.compile(r"^(?P<label>\+)\s*(?P<text>\S.*)$")),
    ("dot", re.compile(r"^(?P<label>[•·*])\s*(?P<text>\S.*)$")),
]
NUMBERED = {"article", "roman", "multi", "arabic", "letter", "paren"}
_TERMINAL = (".", ";", ":", "!", "?", "./.")
CLOSING = re.compile(
    r"^(?:Trên\s+đây|Yêu\s+cầu|Đề\s+nghị|Chủ\s+tịch|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|UBND|"
    r"Trong\s+quá\s+trình|Quá\s+trình|Quyết\s+định\s+này|Kế\s+hoạch\s+này|Chỉ\s+thị\s+này|Nhận\s+được)"
)

# Put between the body and what follows the signature: the appendix starts a new outline, it is not
# part of the body's last item.
APPENDIX_BREAK = "\x00appendix"


@dataclass
class Block:
    kind: str  # a marker kind, "plain" or "row"
    label: str = ""
    text: str = ""
    cells: list[str] = field(default_factory=list)


@dataclass
class Node:
    kind: str
    label: str
    text: str
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    # for each paragraph, how many child items came before it (a lead-in paragraph precedes items)
    paragraph_at: list[int] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)

    def items(self) -> list[Node]:
        return [c for c in self.children if c.kind != "table"]


def _marker(line: str) -> tuple[str, str, str] | None:
    for kind, pattern in _MARKERS:
        m = pattern.match(line)
        if m and m.group("label") != "" and (kind != "roman" or m.group("label")):
            return kind, m.group("label"), m.group("text").strip()
    return None


def is_spaced(lines: list[str]) -> bool:
    """Paragraphs separated by blank lines (typed text, docx) rather than wrapped lines (PDF, web)."""
    blanks = sum(1 for ln in lines if not ln)
    return blanks >= 0.3 * max(1, len(lines) - blanks)


_CONNECTOR_END = re.compile(
    r"(?:\s(?:và|của|các|với|cho|tại|về|trong|thuộc|đến|từ|theo|hoặc|những|là|được|để|nhằm)|[,–-])$", re.I
)


_TASK_OPENING = re.compile(
    r"^(?:Chỉ\s+đạo|Phối\s+hợp|Chủ\s+trì|Xây\s+dựng|Nghiên\s+cứu|Căn\s+cứ|Trên\s+cơ\s+sở|Tổ\s+chức|"
    r"Thực\s+hiện|Triển\s+khai|Tham\s+mưu|Hướng\s+dẫn|Theo\s+dõi|Rà\s+soát|Tăng\s+cường|Đẩy\s+mạnh|"
    r"Tiếp\s+tục|Là\s+cơ\s+quan|Có\s+trách\s+nhiệm|Bảo\s+đảm|Đảm\s+bảo|Kiểm\s+tra|Tuyên\s+truyền|"
    r"Chịu\s+trách\s+nhiệm|Quản\s+lý|Hỗ\s+trợ|Đôn\s+đốc|Tổng\s+hợp|Ban\s+hành|Bố\s+trí|Cung\s+cấp|"
    r"Khẩn\s+trương|Chủ\s+động|Phổ\s+biến|Vận\s+động|Nâng\s+cao|Hoàn\s+thiện|Đào\s+tạo|Ứng\s+dụng)\b"
)


def _continues(prev: Block, line: str, spaced: bool, after_blank: bool = True) -> bool:
    if prev.kind in ("row", "break") or is_table_row(line):
        return False
    if prev.kind == "field":
        # "Đơn vị phối hợp: Văn phòng UBND tỉnh; các cơ quan, đơn vị, địa phương" / "liên quan."
        return not prev.text.rstrip().endswith(_TERMINAL) or not prev.text.strip()
    text = prev.text.rstrip()
    if line[:1].islower() and text.endswith((";", ",")) and not after_blank:
        return True  # "... dân số và phát triển;" / "xây dựng quy chế ...": the same paragraph
    if _CONNECTOR_END.search(text) and not after_blank:
        return True  # "2. Sở Nông nghiệp và" / "Môi trường": a name wrapped by the page
    if is_upper(line) and not is_upper(text):
        return False
    if is_upper(text) and not is_upper(line):
        return False
    if (
        prev.kind in NUMBERED
        and not text.endswith(_TERMINAL)
        and len(text.split()) >= 4
        and _TASK_OPENING.match(line)
        and heading_units(text)
    ):
        # "3. Ủy ban Mặt trận Tổ quốc Việt Nam thành phố" / "Chỉ đạo các đơn vị ...": a heading that only
        # names its units, then its first task; the task's verb does not belong to the name.
        return False
    if not text.endswith(_TERMINAL):
        # "1. Mục đích" / "Cụ thể hóa ..." is a heading and its first paragraph; "Điều 2. Giao" /
        # "Giám đốc Sở Nội vụ ..." is one sentence wrapped after its first word.
        starts_lower = line[:1].islower()
        words = len(text.split())
        short_heading = 2 <= words <= 8 and prev.kind in NUMBERED and not starts_lower
        if short_heading and prev.kind == "article" and UNIT_START.match(text):
            short_heading = False  # "Điều 4. Chánh Văn phòng" / "Ủy ban nhân dân tỉnh, ...": a name wrapped
        # In a document of blank-separated paragraphs, a line right under the heading is the
        # heading wrapped by the page, not its first paragraph.
        return not short_heading or (spaced and not after_blank)
    # A sentence ended with the line. More text before the next marker still belongs to the item
    # (a wrapped line, or a second paragraph of the same bullet), unless it opens the closing
    # paragraph ("Trên đây là...", "Chủ tịch UBND ... yêu cầu ...").
    if text.endswith(";") and prev.kind != "plain":
        # "Điều 3. Chánh Văn phòng UBND tỉnh; Giám đốc các sở, ban, ngành;" / "Chủ tịch UBND các xã ...
        # chịu trách nhiệm thi hành": a list cut by ";" goes on; it is not a closing paragraph.
        return True
    return prev.kind != "plain" and not text.endswith(":") and not CLOSING.match(line)


def _name_with_dash(prev: Block, marker: tuple[str, str, str]) -> bool:
    """A paragraph cut by the page right before the dash of a name ("tuyến đường bộ cao tốc Ninh Bình" /
    "- Hải Phòng, đoạn qua ..."): the line goes on the paragraph's sentence, it is no bullet."""
    text = prev.text.rstrip()
    last = text.split(" ")[-1] if text else ""
    return (
        marker[0] == "dash"
        and prev.kind == "plain"
        and bool(last[:1].isupper())
        and not text.endswith(_TERMINAL)
        and bool(marker[2][:1].isupper())
    )


def build_blocks(lines: list[str], spaced: bool) -> list[Block]:
    blocks: list[Block] = []
    after_blank = True
    for line in lines:
        if not line:
            after_blank = True
            continue
        was_blank, after_blank = after_blank, False
        if line == APPENDIX_BREAK:
            blocks.append(Block("break"))
            after_blank = True
            continue
        if is_table_row(line):
            blocks.append(Block("row", cells=table_cells(line)))
            continue
        labelled = field_lines(line)
        if labelled:
            blocks.extend(Block("field", label, value) for label, value in labelled)
            continue
        marker = _marker(line)
        if marker and blocks and not was_blank and _name_with_dash(blocks[-1], marker):
            marker = None  # "... cao tốc Ninh Bình" / "- Hải Phòng, đoạn qua ...": a name wrapped at its dash
        if blocks and marker is None and _continues(blocks[-1], line, spaced, was_blank):
            blocks[-1].text = blocks[-1].text + " " + line
            continue
        if marker:
            kind, label, text = marker
            blocks.append(Block(kind, label, text))
        else:
            blocks.append(Block("plain", text=line))
    for b in blocks:
        b.text = squash(b.text)
    return blocks


def build_outline(blocks: list[Block]) -> Node:
    root = Node("root", "", "")
    stack: list[Node] = [root]
    table: Node | None = None
    for block in blocks:
        if block.kind == "break":
            del stack[1:]
            table = None
            continue
        if block.kind == "row":
            if table is None:
                table = Node("table", "", "", parent=stack[-1])
                stack[-1].children.append(table)
            table.rows.append(block.cells)
            continue
        table = None
        if block.kind == "plain":
            stack[-1].paragraphs.append(block.text)
            stack[-1].paragraph_at.append(len(stack[-1].children))
            continue
        if block.kind == "field":
            # Fields belong to the numbered item whose tasks they describe, not to a bullet of it.
            while len(stack) > 1 and stack[-1].kind in ("dash", "plus", "dot", "letter", "field"):
                stack.pop()
            stack[-1].children.append(Node("field", block.label, block.text, parent=stack[-1]))
            continue
        kinds = [n.kind for n in stack]
        if block.kind in ("article", "roman"):
            del stack[1:]
        elif block.kind in kinds:
            del stack[kinds.index(block.kind) :]
        node = Node(block.kind, block.label, block.text, parent=stack[-1])
        stack[-1].children.append(node)
        stack.append(node)
    return root


def section_label(node: Node | None) -> str | None:
    labels: list[str] = []
    while node is not None and node.kind != "root":
        if node.kind == "article":
            labels.insert(0, f"Điều {node.label}")
        elif node.kind in NUMBERED:
            labels.insert(0, node.label)
        node = node.parent
    return ".".join(labels) if labels else None
