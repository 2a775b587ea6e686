"""The tasks of a directive, read from its outline (outline.py): items, bullets and task-table rows.

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
from dataclasses import dataclass
from datetime import date

from .citations import Citation, mask
from .clauses import assignment_groups, executors_sentence, heading_units, unit_prefix, units_after_label
from .cues import APPENDIX, DOES_WORK, GIVEN, PROCEDURE_APPENDIX, PROJECT_TITLE, asked_inside, given_sentence
from .fields import FieldSet, add_field
from .outline import CLOSING, NUMBERED, Node, build_blocks, build_outline, section_label
from .periods import Deadline, Recurrence, find_deadline, find_recurrence
from .tables import table_rows
from .text import is_upper, squash
from .units import (
    UNIT_START,
    addressee_phrase,
    coordinating_units,
    explicit_lead,
    lead_in_units,
    units_in,
)

# The closing call to carry the document out, written as its own paragraph or bullet: "Văn phòng Chính
# phủ thông báo để ... biết, thực hiện./.", "Yêu cầu các sở, ... nghiêm túc triển khai thực hiện./.",
# "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, ... phản ánh về ...", "Trên đây là Kế hoạch …,
# đề nghị …". No task of its own.
_CLOSING_CALL = re.compile(
    r"^(?:Văn\s+phòng\s+Chính\s+phủ\s+(?:xin\s+)?(?:trân\s+trọng\s+)?thông\s+báo\s+(?:để|đến)\b|"
    r"(?:Ủy\s+ban\s+nhân\s+dân\s+(?:tỉnh|thành\s+phố|Thành\s+phố)\s+|UBND\s+\S+\s+)?[Yy]êu\s+cầu\s+[^.]{0,160}"
    r"\bnghiêm\s+túc\s+(?:triển\s+khai\s+)?thực\s+hiện\s*\.?/?\.?$|"
    r"Trong\s+quá\s+trình\s+(?:tổ\s+chức\s+)?(?:triển\s+khai\s+)?thực\s+hiện[^,]{0,80},\s+nếu\s+có\s+(?:khó\s+khăn|vướng\s+mắc)|"
    r"Trên\s+đây\s+là\s+(?:Kế\s+hoạch|ý\s+kiến|nội\s+dung)\b)"
)
_NON_TASK_HEADINGS = re.compile(
    r"^(?:MỤC\s+ĐÍCH|YÊU\s+CẦU|MỤC\s+TIÊU|QUAN\s+ĐIỂM|SỰ\s+CẦN\s+THIẾT|CĂN\s+CỨ|KẾT\s+QUẢ|TÌNH\s+HÌNH|ĐÁNH\s+GIÁ|"
    r"PHẠM\s+VI|ĐỐI\s+TƯỢNG|NGUYÊN\s+TẮC|SỐ\s+LƯỢNG|TIÊU\s+CHUẨN|HÌNH\s+THỨC|CHỈ\s+TIÊU|HIỆN\s+TRẠNG|"
    r"THỦ\s+TỤC,\s+HỒ\s+SƠ|BỐI\s+CẢNH|TIÊU\s+CHÍ)",
    re.IGNORECASE,
)


# The last sentence of the document asking, in a few words, that it be carried out: "Căn cứ văn bản này,
# các cơ quan, đơn vị, địa phương liên quan triển khai thực hiện./." — the "./." ends the document.
_LAST_CALL = re.compile(r"\b(?:triển\s+khai\s+|tổ\s+chức\s+)?thực\s+hiện\s*\.?/\.?$")


def _last_call(text: str) -> bool:
    return bool(_LAST_CALL.search(text)) and len(text.split()) <= 30 and "thi hành" not in text


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


_HANDED_OUT = re.compile(r"(?:^|[,;]\s+)giao\s+(\S)")
_LIST_OF_OBJECTS = re.compile(r"(?:bao\s+gồm|gồm\s+có|gồm|như)\s*:$", re.I)
_QUOTA = re.compile(r"\bkhông\s+quá\s+\d|\b\d+\s+(?:cá\s+nhân|tập\s+thể)\b", re.I)


_BARE_ACTIVITY = re.compile(r"(?:Hoạt\s+động|Nhiệm\s+vụ)\s+\d{1,2}\.?", re.I)
_SPECIFICALLY = re.compile(r"\bcụ\s+thể(?:\s+như\s+sau)?\s*:$", re.I)
_FOR_SCOPE = re.compile(r"^\s*(?P<unit>.+?)\s+đối\s+với\b")
_PROCEDURES = re.compile(r"\bthủ\s+tục\s+hành\s+chính\b", re.I)


def _lists_procedures(node: Node, items: list[Node]) -> bool:
    """ "Điều 1. Ủy quyền cho Giám đốc Sở … giải quyết thủ tục hành chính …, cụ thể như sau:" over "1. Cấp
    giấy chứng nhận …" / "2. Cấp lại …": the items name the procedures the article hands over — the
    objects of one piece of work, not tasks of their own (none names a unit or holds items itself)."""
    if node.kind not in NUMBERED or not node.text.rstrip().endswith(":"):
        return False
    if not _PROCEDURES.search(node.text):
        return False
    return all(not c.items() and not units_in(c.text) for c in items)


def _only_names(text: str) -> bool:
    """An item that is nothing but the names of units ("Công ty TNHH Tân Phú", "Sở Tài chính;")."""
    phrase = addressee_phrase(text)
    if not phrase or not text.startswith(phrase):
        return False
    return len(text[len(phrase) :].strip(" .;:,").split()) == 0


_WORK_WORDS = re.compile(
    r"\b(?:chủ\s+trì|phối\s+hợp|thực\s+hiện|triển\s+khai|tăng\s+cường|trách\s+nhiệm|tổ\s+chức|chỉ\s+đạo|"
    r"hướng\s+dẫn|báo\s+cáo|khẩn\s+trương|rà\s+soát|kiểm\s+tra|theo\s+dõi|tham\s+mưu)\b",
    re.I,
)


def _names_a_body(value: str) -> bool:
    """The value of a label that only says which body it is ("Chủ đầu tư: Ban Quản lý dự án đầu tư xây
    dựng xã Trấn Yên.") — a fact about a project, no work."""
    return bool(UNIT_START.match(value)) and len(value.split()) <= 15 and not _WORK_WORDS.search(value)


def _shares_out_scope(text: str, own: list[str], items: list[str]) -> bool:
    """A lead-in "… cụ thể:" naming two or more units, whose items are "<one of them> đối với …"."""
    if len(own) < 2 or not _SPECIFICALLY.search(text.rstrip()):
        return False
    names = {n.casefold() for n in own}
    for item in items:
        m = _FOR_SCOPE.match(item)
        if not m or m.group("unit").casefold() not in names:
            return False
    return True


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
        if not text or _CLOSING_CALL.match(text) or _last_call(text):
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
        if not own and node.kind in NUMBERED:
            own = units_in(node.text)
        heading_only = False
        if node.kind in NUMBERED and (items or node.paragraphs):
            whole = heading_units(node.text)
            if whole:
                own, heading_only = whole, True
        if not own and node.kind in NUMBERED and items:
            # "Điều 3. Nhiệm vụ và quyền hạn của Đoàn kiểm tra" with its lead-in on the same line ("Đoàn
            # kiểm tra thực hiện nhiệm vụ …, trong đó tập trung:"): the items are that unit's.
            own = lead_in_units(node.text)
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
                section_label(node), own or inherited, text, "item", basis="own" if own else "inherited"
            )
            return
        if not skip and items and own and _shares_out_scope(node.text, own, [c.text for c in items]):
            # "Điều 2. Giao Sở Tài chính, Sở Nông nghiệp và Môi trường chủ trì … cụ thể:" / "- Sở Tài chính
            # đối với thủ tục … số 03;": the dashes only share the procedures out between the units the
            # article already named — one task of both, not two tasks each led by both.
            text = " ".join([node.text, *(c.text for c in items)])
            self._make(section_label(node), own, text, "item", basis="own")
            return
        if not skip and items and own and _lists_procedures(node, items):
            # The list of procedures stays in the document; the task is the delegation itself.
            self._make(section_label(node), own, node.text, "item", basis="own")
            return
        if any(c.kind == "field" and c.label != "content" for c in node.children):
            if not skip:
                self.read_fields(node, own or inherited)
            return
        if items or any(c.kind == "table" for c in node.children):
            if (
                not skip
                and node.kind in NUMBERED
                and own
                and not heading_only
                and not own_prefix
                and UNIT_START.match(node.text)
                and node.text.rstrip().endswith((".", ";"))
                and len(node.text.split()) >= 12
            ):
                # "(1) Bộ Y tế chỉ đạo ..., hoàn thành trước ngày 30/11/2025." followed by "- Chỉ đạo ...":
                # the item opens with its unit and is itself a task; its bullets are further tasks of it.
                self._make_item(section_label(node), own, node.text, "own")
            self.walk(node, own or inherited, skip)
            return
        section = section_label(node) if node.kind in NUMBERED else section_label(node.parent)
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
        if (
            own
            and not own_prefix
            and not node.paragraphs
            and node.kind != "article"
            and _only_names(node.text)
        ):
            # "1. Công ty Cổ phần Đông Nam Á Lào Cai" in a list of the companies a letter means: an entry
            # of a list, no work. An article of names ("Điều 3. Chánh Văn phòng …, Thủ trưởng …") is the
            # executors' article cut short, still the officials made responsible.
            return
        if node.kind in NUMBERED:
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
                    named = units_in(p) or asked_inside(p)
                    if named:
                        self._make(section, named, p, "paragraph", basis="sentence")
                return
            if own and heading_only and node.paragraphs:
                # "3. Sở Công Thương" / "Hỗ trợ cho các doanh nghiệp ...": the paragraphs are the tasks.
                for p in node.paragraphs:
                    if not CLOSING.match(p):
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
                    body = body + " " + " ".join(p for p in node.paragraphs if not CLOSING.match(p))
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
        if node.text.startswith("Về ") and node.text.rstrip().endswith(":") and node.paragraphs:
            # "- Về nội dung trao đổi tín chỉ các-bon ra nước ngoài:" followed by paragraphs that each
            # open with the unit they task ("Bộ Tài chính nghiên cứu …"): the topic is no task.
            for p in node.paragraphs:
                named = units_in(p)
                if named:
                    self._make(section, named, p, "paragraph", basis="sentence")
            return
        if own_prefix and own_prefix[1] and _names_a_body(own_prefix[1]):
            # "- Chủ đầu tư: Ban Quản lý dự án đầu tư xây dựng xã Trấn Yên." — who the project's owner is.
            return
        if own_prefix:
            self._make(section, own_prefix[0], own_prefix[1] or node.text, "bullet", basis="own")
        elif inherited:
            self._make(section, inherited, node.text, "bullet", basis="inherited")
        elif after_label:
            self._make(section, after_label[0], after_label[1], "bullet", basis="label")
        else:
            named = units_in(node.text) or asked_inside(node.text)
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
                targets = content or [(section_label(node), titled)]
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
                content.append((section_label(node), entry))
                continue
            if entry.kind == "field":
                if entry.label == "content":
                    if in_fields:
                        flush()
                    if entry.text:
                        content.append((section_label(node), entry.text))
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
            if _BARE_ACTIVITY.fullmatch(sub.strip()):
                # "a) Hoạt động 1" over "- Nội dung: …" / "- Cơ quan thực hiện: …": the number of the
                # activity, whose work is the content field below it.
                continue
            content.append((section_label(entry) if entry.kind in NUMBERED else section_label(node), sub))
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
    section = section_label(node) if node.kind in NUMBERED else section_label(node.parent)
    if node.kind not in ("root", "table", "field") and node.text:
        out.append((section, node.text))
    out.extend((section if node.kind != "root" else None, p) for p in node.paragraphs)
    for child in node.children:
        out.extend(_texts(child, skip))
    return out


def unit_start(text: str) -> bool:
    return bool(UNIT_START.match(text))
