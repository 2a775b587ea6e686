"""Every place that turns off HTML escaping is listed here with the reason it cannot carry user data.

A new ``|safe``, ``mark_safe``, ``safeseq`` or ``{% autoescape off %}`` fails this test until it is
justified below (or replaced by ``json_script`` / ``format_html``).
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the cchc package
MARKERS = re.compile(r"\|\s*safe\b|\|\s*safeseq\b|\bmark_safe\(|\bSafeString\(|autoescape\s+off")

ALLOWED = {
    # segno draws the QR code of the sign-in secret; only the URL-quoted user name comes from a person.
    ("accounts/views.py", "mark_safe("): "segno SVG of the otpauth link",
    # The survey link's QR code: segno SVG of a link the server built from a random token.
    ("templates/surveys/slip.html", "|safe"): "segno SVG of a server-built link",
    # Help texts are written in the forms' code (password validators' lists), never typed by users.
    ("templates/accounts/_field.html", "|safe"): "form help texts from code",
    # A plain-text e-mail: HTML escaping would print &amp; into the reset link; no browser renders it.
    ("templates/registration/password_reset_email.txt", "autoescapeoff"): "plain-text e-mail",
    # Django's format_html / format_html_join and attribute lists without the lazy-string wrappers: every
    # value goes through ``escaped`` (conditional_escape's output), the templates are fixed in code
    # (test_quick_html_escapes_as_django_does).
    ("core/widgets.py", "SafeString("): "format_html's own escaping, every value escaped",
}


def markings() -> set[tuple[str, str]]:
    found = set()
    for path in ROOT.rglob("*"):
        if path.suffix not in {".py", ".html", ".txt"} or "tests" in path.parts:
            continue
        for match in MARKERS.finditer(path.read_text(encoding="utf-8")):
            found.add((path.relative_to(ROOT).as_posix(), match.group().replace(" ", "")))
    return found


def test_every_escape_hatch_is_justified():
    unexplained = markings() - set(ALLOWED)
    assert not unexplained, f"escaping turned off without a reason in this file's list: {sorted(unexplained)}"


def test_the_list_has_no_stale_entries():
    assert set(ALLOWED) <= markings()
