"""Pure text helpers for petitions (no Django): phone numbers, duplicate detection, masking.

Duplicate detection compares character trigrams of the normalised text (lower case, Vietnamese
diacritics and punctuation removed, so "lấn chiếm vỉa hè" and "lan chiem via he" match). The score is
the overlap coefficient |A∩B| / min(|A|, |B|): a short repeat of a longer report scores high, which is
what a repeat usually is ("vẫn chưa xử lý việc lấn chiếm vỉa hè ở ...").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower case, no diacritics (đ → d), no punctuation, single spaces."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    bare = _PUNCT.sub(" ", bare.lower())
    return _SPACES.sub(" ", bare).strip()


def trigrams(norm: str) -> set[str]:
    padded = f" {norm} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """Overlap coefficient of the trigram sets of two *normalised* texts, 0.0–1.0."""
    ta, tb = trigrams(a), trigrams(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))


def best_match(
    norm: str, candidates: Iterable[tuple[int, str]], threshold: float
) -> tuple[int, float] | None:
    """The candidate (id, normalised text) most similar to ``norm``, if it reaches ``threshold``.
    Very short texts ("không có đèn") are never called duplicates: too little to compare."""
    if len(norm) < 20:
        return None
    mine = trigrams(norm)
    best: tuple[int, float] | None = None
    for pk, other in candidates:
        if len(other) < 20:
            continue
        theirs = trigrams(other)
        score = len(mine & theirs) / min(len(mine), len(theirs))
        if score >= threshold and (best is None or score > best[1]):
            best = (pk, score)
    return best


# --- phone numbers ------------------------------------------------------------------------------

_NON_DIGITS = re.compile(r"\D")


def normalise_phone(raw: str) -> str:
    """Digits only, Vietnam's +84/84 prefix written as the domestic 0 ("+84 912 345 678" → "0912345678")."""
    digits = _NON_DIGITS.sub("", raw or "")
    if digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits


def is_valid_phone(digits: str) -> bool:
    """A Vietnamese number: 10 digits starting with 0 (mobile and, since 2017, landline numbers),
    or 11 for the older landline format."""
    return digits.startswith("0") and len(digits) in (10, 11)


# --- masking personal data for publication ----------------------------------------------------------

MASK = "[đã ẩn]"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
# A run of 8+ digits, possibly split by spaces, dots or dashes: phone numbers, ID card numbers (CMND 9,
# CCCD 12 digits), bank accounts. House numbers and years are shorter and stay.
_LONG_NUMBER = re.compile(r"(?<![\w])(?:\+?\d[\s.\-]?){8,}\d?(?![\w])")


def mask_personal(text: str, names: Iterable[str] = ()) -> str:
    """Replace e-mail addresses, long numbers and the given names (whole or as their given-name part)
    with ``MASK``. Staff review the result before it is published."""
    out = _EMAIL.sub(MASK, text)
    out = _LONG_NUMBER.sub(lambda m: MASK + (" " if m.group(0).endswith(" ") else ""), out)
    variants: set[str] = set()
    for name in names:
        words = name.split()
        if not words:
            continue
        variants.add(" ".join(words))
        if len(words) >= 2:
            variants.add(" ".join(words[1:]))  # "Văn Minh" for "Nguyễn Văn Minh"
            if len(words[-1]) >= 3:
                variants.add(words[-1])
    for v in sorted(variants, key=len, reverse=True):
        if not v:
            continue
        # Case-sensitive and on word boundaries: "Minh" the name, not "minh bạch".
        out = re.sub(rf"(?<!\w){re.escape(v)}(?!\w)", MASK, out)
    return out
