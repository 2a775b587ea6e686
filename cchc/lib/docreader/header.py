"""The fixed parts of the Nghị định 30/2020 layout (docs/rules/official-documents.md, CONFIRMED).

Header: issuing body (with its parent above it), "Số: N/SYMBOL", "<place>, ngày .. tháng .. năm ..",
the type name in capitals with the summary under it, or "V/v <summary>" for a công văn, and
"Kính gửi:" with the recipients. Footer: "Nơi nhận:" with its entries, and the signature block whose
first line may carry TM., KT., TL., TUQ. or Q. (docs/rules/official-documents.md "Signature block").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .citations import ABBREVIATION_TYPES, DOC_TYPES
from .text import body_to_normal, is_table_row, is_upper, sentence_case, squash, table_cells, title_to_normal

AUTHORITIES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")
_MOTTO = re.compile(
    r"CỘNG\s+H[OÒÕ][AÀ]|^CỘNG$|XÃ\s+HỘI\s+CHỦ\s+NGHĨA|NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*[-–]|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM",
    re.I,
)
# A Party committee prints its number without the colon: "Số 2449 -CV/ĐU".
_NUMBER_LINE = re.compile(
    r"^(?:S[ốo]?\s*(?:hiệu)?\s*:|(?-i:Số)\s+(?=\d{1,6}\s*-\s*[A-ZĐ]{1,5}/))\s*(?P<rest>.*)$", re.I
)
_NUMBER = re.compile(r"(?P<number>\d{1,6}[a-zA-Z]?)?\s*/\s*(?P<symbol>[\wĐđ][\wĐđ&./\-]*)")
_PARTY_NUMBER = re.compile(r"(?P<number>\d{1,6})\s*-\s*(?P<symbol>[A-ZĐ]{1,5}/[A-ZĐ][\wĐđ\-]*)")
# A draft leaves the day and the month blank ("Lào Cai, ngày      tháng      năm 2026"): the place is
# still read, the date is not.
_DATE_LINE = re.compile(
    r",\s*ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})?\s*năm\s*(?P<year>\d{4})", re.I
)
_ADMIN_START = re.compile(r"^(?:TỈNH|THÀNH\s+PHỐ|HUYỆN|QUẬN|THỊ\s+XÃ|XÃ|PHƯỜNG|THỊ\s+TRẤN|TP\.?)\b")
_AUTHORITY_LINE = re.compile(r"^(?P<auth>TM|KT|TL|TUQ|Q)\s*\.\s*(?P<rest>.+)$")
_CAPS_AUTHORITY = re.compile(r"^(?:ỦY|UỶ|UBND|CHỦ\s+TỊCH|HỘI\s+ĐỒNG|BỘ\s+TRƯỞNG|GIÁM\s+ĐỐC)\b")
BODY_STARTERS = re.compile(
    r"^(?:Căn\s+cứ|Thực\s+hiện|Xét|Theo|Nhằm|Để|Trong|Ngày\s+\d|Thời\s+gian|Trên\s+cơ\s+sở|Qua|Sau|Tiếp\s+theo|"
    r"Hiện\s+nay|Thi\s+hành|Triển\s+khai|Kính\s+gửi|Ủy\s+ban\s+nhân\s+dân|UBND|Chủ\s+tịch|Nhận\s+được|Vừa\s+qua|"
    r"Thời\s+gian\s+qua|Năm\s+\d|Được|Với|I\.|1\.|Điều\s+1)",
)
_TYPE_TITLES = sorted(
    ((t.upper(), t) for t in DOC_TYPES if t not in ("Văn bản", "Luật", "Công văn")), key=lambda p: -len(p[0])
)
_SUBJECT_PREFIX = re.compile(r"^(?:V/v|V/V|v/v|Về\s+việc)\s*:?\s*", re.I)
# "Kính gửi:" — or, in a công điện, "THỦ TƯỚNG CHÍNH PHỦ điện:" before the list of recipients.
_RECIPIENTS = re.compile(r"^(?:[Kk](?:ính|ÍNH)\s+(?:gửi|GỬI)\s*:?|[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]+\s+điện\s*:)\s*")
_NOI_NHAN = re.compile(r"^N[ơo]i\s+nhận\s*:?\s*(?P<rest>.*)$", re.I)
_ITEM = re.compile(r"^[-–—+•·*]\s*")
_NAME = re.compile(r"^[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){1,5}$")


@dataclass
class Signer:
    authority: str | None = None
    position: str | None = None
    on_behalf_of: str | None = None
    name: str | None = None
    authority_chain: list[str] = field(default_factory=list)


@dataclass
class Layout:
    issuer: str | None = None
    parent_issuer: str | None = None
    number: str | None = None
    symbol: str | None = None
    date: date | None = None
    place: str | None = None
    doc_type: str | None = None
    subject: str | None = None
    recipients: list[str] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)
    cc: list[str] = field(default_factory=list)
    body_start: int = 0
    body_end: int = 0
    appendix_start: int | None = None
    own_number_line: int | None = None


def _expand_header_rows(lines: list[str]) -> list[str]:
    """A two-column header copied as a table row ("| ỦY BAN ... | CỘNG HÒA ... |") → one line per cell."""
    out: list[str] = []
    for line in lines:
        if "|" in line and (is_table_row(line) or line.count("|") >= 1):
            out.extend(c for c in table_cells(line if line.startswith("|") else "|" + line + "|") if c)
        else:
            out.append(line)
    return out


def _find_number(lines: list[str], limit: int) -> tuple[int | None, str | None, str | None]:
    for i in range(min(limit, len(lines))):
        m = _NUMBER_LINE.match(lines[i])
        if not m:
            continue
        rest = m.group("rest")
        if not re.search(r"/", rest) and i + 1 < len(lines):
            rest = rest + " " + lines[i + 1]
        pm = _PARTY_NUMBER.search(rest)
        if pm:
            return i, pm.group("number"), pm.group("symbol")
        nm = _NUMBER.search(rest)
        if nm:
            symbol = re.sub(r"\s", "", nm.group("symbol")).rstrip(".-")
            return i, nm.group("number"), symbol
        return i, None, None
    return None, None, None


# "CỘNG HÕA": the motto as some PDF text layers print "HÒA" (the font maps the grave accent to a tilde).
_MOTTO_SPAN = re.compile(
    r"C[OỘ]NG\s+H[OÒÕ][AÀ]\s+X[AÃ]\s+H[OỘ]I\s+CH[UỦ]\s+NGH[IĨ]A\s+VI[EỆ]T(?:\s+NAM)?|Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc|"
    r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM",
    re.I,
)
# A new body name inside the issuer lines starts the child ("UBND TỈNH X" / "SỞ NỘI VỤ"); a school
# ("TRƯỜNG …") is one, the environment of "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" is not; a Party committee
# ("ĐẢNG BỘ TỈNH X" / "ĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH") is one, with the body it sits in.
_BODY_NAME_START = re.compile(
    r"\s(?=(?:SỞ|(?<!VĂN\s)PHÒNG|VĂN\s+PHÒNG|BAN|CỤC|CHI\s+CỤC|TRUNG\s+TÂM|THANH\s+TRA|BỘ\s+CHỈ\s+HUY|CÔNG\s+AN|"
    r"(?<!ĐẢNG\sỦY\s)(?:ỦY\s+BAN|UỶ\s+BAN|UBND)|HỘI\s+ĐỒNG|HĐND|ĐOÀN|(?<!MÔI\s)TRƯỜNG|BỆNH\s+VIỆN|KHO\s+BẠC|"
    r"ĐẢNG\s+ỦY)\b)"
)


def _issuer(lines: list[str]) -> tuple[str | None, str | None]:
    caps = [ln for ln in lines if ln and is_upper(ln)]
    # The rule printed under the body's name ("––––––––") can reach the same line in a text layer.
    text = squash(re.sub(r"[-–—_]{3,}", " ", _MOTTO_SPAN.sub(" ", " ".join(caps))))
    text = squash(re.sub(r"\bCỘNG\b|\bHÒA\b", " ", text)) if "NGHĨA VIỆT NAM" in text else text
    if not text:
        return None, None
    # "ỦY BAN NHÂN DÂN TỈNH X SỞ Y": the parent ends where a new body name begins after a place name.
    parts = [p.strip() for p in _BODY_NAME_START.split(text) if p.strip()]
    merged: list[str] = []
    for part in parts:
        # A head word alone ends a place name, it starts no body: "THÀNH PHỐ HẢI" / "PHÒNG".
        if merged and (not _has_place(merged[-1]) or len(part.split()) == 1):
            merged[-1] = merged[-1] + " " + part
        else:
            merged.append(part)
    issuer = body_to_normal(merged[-1])
    parent = body_to_normal(" ".join(merged[:-1])) if len(merged) > 1 else None
    return issuer, parent


def comparable_prefix(issuer: str, authority_line: str) -> bool:
    """The header printed only "ỦY BAN NHÂN DÂN"; the line "ỦY BAN NHÂN DÂN THÀNH PHỐ X" names it fully."""
    short = body_to_normal(issuer).lower()
    full = body_to_normal(authority_line).lower()
    return full.startswith(short) and len(full) > len(short) and not _has_place(issuer.upper())


def _has_place(name: str) -> bool:
    """Whether a body name is complete enough to be a parent ("UBND TỈNH X", "BỘ Y", "SỞ Z")."""
    return bool(
        re.search(r"\b(?:TỈNH|THÀNH\s+PHỐ|HUYỆN|QUẬN|THỊ\s+XÃ|XÃ|PHƯỜNG|THỊ\s+TRẤN|TP)\b", name)
    ) or bool(re.match(r"^(?:SỞ|BỘ|CỤC|PHÒNG|BAN)\s+\S+", name))


def _capital_run(words: list[str]) -> list[str]:
    run: list[str] = []
    for w in reversed(words):
        if w and (w[0].isupper() or w in ("-", "–")) and not any(c.isdigit() for c in w):
            run.insert(0, w)
        else:
            break
    return run


def _place(before: str) -> str | None:
    """The capitalised words before ", ngày": "Hà Nội", "Thành phố Hồ Chí Minh", "Đắk Lắk".

    ``before`` keeps its line breaks. A place wrapped by the page ("Hà" / "Nội, ngày ...", "Thành phố
    Hồ Chí" / "Minh, ngày ...") goes on into the line above only when that line is short; a long line
    above is the summary ("V/v ... Việt Nam - Singapore"), whose last words are no part of the place.
    """
    lines = [squash(ln) for ln in before.split("\n")]
    words = lines[-1].split(" ") if lines[-1] else []
    run = _capital_run(words)
    taken, k = len(run), len(lines) - 1
    while taken == len(words) and k > 0 and lines[k - 1] and len(lines[k - 1].split(" ")) <= 4:
        k -= 1
        words = lines[k].split(" ")
        above = _capital_run(words)
        run, taken = above + run, len(above)
    while run and run[0] in ("-", "–"):
        run.pop(0)
    if not run:
        return None
    idx = len(words) - taken
    if idx >= 2 and words[idx - 2].lower() == "thành" and words[idx - 1].lower() == "phố":
        run = ["Thành", "phố", *run]
    place = " ".join(run)
    return re.sub(r"^(?:Số:?\s*\S+\s+)", "", place) or None


def _continues_below(lines: list[str], j: int) -> bool:
    """A typed summary broken into paragraphs: the next one starts in lower case ("... ngày 04/01/2026"
    / "của Ban Thường vụ Tỉnh ủy về ...")."""
    nxt = next((ln for ln in lines[j + 1 : j + 4] if ln), "")
    return nxt[:1].islower()


def _summary_right_under(parts: list[str], lines: list[str], type_idx: int, j: int) -> bool:
    """ "KẾ HOẠCH" / "Triển khai thực hiện Chỉ thị số 11-CT/TU ...": the line right under the type name
    is its summary even when it opens with a word that usually opens the body — unless it reads as
    the body's first paragraph (ending in ":" or ";", or long)."""
    if parts or any(lines[type_idx + 1 : j]):
        return False
    line = lines[j].rstrip()
    return not line.endswith((":", ";")) and len(line.split()) <= 30


def _type_of_symbol(symbol: str | None) -> str | None:
    if not symbol:
        return None
    parts = [p for p in re.split(r"[-/]", symbol) if p and not p.isdigit()]
    if (
        parts
        and parts[0] in ABBREVIATION_TYPES
        and ABBREVIATION_TYPES[parts[0]] not in ("Nghị định", "Thông tư", "Luật")
    ):
        return ABBREVIATION_TYPES[parts[0]]
    if len(parts) >= 2:
        # docs/rules/official-documents.md: a công văn's symbol is <body>-<drafting unit>, no type part
        return "Công văn"
    return None


def _is_signature_line(line: str) -> bool:
    m = _AUTHORITY_LINE.match(line)
    return bool(m and is_upper(m.group("rest")))


def _wrapped_abbreviations(entry: str, line: str) -> bool:
    """ "- VPCP: …, các Vụ, Cục: NN, CN, KGVX," / "TH;" — the rest of a list of abbreviations, not a
    signature line (which never ends in ";")."""
    return entry.rstrip().endswith(",") and line.rstrip().endswith((";", ".")) and len(line.split()) <= 3


def _collect_items(lines: list[str], start: int, stop_at_blank_after_plain: bool) -> tuple[list[str], int]:
    """Entries of a "Kính gửi" or "Nơi nhận" list from ``start``; returns them and the next line index."""
    items: list[str] = []
    i = start
    bulleted = False
    while i < len(lines):
        line = lines[i]
        if not line:
            if items and not bulleted and stop_at_blank_after_plain:
                i += 1
                break
            i += 1
            continue
        if _ITEM.match(line):
            bulleted = True
            items.append(_ITEM.sub("", line))
        elif (
            items
            and not items[-1].rstrip().endswith((";", ".", ":"))
            and not _AUTHORITY_LINE.match(line)
            and not (is_upper(line) and bulleted and not _wrapped_abbreviations(items[-1], line))
        ):
            items[-1] = items[-1] + " " + line  # an entry wrapped onto the next line
        elif (
            not items
            and not _AUTHORITY_LINE.match(line)
            and not is_upper(line)
            and not BODY_STARTERS.match(line)
        ):
            items.append(line)
        else:
            break
        i += 1
        if items and not bulleted and items[-1].rstrip().endswith("."):
            break
    out: list[str] = []
    for item in items:
        item = squash(item)
        if bulleted:
            out.append(item.rstrip(" ;.,"))
        else:
            out.extend(p.strip(" .,") for p in re.split(r"\s*;\s*", item) if p.strip(" .,"))
    return [o for o in out if o], i


_UNFINISHED_AUTHORITY = re.compile(r"(?:,|\b(?:ỦY|UỶ)\s+BAN(?:\s+NHÂN)?|\bNHÂN|\bHỘI\s+ĐỒNG)$")
_NAME_WORD = re.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]+$")


def _join_wrapped_signature(lines: list[str]) -> list[str]:
    """Web copies wrap the signature block: "TM. ỦY BAN NHÂN" / "DÂN", "KT. BỘ TRƯỞNG," / "CHỦ NHIỆM",
    and even the name ("Bùi" / "Xuân Cường"). Put each part back on one line."""
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        m = _AUTHORITY_LINE.match(prev)
        if (
            m
            and line
            and is_upper(line)
            and not _AUTHORITY_LINE.match(line)
            and _UNFINISHED_AUTHORITY.search(m.group("rest").strip())
        ):
            out[-1] = prev + " " + line
            continue
        if line and _NAME_WORD.match(prev) and _NAME.match(prev + " " + line) and not is_upper(line):
            out[-1] = prev + " " + line
            continue
        out.append(line)
    return out


def _signer(lines: list[str]) -> Signer:
    lines = _join_wrapped_signature([squash(ln) for ln in lines])
    signer = Signer()
    chain: list[tuple[str, str]] = []
    position_idx: int | None = None
    for i, line in enumerate(lines):
        m = _AUTHORITY_LINE.match(line)
        if m and is_upper(m.group("rest")):
            chain.append((m.group("auth") + ".", m.group("rest")))
            position_idx = i + 1
        elif chain and position_idx == i:
            break
    if chain:
        signer.authority = chain[-1][0]
        signer.on_behalf_of = (
            title_to_normal(chain[-1][1])
            if not re.match(r"^(?:ỦY|UỶ|UBND)", chain[-1][1])
            else body_to_normal(chain[-1][1])
        )
        signer.authority_chain = [
            a + " " + (title_to_normal(r) if not re.match(r"^(?:ỦY|UỶ|UBND)", r) else body_to_normal(r))
            for a, r in chain
        ]
    start = position_idx if position_idx is not None else 0
    for j in range(start, len(lines)):
        line = lines[j]
        if not line:
            continue
        caps_part = line
        tail = ""
        words = line.split(" ")
        for k, w in enumerate(words):
            if not is_upper(w) and any(c.isalpha() for c in w):
                caps_part, tail = " ".join(words[:k]), " ".join(words[k:])
                break
        if caps_part and is_upper(caps_part) and not _AUTHORITY_LINE.match(caps_part):
            signer.position = title_to_normal(caps_part)
            if tail and _NAME.match(tail):
                signer.name = tail
            start = j + 1
            break
        if position_idx is not None:
            break
    if signer.name is None:
        for line in lines[start:]:
            if line and _NAME.match(line) and not is_upper(line):
                signer.name = line
                break
    if signer.position is None and chain:
        # "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" always has a position line; KT. without one is the head's deputy.
        signer.position = None
    return signer


_TELEGRAM_SENDER = re.compile(r"^(?:THỦ\s+TƯỚNG|BỘ\s+TRƯỞNG|CHỦ\s+TỊCH)\b")


def _join_wrapped_telegram_opener(lines: list[str]) -> list[str]:
    """ "THỦ" / "TƯỚNG CHÍNH PHỦ điện:" → one line: a web copy wraps a công điện's opener, and the
    stray first word would end the summary. The next line is emptied so that indexes keep their place."""
    out = list(lines)
    for i in range(min(len(out) - 1, 40)):
        head, nxt = out[i].strip(), out[i + 1].strip()
        if head and len(head.split()) <= 2 and is_upper(head) and _RECIPIENTS.match(nxt) and "điện" in nxt:
            joined = f"{head} {nxt}"
            if _TELEGRAM_SENDER.match(joined) and not _TELEGRAM_SENDER.match(nxt):
                out[i], out[i + 1] = joined, ""
    # "Nơi" / "nhận:" — the label of the distribution list wrapped the same way; left apart, the list
    # reads as the last items of the body.
    for i in range(len(out) - 1):
        if re.fullmatch(r"N[ơo]i", out[i].strip()) and re.match(r"^nhận\s*:", out[i + 1].strip()):
            out[i], out[i + 1] = "Nơi " + out[i + 1].strip(), ""
    return out


def parse_layout(raw_lines: list[str], spaced: bool) -> tuple[Layout, list[str]]:
    """Read the header and footer; returns them with the line list the indexes refer to."""
    layout = Layout()
    cut = next(
        (i for i, ln in enumerate(raw_lines) if _ITEM.match(ln) or BODY_STARTERS.match(ln)), len(raw_lines)
    )
    # Only the header's own two-column table is split into cells; task tables further down stay rows.
    head = _expand_header_rows(raw_lines[:cut])
    lines = _join_wrapped_telegram_opener(head + raw_lines[cut:])
    head_limit = min(len(lines), max(len(head), 12) + 10)

    num_idx, layout.number, layout.symbol = _find_number(lines, head_limit)
    layout.own_number_line = num_idx
    issuer_end = num_idx if num_idx is not None else head_limit
    layout.issuer, layout.parent_issuer = _issuer(
        lines[:issuer_end] if num_idx is not None else lines[: min(6, len(lines))]
    )

    header_text = " ".join(lines[:head_limit])
    dm = _DATE_LINE.search(header_text)
    if dm:
        # The same text with its line breaks (the same length: positions agree).
        layout.place = _place("\n".join(lines[:head_limit])[: dm.start()])
        if dm.group("day") and dm.group("month"):
            try:
                layout.date = date(int(dm.group("year")), int(dm.group("month")), int(dm.group("day")))
            except ValueError:
                layout.date = None

    # Subject: "V/v ..." (công văn) or the type name in capitals with the summary under it.
    cursor = (num_idx + 1) if num_idx is not None else 0
    subject_end = cursor
    # A Party committee writes its summary "về việc …" (lower case) under the number.
    vv_idx = next(
        (i for i in range(cursor, head_limit) if re.match(r"^(?:V/v|V/V|v/v\b|về\s+việc\s)", lines[i])), None
    )
    if vv_idx is None:
        vv_idx = next((i for i in range(0, cursor) if re.match(r"^(?:V/v|V/V|v/v)\b", lines[i])), None)
    type_idx = None
    for i in range(cursor, head_limit):
        line = lines[i]
        if not is_upper(line) or _MOTTO.search(line):
            continue
        for caps, name in _TYPE_TITLES:
            if line == caps or line.startswith(caps + " ") or squash(line) == caps:
                type_idx, layout.doc_type = i, name
                break
        if type_idx is not None:
            break
        # a type name broken over lines in some web copies: "QUYẾT" / "ĐỊNH"
        joined = squash(line + " " + (lines[i + 1] if i + 1 < len(lines) else ""))
        for caps, name in _TYPE_TITLES:
            if joined == caps or joined.startswith(caps + " "):
                type_idx, layout.doc_type = i, name
                lines[i], lines[i + 1] = joined, ""
                break
        if type_idx is not None:
            break
    if type_idx is not None:
        first = lines[type_idx]
        caps_name = layout.doc_type.upper() if layout.doc_type else ""
        parts = [first[len(caps_name) :].strip()] if first != caps_name else []
        j = type_idx + 1
        while j < len(lines) and len(parts) < 8:
            line = lines[j]
            if not line:
                if parts and spaced and not _continues_below(lines, j):
                    break
                j += 1
                continue
            if (
                (BODY_STARTERS.match(line) and not _summary_right_under(parts, lines, type_idx, j))
                or _CAPS_AUTHORITY.match(line)
                or _ITEM.match(line)
                or _NOI_NHAN.match(line)
            ):
                break
            if parts and not is_upper(line) and is_upper(" ".join(parts)) and not line.startswith("("):
                break
            parts.append(line)
            j += 1
        # An authority line ("ỦY BAN NHÂN DÂN TỈNH ..." / "CHỦ TỊCH ỦY BAN ...") sits under the summary
        # of a quyết định; it is part of the header, not of the body.
        while j < len(lines) and (not lines[j] or (_CAPS_AUTHORITY.match(lines[j]) and is_upper(lines[j]))):
            j += 1
        for k in range(j - 1, type_idx, -1):
            if lines[k] and _CAPS_AUTHORITY.match(lines[k]) and is_upper(lines[k]):
                authority_line = re.sub(r"^CHỦ\s+TỊCH\s+", "", lines[k])
                if layout.issuer and authority_line and comparable_prefix(layout.issuer, authority_line):
                    layout.issuer = body_to_normal(authority_line)
                break
        subject = squash(" ".join(p for p in parts if p))
        layout.subject = sentence_case(subject) if subject else None
        subject_end = j
    elif vv_idx is not None:
        parts = [_SUBJECT_PREFIX.sub("", lines[vv_idx])]
        j = vv_idx + 1
        while j < len(lines):
            line = lines[j]
            if not line or _DATE_LINE.search(line) or re.match(r"^Kính\s+gửi", line, re.I) or is_upper(line):
                break
            if _NUMBER_LINE.match(line) or _MOTTO.search(line) or BODY_STARTERS.match(line):
                break
            parts.append(line)
            j += 1
        layout.subject = squash(" ".join(parts)).rstrip(".") or None
        layout.doc_type = "Công văn"
        subject_end = max(j, cursor)
    if layout.doc_type is None:
        layout.doc_type = _type_of_symbol(layout.symbol)

    # Kính gửi
    body_start = subject_end
    kg = next((i for i in range(0, min(len(lines), head_limit + 10)) if _RECIPIENTS.match(lines[i])), None)
    if kg is not None:
        rest = _RECIPIENTS.sub("", lines[kg])
        tmp = [rest] if rest else []
        items, nxt = _collect_items(tmp + lines[kg + 1 :], 0, stop_at_blank_after_plain=True)
        layout.recipients = items
        body_start = kg + 1 + nxt - len(tmp)
    elif type_idx is None and vv_idx is None:
        # Neither a type name nor "V/v": the body starts after the place-and-date line.
        dm_idx = next((i for i in range(min(head_limit, len(lines))) if _DATE_LINE.search(lines[i])), None)
        if dm_idx is None:
            dm_idx = next(
                (i for i in range(min(head_limit, len(lines))) if re.search(r"ngày\s*\d*\s*$", lines[i])),
                None,
            )
        body_start = max(body_start, (dm_idx + 1) if dm_idx is not None else 0)
        while (
            body_start < len(lines)
            and lines[body_start]
            and (_DATE_LINE.search(lines[body_start]) or re.match(r"^\d{1,2}\s+tháng", lines[body_start]))
        ):
            body_start += 1
    layout.body_start = body_start

    # Footer: Nơi nhận and the signature block.
    nn = next((i for i in range(len(lines) - 1, body_start - 1, -1) if _NOI_NHAN.match(lines[i])), None)
    sig_idx = next((i for i in range(body_start, len(lines)) if _is_signature_line(lines[i])), None)
    footer_start = min(x for x in (nn, sig_idx, len(lines)) if x is not None)
    layout.body_end = footer_start
    cc_end = footer_start
    if nn is not None:
        rest = _NOI_NHAN.match(lines[nn]).group("rest")  # type: ignore[union-attr]
        tmp = [rest] if rest else []
        items, nxt = _collect_items(tmp + lines[nn + 1 :], 0, stop_at_blank_after_plain=False)
        layout.cc = items
        cc_end = nn + 1 + nxt - len(tmp)
    sig_from = sig_idx if sig_idx is not None else cc_end
    sig_lines = lines[sig_from : sig_from + 14]
    if nn is not None and sig_idx is not None and sig_idx < nn:
        sig_lines = lines[sig_idx:nn]
    layout.signer = _signer(sig_lines)
    # An appendix (Phụ lục) with the task table often follows the signature.
    after = max(cc_end, sig_from + 1)
    name_idx = None
    for k in range(sig_from, min(len(lines), sig_from + 16)):
        if layout.signer.name and lines[k] == layout.signer.name:
            name_idx = k
            break
    tail_start = max(after, (name_idx + 1) if name_idx is not None else after)
    # What follows the signature is an appendix, or the plan / regulation a quyết định issues
    # ("KẾ HOẠCH ... (Ban hành kèm theo Quyết định số ...)"): its tasks are read too.
    if any(line and not re.match(r"^\[\d+\]", line) for line in lines[tail_start:]):
        layout.appendix_start = tail_start
    return layout, lines
