"""A refusal the pure code says once, in Vietnamese, and a page can say in its own language (no Django).

cchc/lib cannot import Django's translation, yet some of its refusals reach a page a visitor reads in
English (a compressed-file bomb, a NUL in a file). Such a refusal is a ``Refusal``: the Vietnamese
sentence with ``%(name)s`` placeholders — the one home of the message, and the msgid of the English
catalogue, because ``gettext_noop`` below is a name ``makemessages`` collects — and the values to fill
in. ``str()`` gives the Vietnamese sentence, as the command line prints it; the page layer translates it
with ``cchc.core.refusals.say``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


def gettext_noop(message: str) -> str:
    """Marks ``message`` for the catalogue (``makemessages`` collects this name) and returns it as is."""
    return message


@dataclass(frozen=True)
class Refusal:
    """``message``: the Vietnamese sentence (the msgid); ``params``: what fills its placeholders."""

    message: str
    params: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message % dict(self.params) if self.params else self.message


class Refused(Exception):
    """An error whose message is a ``Refusal``: ``str()`` is the Vietnamese sentence, ``refusal`` what a
    page translates. A plain text is kept as a refusal without placeholders (it is then shown as is)."""

    def __init__(self, refusal: Refusal | str) -> None:
        self.refusal = refusal if isinstance(refusal, Refusal) else Refusal(refusal)
        super().__init__(str(self.refusal))
