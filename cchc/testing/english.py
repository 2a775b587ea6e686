"""Checks for the English pages (docs/translating.md): Vietnamese left in a template outside its
translation tags, and Vietnamese letters in what a page shows outside the parts marked ``lang="vi"``."""

from __future__ import annotations

import re

import lxml.html
from django.test import Client

# Letters only Vietnamese uses (an English page has none of them outside data).
VIETNAMESE = re.compile(
    "[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.IGNORECASE
)
_TRANSLATED = re.compile(
    r"{%\s*(?:translate|trans)\s+(?:\".*?\"|'.*?')(?:\s+as\s+\w+)?\s*%}"
    r"|{%\s*blocktrans(?:late)?\b.*?%}.*?{%\s*endblocktrans(?:late)?\s*%}"
    r"|{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}",
    re.DOTALL,
)
# An element marked Vietnamese on the same line: its text is a language name or data.
_MARKED_VIETNAMESE = re.compile(r'lang="vi"[^>]*>[^<]*')


def untranslated_lines(source: str) -> list[str]:
    """Lines of a template with Vietnamese text outside translation tags and ``lang="vi"`` elements."""
    stripped = _TRANSLATED.sub("", source)
    return [
        line.strip() for line in stripped.splitlines() if VIETNAMESE.search(_MARKED_VIETNAMESE.sub("", line))
    ]


def vietnamese_shown(html: str) -> list[str]:
    """Lines of a page's text and text attributes holding Vietnamese outside ``lang="vi"`` elements.

    The <title> is left out: a page named after a record (a procedure) carries its name there, where no
    lang attribute can mark it; the title block's own words are checked in the template."""
    doc = lxml.html.fromstring(html)
    for dropped in doc.xpath("//script|//style|//title|//*[starts-with(@lang, 'vi')]"):
        dropped.drop_tree()
    texts = [doc.text_content()] + [
        str(value)
        for attr in ("placeholder", "title", "aria-label", "alt")
        for value in doc.xpath(f"//@{attr}")
    ]
    return [line.strip() for text in texts for line in text.splitlines() if VIETNAMESE.search(line)]


def choose_english(client: Client) -> None:
    """What the switcher in the page header does."""
    response = client.post("/ngon-ngu/", {"language": "en", "next": "/"})
    assert response.status_code == 302
