"""Headers and signature blocks that a web copy prints as Markdown tables, put back on their own lines.

Some sites (and the Markdown copies made from them) print the two-column parts of a document's layout
as one table row each, every cell flattened to a single line::

    | VĂN PHÒNG CHÍNH PHỦ ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ----- |
    | --- | --- |
    | Số: 9416/VPCP-QHQT V/v Thỏa thuận ... | Hà Nội, ngày 30 tháng 11 năm 2023 |
    ...
    | Nơi nhận: - Như trên; - Lưu: VT. | KT. BỘ TRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM     Cao Huy |

The header reader (header.py) reads the issuer, "Số:", the V/v line, the recipients and the signer
from separate lines, as the document prints them. ``unfold_layout_rows`` turns each such row back into
those lines, cell by cell, left to right, with a "|" line between cells as the other web copies print
them (webcopy.py); the "| --- |" rule under it goes. Rows of a task table (more than two cells, or
cells that are no header or signature) are left as they are.
"""

from __future__ import annotations

import re

_SEPARATOR = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+\s*$")
# A cell of the header or the signature block: the motto, the number line, the place and date, the
# distribution list, a signer's authority, a head of government or office signing in person.
_LAYOUT_CELL = re.compile(
    r"CỘNG\s+HÒA\s+XÃ\s+HỘI|^Số\s*:|^[^|]{0,40},\s+ngày\s+(?:\d{1,2}|\.{2,}|…)\s+tháng|^Nơi\s+nhận\s*:|"
    r"^(?:TM|KT|TL|TUQ|Q)\s*\.\s*[A-ZĐÀ-Ỹ]|^(?:THỦ\s+TƯỚNG|CHỦ\s+TỊCH|BỘ\s+TRƯỞNG)\b"
)
_RULE = re.compile(r"\s*-{3,}\s*")
_MOTTO = re.compile(r"\s+(?=Độc\s+lập\s*-\s*Tự\s+do)")
_SUMMARY = re.compile(r"\s+(?=V/v\b)")
# "Nơi nhận: - Như trên; - VPCP: BTCN, ...; - Lưu: VT": a new recipient after ":" / ";" / ".".
_RECIPIENT = re.compile(r"(?<=[:;.,])\s+-\s+(?=\S)")
_NAME_GAP = re.compile(r"\s{3,}")
_AUTHORITY = re.compile(r"\s+(?=(?:TM|KT|TL|TUQ|Q)\s*\.\s*[A-ZĐÀ-Ỹ])")
# The signer's own title after "KT. BỘ TRƯỞNG, CHỦ NHIỆM" / "KT. CHỦ TỊCH": a deputy.
_DEPUTY = re.compile(r"\s(?:PHÓ\s|THỨ\s+TRƯỞNG\b)")
# "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH": the chairman signing for the committee.
_HEAD = re.compile(r"\s+(?=CHỦ\s+TỊCH\s*$)")
_SIGNER = re.compile(r"(?:TM|KT|TL|TUQ|Q)\s*\.|THỦ\s+TƯỚNG|CHỦ\s+TỊCH|BỘ\s+TRƯỞNG")


def _cells(line: str) -> list[str] | None:
    stripped = line.strip()
    if not (stripped.startswith("|") and stripped.endswith("|")) or _SEPARATOR.match(stripped):
        return None
    cells = [c.strip() for c in stripped[1:-1].split("|")]
    return cells if 1 <= len(cells) <= 2 else None


def _signer_lines(cell: str) -> list[str]:
    titles, *names = _NAME_GAP.split(cell, maxsplit=1)
    out: list[str] = []
    for part in _AUTHORITY.split(titles):
        deputy = [m.start() for m in _DEPUTY.finditer(part)]
        if part.startswith(("KT", "TL", "TUQ", "Q")) and deputy:
            out.extend([part[: deputy[-1]], part[deputy[-1] + 1 :]])
        elif part.startswith("TM"):
            out.extend(_HEAD.split(part, maxsplit=1))
        else:
            out.append(part)
    return out + [n.strip() for n in names if n.strip()]


def _cell_lines(cell: str) -> list[str]:
    if cell.startswith("Nơi nhận"):
        head, _, rest = cell.partition(":")
        return [
            head + ":",
            *("- " + r.lstrip("- ").strip() for r in _RECIPIENT.split(" " + rest.strip()) if r.strip()),
        ]
    if not _RULE.search(cell) and re.match(
        r"(?:TM|KT|TL|TUQ|Q)\s*\.|THỦ\s+TƯỚNG|CHỦ\s+TỊCH|BỘ\s+TRƯỞNG", cell
    ):
        return _signer_lines(cell)
    out: list[str] = []
    for piece in _RULE.split(cell):
        for part in _MOTTO.split(piece):
            out.extend(p.strip() for p in _SUMMARY.split(part) if p.strip())
    return out


def unfold_layout_rows(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    unfolded = False
    for line in lines:
        if unfolded and _SEPARATOR.match(line.strip()):
            continue
        cells = _cells(line)
        unfolded = bool(cells) and any(_LAYOUT_CELL.search(c) for c in cells or [])
        if not unfolded or cells is None:
            out.append(line)
            continue
        for cell in cells:
            out.append("|")
            out.extend(_cell_lines(cell))
        out.append("|")
    return "\n".join(out)
