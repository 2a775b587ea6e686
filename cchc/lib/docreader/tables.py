"""Task tables: which column holds what, and the rows that are tasks.

A plan's task table has a numbering column, the work ("Nội dung", "Nhiệm vụ"), the lead ("Cơ quan
chủ trì", "Đơn vị thực hiện"), the coordinating units ("Cơ quan phối hợp") and the time ("Thời gian
hoàn thành"). Header rows are found by their words; a row that only carries text in the work column
("I | CẢI CÁCH THỂ CHẾ") is a group that labels the rows under it. When the lead cell of a row is
empty because the document merged it with the cell above (the same unit leads several rows), the
row takes the lead of the row above in the same group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import is_upper
from .units import addressee_phrase, split_units

_STT = re.compile(r"^(?:s\.?\s*t\.?\s*t|tt|số\s*tt|số\s+thứ\s+tự)\.?$", re.I)
_CONTENT = re.compile(r"nội\s+dung|nhiệm\s+vụ|công\s+việc|hoạt\s+động|giải\s+pháp", re.I)
_LEAD_STRONG = re.compile(r"chủ\s+trì", re.I)
_LEAD = re.compile(r"đơn\s+vị\s+thực\s+hiện|cơ\s+quan\s+thực\s+hiện|thực\s+hiện|trách\s+nhiệm", re.I)
_COORDINATING = re.compile(r"phối\s+hợp", re.I)
_TIME = re.compile(r"thời\s+gian|thời\s+hạn|tiến\s+độ|hoàn\s+thành", re.I)
_PLACE = re.compile(r"địa\s+điểm", re.I)
_LEGAL_BASIS = re.compile(r"VBQPPL|văn\s+bản\s+quy\s+phạm|căn\s+cứ\s+pháp\s+lý", re.I)
# "Chỉ tiêu | Chủ trì": a table that hands out the plan's indicators, one lead each. An indicator column
# is the work only beside a lead column; "Chỉ tiêu | Đơn vị tính | Năm 2030" is a table of targets.
_TARGET = re.compile(r"^chỉ\s+tiêu\b", re.I)
# "Bước 1 | Hướng dẫn, tiếp nhận hồ sơ | Trung tâm Phục vụ hành chính công | 0,25 ngày làm việc": the steps
# of an administrative procedure attached to a decision, which say how each file is handled, not work given.
_STEP = re.compile(r"^Bước\s+\d+\b", re.I)


def _column_kind(text: str) -> str | None:
    """What a header cell names. "Nội dung thực hiện" is the work, "Đơn vị thực hiện" the lead,
    "Cơ quan chủ trì, phối hợp" the lead, "Cơ quan phối hợp" the coordinating units."""
    if _STT.match(text):
        return "stt"
    if _PLACE.search(text):
        return None  # "Địa điểm thực hiện": where, not who
    if _LEGAL_BASIS.search(text):
        return None  # "Tên VBQPPL quy định nội dung sửa đổi": the laws a procedure rests on, not work
    if _LEAD_STRONG.search(text):
        return "lead"
    if _COORDINATING.search(text):
        return "coordinating"
    if _CONTENT.search(text):
        return "content"
    if _TARGET.match(text):
        return "target"
    if _TIME.search(text):
        return "time"
    if _LEAD.search(text):
        return "lead"
    return None


def table_columns(rows: list[list[str]]) -> tuple[dict[str, int] | None, int]:
    """The columns of a task table from its header row(s), and how many header rows there are;
    None when it is not a task table."""
    for n_header in (1, 2, 3):
        if len(rows) < n_header:
            break
        width = max(len(r) for r in rows[:n_header])
        merged = [" ".join(r[i] for r in rows[:n_header] if i < len(r)).strip() for i in range(width)]
        cols: dict[str, int] = {}
        for i, text in enumerate(merged):
            kind = _column_kind(text)
            if kind and kind not in cols:
                cols[kind] = i
        if "content" not in cols and "target" in cols and "lead" in cols:
            cols["content"] = cols.pop("target")
        if "content" in cols and ("lead" in cols or "time" in cols):
            return cols, n_header
    return None, 0


@dataclass
class TableRow:
    section: str | None
    content: str
    assignees: list[str]
    coordinating: list[str] = field(default_factory=list)
    time: str = ""
    stt: str = ""


def table_rows(rows: list[list[str]]) -> list[TableRow]:
    """The task rows of a table (empty when the table is not a task table)."""
    columns, header_rows = table_columns(rows)
    if columns is None:
        return []
    out: list[TableRow] = []
    group: str | None = None
    above: TableRow | None = None
    for cells in rows[header_rows:]:

        def cell(name: str, cells: list[str] = cells) -> str:
            idx = columns.get(name)
            return cells[idx].strip() if idx is not None and idx < len(cells) else ""

        stt, content = cell("stt"), cell("content")
        lead_cell, coord_cell, time_cell = cell("lead"), cell("coordinating"), cell("time")
        if not any(cells):
            continue
        if content and not (lead_cell or coord_cell or time_cell):
            if above is not None and _same_level(stt, above.stt) and not is_upper(content):
                # A numbered row whose lead, coordinating and time cells were merged with the row above.
                merged = TableRow(_label(group, stt), content, list(above.assignees), stt=stt)
                merged.coordinating, merged.time = list(above.coordinating), above.time
                out.append(merged)
                continue
            # A group row ("I | CẢI CÁCH THỂ CHẾ"): it labels the rows under it.
            group = stt or group
            above = None
            continue
        if not content or _STEP.match(stt):
            continue
        assignees, coordinating = _lead_cell_units(lead_cell, coord_cell)
        if not assignees and above is not None and not lead_cell:
            assignees = list(above.assignees)
            coordinating = coordinating or list(above.coordinating)
        row = TableRow(_label(group, stt), content, assignees, coordinating, time_cell, stt=stt)
        out.append(row)
        above = row
    return out


_LEADS_THEN_OTHERS = re.compile(r"^(?P<lead>[^;]+?)\s+chủ\s+trì\b[^;]*;\s*(?P<others>.+)$", re.I)


def _names(cell: str) -> list[str]:
    """The units of a cell; a cell that goes on to say what they do ("Các sở, ngành, UBND cấp xã thực
    hiện công bố dữ liệu mở …") gives the names before the verb."""
    phrase = addressee_phrase(cell)
    return split_units(phrase if phrase and len(phrase) < len(cell.strip(" .;")) else cell)


def _lead_cell_units(lead_cell: str, coord_cell: str) -> tuple[list[str], list[str]]:
    """ "Sở KH&CN chủ trì hướng dẫn, tổng hợp; Các sở, ngành, UBND cấp xã thực hiện …" in a Chủ trì
    column: the unit before "chủ trì" leads, the units after the ";" take part."""
    m = _LEADS_THEN_OTHERS.match(lead_cell)
    if m and not coord_cell:
        return _names(m.group("lead")), _names(m.group("others"))
    return _names(lead_cell), split_units(coord_cell)


def _label(group: str | None, stt: str) -> str | None:
    return f"{group}.{stt}" if group and stt else (stt or group)


_ARABIC = re.compile(r"^\d{1,3}(?:\.\d{1,3}){0,3}\.?$")


def _same_level(stt: str, above: str) -> bool:
    """ "4" after "3", "2.3" after "2.2": a row of the same list, not a group heading."""
    if not (_ARABIC.match(stt) and _ARABIC.match(above)):
        return False
    return stt.rstrip(".").count(".") == above.rstrip(".").count(".")
