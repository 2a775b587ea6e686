"""Undo what copying a document from a web page does to it.

Legal-document sites print tables cell by cell: when the page is saved as text each cell ends up on
its own run of lines with a line holding a single "|" between cells, and the lines inside a cell are
wrapped wherever the page wrapped them::

    |
    STT
    |
    Nội dung
    |
    Cơ quan chủ trì
    |
    |
    1
    |
    Triển khai nền tảng ...
    |

A row starts and ends with "|", so two "|" lines in a row mark the end of one row and the start of
the next — or an empty cell. ``rebuild_pipe_tables`` puts every row back on one line
("| 1 | Triển khai ... | Sở KH&CN |"), the form the task-table reader reads. Only tables of three or
more columns are rebuilt: the two-column header (issuer | national motto) and the signature block
(Nơi nhận | signer) keep their lines, which the header reader expects.

The same pages also wrap a numbered item after its number ("1." / "Công an tỉnh");
``join_bare_markers`` puts the number back in front of its text.
"""

from __future__ import annotations

import re

_PIPE = "|"
_ROW_LABEL = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVXLC]{1,5}\.?|[a-zđ]\)?|[A-Z]\.?)$")
_BARE_MARKER = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\s*[.)]|[a-zđ]\s*\)|[IVXLC]{1,5}\s*\.|Điều\s+\d{1,3}\s*\.?|[-–+•])$"
)


def _is_pipe(line: str) -> bool:
    return line.strip() == _PIPE


_SIGNATURE_CELL = re.compile(r"^(?:TM|KT|TL|TUQ|Q)\s*\.\s*[A-ZĐÀ-Ỹ]|^(?:THỦ\s+TƯỚNG|CHỦ\s+TỊCH|BỘ\s+TRƯỞNG)$")


def _region_end(lines: list[str], start: int) -> int:
    """Index after the last "|" of the table region that starts at ``start`` (a "|" line).

    A region ends at a "|" followed by a blank line, or right after the cell holding the signature:
    some copies run the signature block (Nơi nhận | signer) straight into the appendix title.
    """
    i = start
    last_pipe = start
    cell: list[str] = []
    while i < len(lines):
        if _is_pipe(lines[i]):
            last_pipe = i
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            if not nxt.strip() or any(_SIGNATURE_CELL.match(c.strip()) for c in cell):
                return i + 1
            cell = []
        elif not lines[i].strip():
            return last_pipe + 1
        else:
            cell.append(lines[i])
        i += 1
    return last_pipe + 1


_OUTLINE_LINE = re.compile(r"^\s*(?:\d{1,2}\.|[a-zđ]\))\s+\S")


def _holds_running_text(region: list[str]) -> bool:
    """A "cell" of dozens of lines with its own numbered outline is the body of the document, which
    some copies of a công điện put in the cell beside the recipients: it is not a table to rebuild."""
    cell: list[str] = []
    for line in [*region, _PIPE]:
        if _is_pipe(line):
            if len(cell) >= 15 and sum(1 for c in cell if _OUTLINE_LINE.match(c)) >= 3:
                return True
            cell = []
        else:
            cell.append(line)
    return False


def _gaps(region: list[str]) -> list[str]:
    """The text between consecutive "|" lines (one string per gap, "" for an empty one)."""
    out: list[str] = []
    current: list[str] | None = None
    for line in region:
        if _is_pipe(line):
            if current is not None:
                out.append(" ".join(s.strip() for s in current if s.strip()))
            current = []
        elif current is not None:
            current.append(line)
    return out


def _rows(gaps: list[str]) -> list[list[str]]:
    first: list[str] = []
    for g in gaps:
        if not g:
            break
        first.append(g)
    width = len(first)
    rows: list[list[str]] = []
    row: list[str] = []
    for k, gap in enumerate(gaps):
        if gap:
            row.append(gap)
            continue
        following = next((g for g in gaps[k + 1 :] if g), "")
        boundary = (
            len(row) >= width
            or len(row) == 1
            or (bool(row) and bool(_ROW_LABEL.match(following)) and not _ROW_LABEL.match(row[-1]))
        )
        if boundary:
            if row:
                rows.append(row)
            row = []
        elif row:
            row.append("")
    if row:
        rows.append(row)
    return rows


_GROUP = re.compile(r"^(?P<label>[IVXLC]{1,5}|\d{1,2}|[A-Z])\s*[.)]\s+(?P<text>\S.*)$")


def _shape(rows: list[list[str]], width: int) -> list[list[str]]:
    """Give every row the table's width so that cells stay under their column.

    A row of one cell is a group heading spanning the table ("I. NÂNG CAO NHẬN THỨC"): its label
    goes to the first column. A shorter row whose first cell is not a row number lost that cell to a
    cell merged from the row above; an empty one is put back in front.
    """
    out = []
    for k, row in enumerate(rows):
        if k and len(row) == 1:
            m = _GROUP.match(row[0])
            row = [m.group("label"), m.group("text")] if m else ["", row[0]]
        elif k and len(row) < width and not _ROW_LABEL.match(row[0]):
            row = ["", *row]
        out.append(row + [""] * (width - len(row)))
    return out


def rebuild_pipe_tables(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _is_pipe(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        end = _region_end(lines, i)
        region = lines[i:end]
        gaps = _gaps(region)
        first_width = next((k for k, g in enumerate(gaps) if not g), len(gaps))
        if first_width < 3 or _holds_running_text(region):
            out.extend(region)
        else:
            out.append("")
            for row in _shape(_rows(gaps), first_width):
                out.append("| " + " | ".join(c.replace("|", "/") for c in row) + " |")
            out.append("")
        i = end
    return "\n".join(out)


_LABEL_START = re.compile(
    r"^(?:[-–+•]\s*|[a-zđ]\)\s*)?(?:Đơn\s+vị|Cơ\s+quan|Thời\s+gian|Thời\s+hạn|Nội\s+dung|Trách\s+nhiệm)\b",
    re.I,
)


def join_bare_markers(lines: list[str]) -> list[str]:
    """ "1." / "Công an tỉnh" → "1. Công an tỉnh" (a number wrapped away from its text), and
    "Đơn vị chủ trì tham mưu thực" / "hiện: Sở Tư pháp." → one line (a field label wrapped)."""
    lines = _join_wrapped_labels(lines)
    out: list[str] = []
    pending: str | None = None
    for line in lines:
        if pending is not None:
            if not line:
                continue
            out.append(pending + " " + line)
            pending = None
            continue
        if _BARE_MARKER.match(line.strip()):
            pending = line.strip()
            continue
        out.append(line)
    if pending is not None:
        out.append(pending)
    return out


def _join_wrapped_labels(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        if (
            prev
            and line
            and ":" not in prev
            and _LABEL_START.match(prev)
            and len(prev.split()) <= 7
            and ":" in line[:25]
        ):
            out[-1] = prev + " " + line
            continue
        out.append(line)
    return out
