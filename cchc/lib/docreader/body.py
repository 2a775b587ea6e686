"""The body of a directive: paragraphs, the numbered outline, bullets and task tables → proposed tasks.

What counts as a task (docs/directive-reader.md, "Tasks"):
- each bullet or lettered item under a heading that names the addressed units
  ("2. Văn phòng HĐND và UBND thành phố:" followed by "- ..." lines);
- a numbered item that itself opens with the units it addresses ("3. Sở Tài chính chủ trì, ...",
  "Điều 3. Chánh Văn phòng UBND tỉnh, ... chịu trách nhiệm thi hành");
- each row of a task table (columns nội dung / chủ trì / phối hợp / thời gian hoàn thành).
Items under purpose headings (MỤC ĐÍCH, YÊU CẦU, MỤC TIÊU...) and items with no addressed unit are
not tasks: nothing is invented for a person to delete later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .citations import Citation, mask
from .clauses import assignment_groups, executors_sentence, heading_units, unit_prefix, units_after_label
from .cues import APPENDIX, DOES_WORK, GIVEN, PROCEDURE_APPENDIX, PROJECT_TITLE, given_sentence
from .fields import FieldSet, add_field, field_line
from .periods import Deadline, Recurrence, find_deadline, find_recurrence
from .tables import table_rows
from .text import is_table_row, is_upper, squash, table_cells
from .units import (
    UNIT_START,
    addressee_phrase,
    coordinating_units,
    explicit_lead,
    lead_in_units,
    units_in,
)

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
_NUMBERED = {"article", "roman", "multi", "arabic", "letter", "paren"}
_TERMINAL = (".", ";", ":", "!", "?", "./.")
_CLOSING = re.compile(
    r"^(?:Trên\s+đây|Yêu\s+cầu|Đề\s+nghị|Chủ\s+tịch|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|UBND|"
    r"Trong\s+quá\s+trình|Quá\s+trình|Quyết\s+định\s+này|Kế\s+hoạch\s+này|Chỉ\s+thị\s+này|Nhận\s+được)"
)
# The closing call to carry the document out, written as its own paragraph or bullet: "Văn phòng Chính
# phủ thông báo để ... biết, thực hiện./.", "Yêu cầu các sở, ... nghiêm túc triển khai thực hiện./.",
# "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, ... phản ánh về ...". No task of its own.
_CLOSING_CALL = re.compile(
    r"^(?:Văn\s+phòng\s+Chính\s+phủ\s+(?:xin\s+)?(?:trân\s+trọng\s+)?thông\s+báo\s+(?:để|đến)\b|"
    r"(?:Ủy\s+ban\s+nhân\s+dân\s+(?:tỉnh|thành\s+phố|Thành\s+phố)\s+|UBND\s+\S+\s+)?[Yy]êu\s+cầu\s+[^.]{0,160}"
    r"\bnghiêm\s+túc\s+(?:triển\s+khai\s+)?thực\s+hiện\s*\.?/?\.?$|"
    r"Trong\s+quá\s+trình\s+(?:tổ\s+chức\s+)?(?:triển\s+khai\s+)?thực\s+hiện[^,]{0,80},\s+nếu\s+có\s+(?:khó\s+khăn|vướng\s+mắc))"
)
_NON_TASK_HEADINGS = re.compile(
    r"^(?:MỤC\s+ĐÍCH|YÊU\s+CẦU|MỤC\s+TIÊU|QUAN\s+ĐIỂM|SỰ\s+CẦN\s+THIẾT|CĂN\s+CỨ|KẾT\s+QUẢ|TÌNH\s+HÌNH|ĐÁNH\s+GIÁ|"
    r"PHẠM\s+VI|ĐỐI\s+TƯỢNG|NGUYÊN\s+TẮC|SỐ\s+LƯỢNG|TIÊU\s+CHUẨN|HÌNH\s+THỨC|CHỈ\s+TIÊU|HIỆN\s+TRẠNG|"
    r"THỦ\s+TỤC,\s+HỒ\s+SƠ|BỐI\s+CẢNH|TIÊU\s+CHÍ)",
    re.IGNORECASE,
)


def _non_task_heading(node: Node) -> bool:
    """ "II. MỤC ĐÍCH, YÊU CẦU", "1. Căn cứ xây dựng kế hoạch": a section whose items are no tasks —
    but not a task that merely opens with the same words ("1. Căn cứ kế hoạch này, Giám đốc các Sở
    ... xây dựng kế hoạch cụ thể ...")."""
    if node.kind not in ("roman", "arabic", "multi") or not _NON_TASK_HEADINGS.match(node.text):
        return False
    return is_upper(node.text) or len(node.text.split()) <= 12


# How a field is shown again in the text of the task it belongs to.
_FIELD_LABELS = {
    "lead": "Cơ quan chủ trì",
    "coordinating": "Cơ quan phối hợp",
    "executor": "Cơ quan thực hiện",
    "time": "Thời gian thực hiện",
}


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


@dataclass
class TaskProposal:
    section: str | None
    assignees: list[str]
    lead: list[str]
    coordinating: list[str]
    text: str
    deadline: Deadline | None
    recurrence: Recurrence | None
    source: str  # "bullet", "item", "paragraph", "fields" or "table_row"
    # How the lead was found (review.py turns it into a confidence): "table", "fields", "own",
    # "heading", "inherited", "label", "sentence".
    basis: str = ""


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
        prev.kind in _NUMBERED
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
        short_heading = 2 <= words <= 8 and prev.kind in _NUMBERED and not starts_lower
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
    return prev.kind != "plain" and not text.endswith(":") and not _CLOSING.match(line)


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
        labelled = field_line(line)
        if labelled:
            blocks.append(Block("field", labelled[0], labelled[1]))
            continue
        marker = _marker(line)
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


def _section_label(node: Node | None) -> str | None:
    labels: list[str] = []
    while node is not None and node.kind != "root":
        if node.kind == "article":
            labels.insert(0, f"Điều {node.label}")
        elif node.kind in _NUMBERED:
            labels.insert(0, node.label)
        node = node.parent
    return ".".join(labels) if labels else None


_HANDED_OUT = re.compile(r"(?:^|[,;]\s+)giao\s+(\S)")
_LIST_OF_OBJECTS = re.compile(r"(?:bao\s+gồm|gồm\s+có|gồm|như)\s*:$", re.I)
_QUOTA = re.compile(r"\bkhông\s+quá\s+\d|\b\d+\s+(?:cá\s+nhân|tập\s+thể)\b", re.I)


class TaskReader:
    def __init__(self, citations: list[Citation], full_text: str, doc_date: date | None, spaced: bool):
        self.citations = citations
        self.full_text = full_text
        self.doc_date = doc_date
        self.spaced = spaced
        self.tasks: list[TaskProposal] = []

    def _make(
        self,
        section: str | None,
        assignees: list[str],
        text: str,
        source: str,
        *,
        time_cell: str | None = None,
        coordinating: list[str] | None = None,
        basis: str = "",
    ) -> None:
        text = squash(text)
        if not text or _CLOSING_CALL.match(text):
            return
        masked = self._masked(text)
        lead = explicit_lead(text) or list(assignees)
        coord = coordinating if coordinating is not None else coordinating_units(masked)
        coord = [c for c in coord if c not in lead]
        deadline = find_deadline(time_cell, self.doc_date, cell=True) if time_cell else None
        recurrence = find_recurrence(time_cell, cell=True) if time_cell else None
        if deadline is None and not time_cell:
            deadline = find_deadline(masked, self.doc_date)
        if recurrence is None:
            recurrence = find_recurrence(masked)
        self.tasks.append(
            TaskProposal(section, list(assignees), lead, coord, text, deadline, recurrence, source, basis)
        )

    def _make_item(self, section: str | None, units: list[str], text: str, basis: str) -> None:
        """One numbered item; several when it gives work to other units in later clauses."""
        groups = assignment_groups(text)
        if sum(1 for named, _ in groups if named) < 2:
            self._make(section, units, text, "item", basis=basis)
            return
        for index, (named, part) in enumerate(groups):
            self._make(section, named or units, part, "item", basis=basis if index == 0 else "sentence")

    def _masked(self, text: str) -> str:
        # Citations are found on the whole document; re-find them in this task's text to blank them.
        from .citations import find_citations

        return mask(text, find_citations(text))

    def walk(self, node: Node, inherited: list[str], skip: bool) -> None:
        current = inherited
        in_procedure = False
        for index, child in enumerate(node.children):
            # "Chủ tịch UBND tỉnh yêu cầu Giám đốc các sở, ... thực hiện các nội dung sau:" gives the
            # addressees of the items after it.
            for at, paragraph in zip(node.paragraph_at, node.paragraphs, strict=True):
                if at == index:
                    if node.kind == "root" and APPENDIX.match(paragraph):
                        in_procedure = bool(PROCEDURE_APPENDIX.search(paragraph))
                    elif node.kind == "root" and PROCEDURE_APPENDIX.match(paragraph):
                        in_procedure = True
                    named = lead_in_units(paragraph)
                    if named:
                        # Even under "I. ĐÁNH GIÁ CHUNG", "... thành phố Đà Nẵng cần tập trung thực hiện
                        # ... sau đây:" hands out the items after it.
                        current, skip = named, False
            if node.kind == "root" and not in_procedure:
                for at, paragraph in zip(node.paragraph_at, node.paragraphs, strict=True):
                    if at == index:
                        self._paragraph_task(paragraph)
            if child.kind == "table":
                if not skip and not in_procedure:
                    self.read_table(child.rows)
                continue
            self.visit(child, current, skip or in_procedure)
        if node.kind == "root" and not in_procedure:
            for at, paragraph in zip(node.paragraph_at, node.paragraphs, strict=True):
                if at >= len(node.children):
                    self._paragraph_task(paragraph)

    def _paragraph_task(self, paragraph: str) -> None:
        """A paragraph of the body outside any numbered item that gives work by itself — the one
        request of a letter: "Bộ Công Thương chủ trì phối hợp với các Bộ ... khẩn trương làm rõ ...",
        "Giao Sở Nông nghiệp và Môi trường chủ trì ...". A lead-in ending in ":" is not one."""
        text = squash(paragraph)
        if text.endswith(":") or _CLOSING_CALL.match(text) or len(text.split()) < 8:
            return
        given = GIVEN.match(text)
        named = units_in(text[given.end() :]) if given else units_in(text)
        if not named:
            return
        if not given:
            phrase = addressee_phrase(text) or ""
            after = text[text.find(phrase) + len(phrase) :] if phrase and phrase in text else ""
            if not DOES_WORK.match(after.lstrip(" ,")):
                return
        self._make_item(None, named, text, "sentence")

    def visit(self, node: Node, inherited: list[str], skip: bool) -> None:
        skip = skip or _non_task_heading(node)
        items = node.items()
        own_prefix = unit_prefix(node.text)
        own = own_prefix[0] if own_prefix else []
        if not own and node.kind in _NUMBERED:
            own = units_in(node.text)
        heading_only = False
        if node.kind in _NUMBERED and (items or node.paragraphs):
            whole = heading_units(node.text)
            if whole:
                own, heading_only = whole, True
        after_label = None if own else units_after_label(node.text)
        if after_label:
            own = after_label[0]
        if (
            not skip
            and items
            and node.kind in ("letter", "dash", "plus", "dot")
            and (own or inherited)
            and (_LIST_OF_OBJECTS.search(node.text) or all(PROJECT_TITLE.match(c.text) for c in items))
        ):
            # "h) Chủ trì triển khai các nhiệm vụ tại các dự án, bao gồm:" / "- Dự án 1: ...": one task
            # whose objects are listed, not one task per project.
            text = " ".join([node.text, *(c.text for c in items)])
            self._make(
                _section_label(node), own or inherited, text, "item", basis="own" if own else "inherited"
            )
            return
        if any(c.kind == "field" and c.label != "content" for c in node.children):
            if not skip:
                self.read_fields(node, own or inherited)
            return
        if items or any(c.kind == "table" for c in node.children):
            if (
                not skip
                and node.kind in _NUMBERED
                and own
                and not heading_only
                and not own_prefix
                and UNIT_START.match(node.text)
                and node.text.rstrip().endswith((".", ";"))
                and len(node.text.split()) >= 12
            ):
                # "(1) Bộ Y tế chỉ đạo ..., hoàn thành trước ngày 30/11/2025." followed by "- Chỉ đạo ...":
                # the item opens with its unit and is itself a task; its bullets are further tasks of it.
                self._make_item(_section_label(node), own, node.text, "own")
            self.walk(node, own or inherited, skip)
            return
        section = _section_label(node) if node.kind in _NUMBERED else _section_label(node.parent)
        if skip:
            handed = _HANDED_OUT.search(node.text)
            named = units_in(node.text[handed.start(1) :]) if handed else []
            if named:
                # Under "3. Tiêu chí đánh giá, xếp loại": "a) Trên cơ sở kết quả ..., giao Sở Y tế thành
                # lập đoàn ...": a section of criteria can still hand out a piece of work by name.
                self._make(section, named, node.text, "item", basis="sentence")
            return
        if _QUOTA.search(node.text):
            return
        if node.kind in _NUMBERED:
            executors = None if own or inherited else executors_sentence(node.text)
            if executors:
                # "Điều 3. Quyết định này có hiệu lực ... Chánh Văn phòng ... chịu trách nhiệm thi hành".
                self._make(section, executors[0], executors[1], "item", basis="sentence")
                return
            later = None if own or inherited else given_sentence(node.text)
            if later:
                # "Điều 2. Quyết định này có hiệu lực ... . Giao Sở Nông nghiệp và Môi trường chủ trì ...".
                self._make(section, later[0], later[1], "item", basis="sentence")
                return
            if not own and not inherited and node.paragraphs:
                # "1. Về kiến nghị ...:" followed by paragraphs that each name the unit they task.
                for p in node.paragraphs:
                    named = units_in(p)
                    if named:
                        self._make(section, named, p, "paragraph", basis="sentence")
                return
            if own and heading_only and node.paragraphs:
                # "3. Sở Công Thương" / "Hỗ trợ cho các doanh nghiệp ...": the paragraphs are the tasks.
                for p in node.paragraphs:
                    if not _CLOSING.match(p):
                        self._make(section, own, p, "paragraph", basis="heading")
                return
            if own:
                body = own_prefix[1] if own_prefix else node.text
                if (
                    node.text.rstrip().endswith(":")
                    and node.paragraphs
                    and not (own_prefix and own_prefix[1])
                ):
                    paragraphs = node.paragraphs if self.spaced else [" ".join(node.paragraphs)]
                    for p in paragraphs:
                        self._make(section, own, p, "paragraph", basis="heading")
                    return
                if not self.spaced and node.paragraphs:
                    body = body + " " + " ".join(p for p in node.paragraphs if not _CLOSING.match(p))
                self._make_item(section, own, body, "own")
            elif inherited:
                self._make_item(section, inherited, node.text, "inherited")
            elif not node.paragraphs and node.text.startswith("Về "):
                # "4. Về đầu tư kho dầu thô ...: với vai trò là chủ đầu tư, Tập đoàn ... chủ động ...".
                for units, text in assignment_groups(node.text):
                    if units:
                        self._make(section, units, text, "item", basis="sentence")
            return
        # bullets
        if own_prefix:
            self._make(section, own_prefix[0], own_prefix[1] or node.text, "bullet", basis="own")
        elif inherited:
            self._make(section, inherited, node.text, "bullet", basis="inherited")
        elif after_label:
            self._make(section, after_label[0], after_label[1], "bullet", basis="label")
        else:
            named = units_in(node.text)
            if named:
                self._make(section, named, node.text, "bullet", basis="sentence")

    def read_fields(self, node: Node, units: list[str]) -> None:
        """A numbered item whose tasks carry labelled fields (see fields.py): the items before each
        set of fields are tasks with that set's lead, coordinating units and time."""
        entries: list[Node | str] = []
        for index, child in enumerate(node.children):
            entries.extend(p for at, p in zip(node.paragraph_at, node.paragraphs, strict=True) if at == index)
            entries.append(child)
        entries.extend(
            p for at, p in zip(node.paragraph_at, node.paragraphs, strict=True) if at >= len(node.children)
        )
        content: list[tuple[str | None, str]] = []
        fs = FieldSet()
        in_fields = False
        # The field lines as written: an item that is only a title ("1. Tổ chức tuyên truyền ...") with
        # its fields below keeps them in its text, so the person sees who does it and by when.
        field_text: list[str] = []

        def flush() -> None:
            nonlocal content, fs, in_fields, field_text
            if not fs.empty() or content:
                lead = fs.lead or units
                titled = " ".join([node.text, *field_text])
                targets = content or [(_section_label(node), titled)]
                for section, text in targets:
                    if lead:
                        self._make(
                            section,
                            lead,
                            text,
                            "fields",
                            time_cell=fs.time,
                            coordinating=fs.coordinating,
                            basis="fields" if fs.lead else "heading",
                        )
            content, fs, in_fields, field_text = [], FieldSet(), False, []

        for entry in entries:
            if isinstance(entry, str):
                if in_fields:
                    flush()
                content.append((_section_label(node), entry))
                continue
            if entry.kind == "field":
                if entry.label == "content":
                    if in_fields:
                        flush()
                    if entry.text:
                        content.append((_section_label(node), entry.text))
                    continue
                if entry.label == "product":
                    continue
                add_field(fs, entry.label, entry.text)
                field_text.append(f"- {_FIELD_LABELS.get(entry.label, entry.label)}: {entry.text}")
                in_fields = True
                continue
            if entry.kind == "table":
                self.read_table(entry.rows)
                continue
            if in_fields:
                flush()
            sub = " ".join([entry.text, *entry.paragraphs, *(c.text for c in entry.items())])
            content.append((_section_label(entry) if entry.kind in _NUMBERED else _section_label(node), sub))
        flush()

    def read_table(self, rows: list[list[str]]) -> None:
        for row in table_rows(rows):
            self._make(
                row.section,
                row.assignees,
                row.content,
                "table_row",
                basis="table" if row.assignees else "",
                time_cell=row.time or None,
                coordinating=row.coordinating,
            )


def read_tasks(
    lines: list[str], citations: list[Citation], full_text: str, doc_date: date | None, spaced: bool
) -> tuple[list[TaskProposal], list[tuple[str | None, str]]]:
    """The proposed tasks, and every piece of body text outside purpose sections (with its section)
    so that the reader can point out the ones that look like a task but did not become one."""
    blocks = build_blocks(lines, spaced)
    outline = build_outline(blocks)
    reader = TaskReader(citations, full_text, doc_date, spaced)
    reader.walk(outline, [], False)
    return reader.tasks, _texts(outline, False)


def _texts(node: Node, skip: bool) -> list[tuple[str | None, str]]:
    out: list[tuple[str | None, str]] = []
    skip = skip or _non_task_heading(node)
    if skip:
        return out
    section = _section_label(node) if node.kind in _NUMBERED else _section_label(node.parent)
    if node.kind not in ("root", "table", "field") and node.text:
        out.append((section, node.text))
    out.extend((section if node.kind != "root" else None, p) for p in node.paragraphs)
    for child in node.children:
        out.extend(_texts(child, skip))
    return out


def unit_start(text: str) -> bool:
    return bool(UNIT_START.match(text))
