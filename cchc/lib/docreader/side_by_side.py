"""Header and signature columns that a PDF text layer prints side by side, put one after the other.

A text layer extracted with its layout keeps the two columns of the header and of the signature block
on the same lines, far apart::

       ỦY BAN NHÂN DÂN                             CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
         TỈNH LÀO CAI                                         Độc lập - Tự do - Hạnh phúc

       Số: 5973 /UBND-KT                                Lào Cai, ngày 11 tháng 6 năm 2026
    ...
    Nơi nhận:                                               KT. CHỦ TỊCH
    - Như trên;
    - Bộ Nông nghiệp và Môi trường (để báo cáo);            PHÓ CHỦ TỊCH
    - Lưu: VT, KT.
                                                          Nguyễn Thành Sinh

``unstack_columns`` rewrites such rows the way the web copies print the same table (a "|" line
between cells, one cell after the other, left before right), which is what the header reader reads:
the issuer lines, then the motto; the number, then the place and date; the recipients, then the
signer's lines and name. Lines without such a gap are left alone.
"""

from __future__ import annotations

import re

_GAP = re.compile(r"(?<=\S)\s{8,}(?=\S)")
_NOI_NHAN = re.compile(r"^Nơi\s+nhận\s*:", re.I)
_BLANK_BEFORE = re.compile(r"(?:\bSố\s*:|\bngày|\btháng)$", re.I)
_BLANK_AFTER = re.compile(r"^(?:/|tháng\b|năm\b)", re.I)
_AUTHORITY = re.compile(r"^(?:TM|KT|TL|TUQ|Q)\s*\.")


def _split(line: str) -> tuple[str, str] | None:
    m = _GAP.search(line)
    if not m or _GAP.search(line, m.end()):
        return None
    left, right = line[: m.start()].strip(), line[m.end() :].strip()
    # A blank left for the number or the day ("Số:          /KH-UBND", "ngày          tháng 5") is no gap
    # between columns.
    if _BLANK_BEFORE.search(left) or _BLANK_AFTER.match(right):
        return None
    return left, right


def _signature_block(lines: list[str], i: int) -> tuple[list[str], int]:
    """ "Nơi nhận: ... KT. CHỦ TỊCH" and the lines under it: the recipients, then the signer."""
    first = _split(lines[i])
    assert first is not None
    left, right = [first[0]], [first[1]]
    column = len(lines[i]) - len(lines[i].lstrip()) + lines[i].strip().find(first[1])
    j, blanks = i + 1, 0
    while j < len(lines) and blanks <= 6:
        line = lines[j]
        if not line.strip():
            blanks += 1
            j += 1
            continue
        indent = len(line) - len(line.lstrip())
        pair = _split(line)
        if pair:
            left.append(pair[0])
            right.append(pair[1])
        elif indent >= max(20, column - 15):
            right.append(line.strip())
        elif line.lstrip().startswith(("-", "+")):
            left.append(line.strip())
        else:
            break
        blanks = 0
        j += 1
    return ["|", *left, "|", *right, "|"], j


def unstack_columns(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        pair = _split(lines[i])
        if pair is None:
            out.append(lines[i])
            i += 1
            continue
        if _NOI_NHAN.match(pair[0]):
            block, i = _signature_block(lines, i)
            out.extend(block)
            continue
        if _AUTHORITY.match(pair[0]):
            # "TM. ỦY BAN NHÂN DÂN          KT. CHỦ TỊCH": the signer's lines, one under the other.
            out.extend(pair)
            i += 1
            continue
        # A row of the header table: this line and the side-by-side lines right under it.
        left, right = [pair[0]], [pair[1]]
        i += 1
        while i < len(lines) and (nxt := _split(lines[i])) is not None and not _NOI_NHAN.match(nxt[0]):
            left.append(nxt[0])
            right.append(nxt[1])
            i += 1
        out.extend(["|", *left, "|", *right, "|"])
    return "\n".join(out)
