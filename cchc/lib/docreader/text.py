"""Text clean-up and Vietnamese casing shared by the reader's parts.

Inputs arrive as plain text converted from several sources (a .txt typed by hand with markdown bold,
a docx, a PDF text layer, a web page copy). They all reduce to a list of clean lines here; the rest
of the reader never sees markdown markers, page breaks or table borders of the page header.
"""

from __future__ import annotations

import re
import unicodedata

# Old-style tone placement ("hoá", "uỷ") and new-style ("hóa", "ủy") both occur in real documents;
# comparisons fold them to one form so that "Phòng Văn hoá" matches "Phòng Văn hóa".
_TONE_FOLD = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_TONE_RE = re.compile("|".join(_TONE_FOLD), re.IGNORECASE)


def fold_tones(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        found = m.group(0)
        new = _TONE_FOLD[found.lower()]
        if found[0].isupper():
            new = new[0].upper() + new[1:]
        if found[1].isupper():
            new = new[0] + new[1].upper()
        return new

    return _TONE_RE.sub(repl, text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def squash(text: str) -> str:
    """One line, single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def comparable(text: str) -> str:
    """Key for comparing names: NFC, tone placement folded, case folded, punctuation spacing unified."""
    text = fold_tones(nfc(text)).casefold()
    text = re.sub(r"\s*[–—-]\s*", " - ", text)
    text = re.sub(r"[\"“”'‘’]", "", text)
    return squash(text).strip(" .;,:")


_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?(?:trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?\s*$", re.IGNORECASE)
_RULE_LINE = re.compile(r"^\s*[-_=—–.*|\s]{3,}\s*$")
_SIGNED_MARK = re.compile(
    r"^\s*[\[(]?\s*(?:đã\s+ký|da\s*ky|đã ký và đóng dấu|ký tên,? đóng dấu)\s*[\])]?\s*$", re.I
)


_FIRST_AUTHORITY = re.compile(r"^(?:TM|KT|TL|TUQ|Q)\s*\.\s*[A-ZĐÀ-Ỹ]")
_SECOND_AUTHORITY = re.compile(r"\s+(?=(?:KT|TL|TUQ)\s*\.\s*[A-ZĐÀ-Ỹ])")


def clean_lines(raw: str) -> list[str]:
    """Normalise a document's text into lines; blank lines are kept as "" (they matter for layout).

    - markdown bold/italic markers are dropped (the founding letter is typed with ``**``);
    - a form feed (PDF page break) becomes a blank line, so text running over a page is handled like
      text running over a blank line: joined when the sentence was not finished;
    - border lines ("-------", "|") and bare page numbers are dropped;
    - a table row keeps its pipes; a single stray pipe at either end of a line (web copies of the
      two-column header table) is removed.
    """
    text = nfc(raw).replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\t", " ")
    # A PDF font map of the old TCVN fonts prints "ư" as "ƣ" (Latin letter oi, never Vietnamese):
    # "BỘ CÔNG THƢƠNG", "hƣớng dẫn".
    text = text.replace("ƣ", "ư").replace("Ƣ", "Ư")
    text = re.sub(r"\*\*|__", "", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])", r"\1", text)
    lines: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.count("|") == 1 and (stripped.startswith("|") or stripped.endswith("|")):
            stripped = stripped.strip("| ").strip()
        if re.fullmatch(r"\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*", stripped):
            continue  # markdown table separator row
        if stripped and (_RULE_LINE.match(stripped) or _SIGNED_MARK.match(stripped)):
            continue
        if stripped and _PAGE_NUMBER.match(stripped):
            continue
        # "T/M BAN THƯỜNG VỤ": a Party committee's way of writing "TM." (on behalf of).
        stripped = re.sub(r"^T\s*/\s*M\b\.?\s*(?=[A-ZĐÀ-Ỹ])", "TM. ", stripped)
        # "TM. ỦY BAN NHÂN DÂN          KT. CHỦ TỊCH": two signature lines that a Word table put side by
        # side; the signer reader wants one authority a line.
        for part in _SECOND_AUTHORITY.split(stripped) if _FIRST_AUTHORITY.match(stripped) else [stripped]:
            lines.append(re.sub(r" {2,}", " ", part))
    return lines


def is_table_row(line: str) -> bool:
    return line.startswith("|") and line.count("|") >= 3


def table_cells(line: str) -> list[str]:
    inner = line.strip()
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|"):
        inner = inner[:-1]
    return [squash(cell) for cell in inner.split("|")]


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


# Words after which a place name follows; the place name keeps its capitals when a heading in
# capitals is brought to normal case ("THÀNH PHỐ VŨNG TÀU" → "thành phố Vũng Tàu").
_ADMIN_WORDS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "phường", "xã")
_ABBREVIATIONS = {
    "ubnd": "UBND",
    "hđnd": "HĐND",
    "mttq": "MTTQ",
    "mttqvn": "MTTQVN",
    "cchc": "CCHC",
    "tthc": "TTHC",
    "cntt": "CNTT",
    "việt": "Việt",
    "nam": "Nam",
}
# Multi-word titles that keep an initial capital on their second word ("Phó Chủ tịch").
_TITLES = (
    "chủ tịch",
    "giám đốc",
    "trưởng phòng",
    "trưởng ban",
    "chánh văn phòng",
    "chánh thanh tra",
    "bí thư",
    "thủ trưởng",
    "tổng giám đốc",
    "cục trưởng",
    "chi cục trưởng",
    "viện trưởng",
    "hiệu trưởng",
    "trưởng đoàn",
)
_TITLE_CASE = {"chánh văn phòng": "Chánh Văn phòng", "chánh thanh tra": "Chánh Thanh tra"}
_ORG_HEADS = {
    "ủy ban nhân dân": "Ủy ban nhân dân",
    "hội đồng nhân dân": "Hội đồng nhân dân",
    "văn phòng": "Văn phòng",
    "sở": "Sở",
    "phòng": "Phòng",
    "ban": "Ban",
}


def _title_words(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in text.split(" "))


def title_to_normal(text: str) -> str:
    """Bring a position written in capitals to normal case: "PHÓ CHỦ TỊCH" → "Phó Chủ tịch"."""
    low = fold_tones(squash(text)).lower()
    if not low:
        return low
    prefix = ""
    for p in ("phó ", "q. ", "quyền "):
        if low.startswith(p):
            prefix, low = p[:1].upper() + p[1:], low[len(p) :]
            break
    for title in _TITLES:
        if low.startswith(title):
            proper = _TITLE_CASE.get(title, title[:1].upper() + title[1:])
            return prefix + proper + low[len(title) :]
    return prefix + low[:1].upper() + low[1:]


def body_to_normal(text: str) -> str:
    """Bring the name of a body written in capitals to normal case.

    "ỦY BAN NHÂN DÂN THÀNH PHỐ VŨNG TÀU" → "Ủy ban nhân dân thành phố Vũng Tàu";
    "SỞ NỘI VỤ" → "Sở Nội vụ". Place names after an administrative word keep initial capitals.
    """
    text = squash(text)
    if not is_upper(text):
        return expand_body_abbreviation(text)
    low = fold_tones(text).lower()
    low = re.sub(r"^ubnd\b", "ủy ban nhân dân", low)
    low = re.sub(r"^hđnd\b", "hội đồng nhân dân", low)
    for admin in _ADMIN_WORDS:
        m = re.search(rf"(?:^|\s){admin}\s+(.+)$", low)
        if m:
            place = _title_words(m.group(1))
            low = low[: m.start(1)] + place
            break
    words = low.split(" ")
    out = [_ABBREVIATIONS.get(w, w) for w in words]
    low = " ".join(out)
    for head, proper in _ORG_HEADS.items():
        if low.startswith(head + " ") and head in ("sở", "phòng", "ban", "văn phòng"):
            rest = low[len(head) + 1 :]
            # "SỞ NỘI VỤ" → "Sở Nội vụ": the field name after Sở/Phòng/Ban takes one initial capital.
            return proper + " " + rest[:1].upper() + rest[1:]
        if low.startswith(head):
            return proper + low[len(head) :]
    return low[:1].upper() + low[1:]


def expand_body_abbreviation(text: str) -> str:
    text = re.sub(r"^UBND\b", "Ủy ban nhân dân", text)
    text = re.sub(r"^HĐND\b", "Hội đồng nhân dân", text)
    return fold_tones(text) if text.startswith(("Uỷ", "UỶ")) else text


def sentence_case(text: str) -> str:
    """Subject lines of typed documents are printed in capitals; give them sentence case."""
    text = squash(text)
    if not is_upper(text):
        return text
    low = fold_tones(text).lower()
    for admin in _ADMIN_WORDS:
        low = re.sub(
            rf"\b({admin})\s+([^\s,;.()]+(?:\s[^\s,;.()]+){{0,2}}?)"
            r"(?=\s*$|\s*[,;.()]|\s(?:năm|giai|trên|về|đến|theo|và|của|từ|trong|tại)\b)",
            lambda m: m.group(1) + " " + _title_words(m.group(2).strip()),
            low,
        )
    low = " ".join(_ABBREVIATIONS.get(w, w) for w in low.split(" "))
    return low[:1].upper() + low[1:]
