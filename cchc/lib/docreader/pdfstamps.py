"""The number and date that a digital-signing system stamps on a signed PDF, put back into its text.

When a provincial office issues a document through its signing system, the Word file is printed to
PDF with the number and the day left blank ("Số:      /UBND-XD   Lào Cai, ngày      tháng 7 năm
2026"); at issue the system signs the file and stamps the number, the day (and the month when it
differs) as small signature fields over those blanks. The page's text layer does not hold them — each
is the appearance of a signature widget. ``fill_stamps`` reads the digits that such widgets show in the
header band of the first page and writes them into the blanks, so the header reader sees
"Số: 7432/UBND-XD" and "ngày 21 tháng 7 năm 2026" as printed on paper.
"""

from __future__ import annotations

import re
from typing import Any

_NUMBER_BLANK = re.compile(r"Số\s*:\s+/")
_DAY_BLANK = re.compile(r"(ngày)\s+(tháng)")
_MONTH = re.compile(r"(tháng)\s*(?:\d{1,2}\s*)?(năm)")


def _shown_text(page: Any, xobject: Any) -> str:
    """The text a form XObject draws, through the forms it draws in turn (signature layers n0/n2)."""
    xobject = xobject.get_object()
    parts = [page.extract_xform_text(xobject, (0,), 200.0) or ""]
    resources = xobject.get("/Resources")
    if resources is not None:
        for inner in (resources.get_object().get("/XObject") or {}).values():
            parts.append(_shown_text(page, inner))
    return " ".join(p for p in parts if p.strip())


def stamps(page: Any) -> list[tuple[float, str]]:
    """(left edge, digits) of every signature field in the top quarter of the page that shows digits."""
    height = float(page.mediabox.height)
    found: list[tuple[float, str]] = []
    for ref in page.get("/Annots") or []:
        annot = ref.get_object()
        if annot.get("/FT") != "/Sig" or "/AP" not in annot:
            continue
        left, bottom, _right, top = (float(v) for v in annot["/Rect"])
        if min(bottom, top) < 0.75 * height:
            continue
        try:
            shown = _shown_text(page, annot["/AP"]["/N"])
        except Exception:  # an odd appearance stream: no stamp read, the text stays as it is
            continue
        digits = shown.split()[0] if shown.split() else ""
        if digits.isdigit():
            found.append((left, digits))
    return sorted(found)


def fill_stamps(text: str, page: Any) -> str:
    found = stamps(page)
    if not found:
        return text
    middle = float(page.mediabox.width) / 2
    number = [d for x, d in found if x < middle]
    date_parts = [d for x, d in found if x >= middle]
    if number and _NUMBER_BLANK.search(text):
        text = _NUMBER_BLANK.sub(f"Số: {number[0]}/", text, count=1)
    if date_parts and int(date_parts[0]) <= 31 and _DAY_BLANK.search(text):
        text = _DAY_BLANK.sub(rf"\1 {date_parts[0]} \2", text, count=1)
        if len(date_parts) > 1 and int(date_parts[1]) <= 12:
            # The month stamp lies over the month the draft printed: the stamp is what was issued.
            text = _MONTH.sub(rf"\1 {date_parts[1]} \2", text, count=1)
    return text
