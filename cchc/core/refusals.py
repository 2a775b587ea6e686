"""The refusals of the pure code (cchc/lib), said in the page's language.

cchc/lib writes each refusal once, in Vietnamese, as a ``Refusal`` whose sentence is the catalogue's
msgid (cchc/lib/refusal.py); the command line prints it as it is. A page, a form or an action translates
it here, so an English page never shows the Vietnamese sentence, and a Vietnamese page shows it unchanged.
"""

from __future__ import annotations

from django.utils.translation import gettext

from cchc.lib.refusal import Refusal, Refused

__all__ = ["Refusal", "Refused", "say"]


def say(refusal: Refusal | BaseException) -> str:
    """The refusal (or an error carrying one) in the active language; any other error as its text."""
    found = refusal if isinstance(refusal, Refusal) else getattr(refusal, "refusal", None)
    if not isinstance(found, Refusal):
        return str(refusal)
    text = gettext(found.message)
    return text % dict(found.params) if found.params else text
