"""A task led by the word a letter uses for its addressee ("đề nghị Công ty thực hiện …") is led by
the addressee named in "Kính gửi".

A department writing to one company names it in full once, under "Kính gửi", and from then on calls it
"Công ty", "Quý Công ty" or "đơn vị"; the reader reads those words as the lead of the items that
follow. That word is no unit a person can assign work to: the addressee it stands for is. Only the
addressees the word can stand for are put in its place ("Công ty" stands for the companies among them,
"đơn vị" for any of them); with no "Kính gửi", or none that fits, the word stays, for a person to see.
"""

from __future__ import annotations

import re

from .body import TaskProposal
from .text import comparable

_COMPANY = r"(?:tổng\s+)?công\s+ty|tập\s+đoàn|doanh\s+nghiệp|hợp\s+tác\s+xã|chủ\s+đầu\s+tư"
# What the word stands for: the addressees whose name opens with one of these (None: any addressee).
_GENERIC: tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...] = (
    (re.compile(r"^(?:quý\s+)?(?:tổng\s+)?công\s+ty$"), re.compile(r"^(?:tổng\s+)?công\s+ty\b")),
    (re.compile(r"^(?:quý\s+)?doanh\s+nghiệp$"), re.compile(r"^(?:" + _COMPANY + r")\b")),
    (re.compile(r"^(?:quý\s+)?(?:cơ\s+quan|đơn\s+vị)(?:\s+(?:nêu\s+)?trên)?$"), None),
)
# "(Địa chỉ: Khu công nghiệp …)" under the name is where to send the letter, not part of the name.
_ADDRESS = re.compile(r"\s*\((?:Địa\s+chỉ|ĐC|Đ/c)\s*:[^()]*\)\s*$", re.I)


def _stands_for(word: str, recipients: list[str]) -> list[str]:
    key = comparable(word)
    for generic, opens in _GENERIC:
        if generic.match(key):
            return [r for r in recipients if opens is None or opens.match(comparable(r))]
    return []


def name_the_addressee(tasks: list[TaskProposal], recipients: list[str]) -> None:
    """Put the addressees of "Kính gửi" in place of the word that stands for them in each task's lead."""
    named = [_ADDRESS.sub("", r).strip() for r in recipients if r.strip()]
    if not named:
        return
    for task in tasks:
        lead: list[str] = []
        for unit in task.lead:
            for name in _stands_for(unit, named) or [unit]:
                if name not in lead:
                    lead.append(name)
        if lead != task.lead:
            task.lead = lead
