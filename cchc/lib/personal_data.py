"""The one mask of a person's name, for every page and document that names a citizen to someone who may
not see their personal data: the public dossier look-up and petition tracking pages, the dossier screens
and exports of the roles that see dossiers without handling them, the survey slip, the petition
documents printed for readers outside the handling unit.

Why a mask and not the name: the citizen gave their name to have a dossier or a petition handled, not to
have it read by everyone who may follow that handling (docs/dossier-screens.md, *Scope and personal
data*; docs/feedback.md on the public pages). The masked form still lets the citizen recognise their
own record on a public page, and a reader tell two records apart, without naming anyone.

The rule, "Nguyễn Văn An" → "Nguyễn V*** A**":

- the first word (the family name, shared by millions) stays in full;
- every other word keeps its first letter, followed by three stars in the middle of the name and two
  at its end; the stars are fixed-width, so the mask reveals neither the length of a word nor its
  letters; a name of one word keeps only its first letter ("An" → "A**"), since that word may be the
  given name;
- spaces, tabs, line breaks, control and formatting characters (NUL, zero-width spaces) separate words
  and never reach the output; the name is composed first (Unicode NFC), so that a decomposed "Ánh"
  keeps its accented initial "Á";
- an organisation's name is masked like a person's ("Công ty TNHH Biển Xanh" → "Công t*** T*** B***
  X**"). A string cannot say reliably whether it names a person: a household business or a sole
  proprietorship carries its owner's name ("Hộ kinh doanh Nguyễn Văn An"), and the applicant type of a
  dossier is often not sent. Masking them all errs on the side of the citizen. Telling a company from a
  person is left to the apology letter (``cchc.dossiers.letters.addressing``), which is written to the
  applicant and names them in full.

Pure Python (no Django): the same function serves the templates, the views, the exports and the
documents.
"""

from __future__ import annotations

import unicodedata

# Separators besides white space: control characters (NUL, DEL, ...), format characters (zero-width
# space and joiners, direction marks), line and paragraph separators, unassigned and private-use code
# points and lone surrogates. A name cannot carry them visibly; a hostile value can.
_SEPARATOR_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp", "Zs"})


def name_words(name: str) -> list[str]:
    """The words of ``name`` as the mask reads them (composed, split on every separator)."""
    composed = unicodedata.normalize("NFC", name or "")
    cleaned = "".join(" " if unicodedata.category(c) in _SEPARATOR_CATEGORIES else c for c in composed)
    return cleaned.split()


def _initial(word: str) -> str:
    """The word's first character with the combining marks that belong to it (NFC leaves some)."""
    end = 1
    while end < len(word) and unicodedata.category(word[end]).startswith("M"):
        end += 1
    return word[:end]


def mask_name(name: str | None) -> str:
    """ "Nguyễn Văn An" → "Nguyễn V*** A**"; "" (or None, or only separators) → ""."""
    words = name_words(name or "")
    if not words:
        return ""
    if len(words) == 1:
        return _initial(words[0]) + "**"
    middle = [_initial(w) + "***" for w in words[1:-1]]
    return " ".join([words[0], *middle, _initial(words[-1]) + "**"])
