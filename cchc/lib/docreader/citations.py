"""Documents cited in a text: "Công văn số 9228/UBND-SNV ngày 02/8/2022 của UBND tỉnh ...".

Each citation becomes type, number, symbol (docs/rules/official-documents.md: the part after the first slash,
e.g. "UBND-SNV", "2019/NĐ-CP"), ISO date and, where written, the issuer after "của". Its span is also
returned so that the title of a cited document ("... về nhiệm vụ 6 tháng cuối năm 2022") is not
mistaken for a deadline of the task that cites it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .text import squash

# Longest names first so that "Thông tư liên tịch" wins over "Thông tư".
DOC_TYPES = (
    "Thông tư liên tịch",
    "Nghị quyết",
    "Quyết định",
    "Chỉ thị",
    "Quy chế",
    "Quy định",
    "Thông cáo",
    "Thông báo",
    "Hướng dẫn",
    "Chương trình",
    "Kế hoạch",
    "Phương án",
    "Đề án",
    "Dự án",
    "Báo cáo",
    "Biên bản",
    "Tờ trình",
    "Hợp đồng",
    "Công văn",
    "Công điện",
    "Bản ghi nhớ",
    "Giấy mời",
    "Kết luận",
    "Nghị định",
    "Thông tư",
    "Luật",
    "Pháp lệnh",
    "Văn bản",
)
# docs/rules/official-documents.md, Phụ lục III abbreviations, plus the legal-normative ones a directive
# cites.
ABBREVIATION_TYPES = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "Ctr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "KL": "Kết luận",
    "QH": "Luật",
}

_TYPE_ALT = "|".join(re.escape(t) for t in DOC_TYPES)
_SYMBOL = r"(?:\d{4}\s*/\s*)?[A-ZĐ][A-Za-zĐđ0-9&.]*(?:-[A-Za-zĐđ0-9&.]+)*"
_DATE = r"(\d{1,2})\s*(?:/|-|\.|\s+tháng\s+)\s*(\d{1,2})\s*(?:/|-|\.|\s*năm\s+)\s*(\d{4})"
# The type word and "số" in any case; the symbol in capitals as Phụ lục I prints it, so that a date
# such as "30/9/2022" or words after a slash are never read as a document.
_CITATION = re.compile(
    r"(?:(?P<type>(?i:"
    + _TYPE_ALT
    + r"))(?:\s+[a-zđà-ỹ]+){0,2}?\s*:?\s+(?=(?i:số)|\d))?(?:(?P<so>(?i:số))\s*:?\s*)?"
    r"(?P<number>\d{1,6}[a-z]?)\s*/\s*(?P<symbol>" + _SYMBOL + r")"
    r"(?:\s*,?\s*(?:ban\s+hành\s+)?(?i:ngày)\s+" + _DATE + r")?"
)
_PARTY = re.compile(
    r"(?:(?P<type>"
    + _TYPE_ALT
    + r")\s+)?(?:số\s+)?(?P<number>\d{1,5})-(?P<symbol>[A-ZĐ]{1,5}/[A-ZĐ]+[A-Za-zĐđ\-]*)"
    r"(?:\s*,?\s*ngày\s+" + _DATE + r")?",
)
_ISSUER = re.compile(
    r"\s+của\s+(?P<issuer>[^,;.()]{2,90}?)(?=\s+(?:về|v/v|quy\s+định|hướng\s+dẫn|ban\s+hành|triển\s+khai|phê\s+duyệt|"
    r"thực\s+hiện|tại|đối\s+với|sửa\s+đổi|bổ\s+sung|và|trong|nhằm|để)\b|\s*[,;.()]|\s*$)",
    re.IGNORECASE,
)
_TITLE_CLAUSE = re.compile(
    r"\s*(?:,\s*)?(?:về|v/v|quy\s+định|hướng\s+dẫn|ban\s+hành|phê\s+duyệt)\b", re.IGNORECASE
)


@dataclass
class Citation:
    type: str | None
    number: str
    symbol: str
    date: date | None
    issuer: str | None
    text: str
    relation: str = "cites"
    start: int = 0
    end: int = 0  # end of the citation and of the cited document's title, if one follows

    def key(self) -> tuple[str, str]:
        return (self.number, re.sub(r"\s", "", self.symbol).upper())


def _canonical_type(word: str | None) -> str | None:
    if not word:
        return None
    for t in DOC_TYPES:
        if t.lower() == word.lower():
            return t
    return None


def _type_from_symbol(symbol: str) -> str | None:
    for part in re.split(r"[-/]", symbol):
        if part in ABBREVIATION_TYPES:
            return ABBREVIATION_TYPES[part]
    return None


def _date(m: re.Match[str], first: int) -> date | None:
    if not m.group(first):
        return None
    try:
        return date(int(m.group(first + 2)), int(m.group(first + 1)), int(m.group(first)))
    except ValueError:
        return None


def find_citations(text: str) -> list[Citation]:
    """Every cited document in ``text`` in order of appearance (spans refer to ``text``)."""
    found: list[Citation] = []
    last_type: tuple[int, str] | None = None
    for m in _CITATION.finditer(text):
        symbol = m.group("symbol").rstrip(".-&")
        typed = _canonical_type(m.group("type"))
        # "30/9/2022" or "3/4" are dates or fractions, not documents: a bare N/X needs "số" or a
        # type word in front, or a symbol with letters that names a document type.
        if (
            not typed
            and not m.group("so")
            and (not re.search(r"[A-ZĐ]{2}", symbol) or not _type_from_symbol(symbol))
        ):
            continue
        generic = typed == "Văn bản"
        if generic:
            typed = None  # "các văn bản: số ..." names no type; the symbol may
        if typed:
            last_type = (m.start(), typed)
        elif generic:
            last_type = (m.start(), "")
        doc_type = typed or _type_from_symbol(symbol)
        if not doc_type and last_type and last_type[1] and m.start() - last_type[0] < 160:
            doc_type = last_type[1]  # "các Công văn: số 3335/VPCP-TCCV ..., số 6279/VPCP-TCCV ..."
        if not doc_type and re.fullmatch(r"[A-ZĐ][\wĐđ]*-[\wĐđ&.\-]+", symbol):
            # docs/rules/official-documents.md: <body>-<unit> without a type part is a công văn
            doc_type = "Công văn"
        end = m.end()
        issuer = None
        im = _ISSUER.match(text, end)
        if im:
            issuer = squash(im.group("issuer"))
            end = im.end("issuer")
        title_end = end
        if _TITLE_CLAUSE.match(text, end):
            stop = re.compile(r"[;\n]|\.(?:\s|$)").search(text, end)
            title_end = stop.start() if stop else len(text)
        found.append(
            Citation(
                type=doc_type,
                number=m.group("number"),
                symbol=re.sub(r"\s", "", symbol),
                date=_date(m, 5),
                issuer=issuer,
                text=squash(text[m.start() : end]),
                start=m.start(),
                end=title_end,
            )
        )
    for m in _PARTY.finditer(text):
        if any(c.start <= m.start() < c.end for c in found):
            continue
        found.append(
            Citation(
                type=_canonical_type(m.group("type")) or _type_from_symbol(m.group("symbol")),
                number=m.group("number"),
                symbol=m.group("symbol"),
                date=_date(m, 4),
                issuer=None,
                text=squash(m.group(0)),
                start=m.start(),
                end=m.end(),
            )
        )
    found.sort(key=lambda c: c.start)
    return found


def mask(text: str, citations: list[Citation]) -> str:
    """``text`` with the citations (and the titles that follow them) blanked out, same length."""
    chars = list(text)
    for c in citations:
        for i in range(c.start, min(c.end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
