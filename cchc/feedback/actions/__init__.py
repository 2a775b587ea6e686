"""State changes of a petition by staff: triage, routing, the accountability procedure, answers and
publication. Each writes an audit event; the views decide who may call which (``queries``).

Every function takes ``at`` (default: now) so the demo can replay a year; the day an action counts on
is its local date. Time limits are judged by the clocks (``clocks``), i.e. by ``cchc.deadlines``.

One module per stage, all reachable as ``actions.<name>``: ``triage`` (accept, reject, ask for
information, redirect), ``handling`` (assign, transfer, reclassify, duplicates), ``answers`` (draft,
approve, publish, withdraw), ``suspension`` (ND 59: suspension and the one extension); ``citizen``
holds what citizens and other systems do (rate, reopen, Open311 keys), ``common`` the shared helpers.
"""

from cchc.feedback.actions.answers import (
    approve_answer,
    current_round,
    draft_answer,
    pending_answer,
    publish,
    return_answer,
    withdraw_publication,
)
from cchc.feedback.actions.handling import assign, link_duplicate, reclassify, transfer, unlink_duplicate
from cchc.feedback.actions.suspension import decide_extension, request_extension, resume, suspend
from cchc.feedback.actions.triage import accept, info_received, redirect, reject, request_info

__all__ = [
    "accept",
    "approve_answer",
    "assign",
    "current_round",
    "decide_extension",
    "draft_answer",
    "info_received",
    "link_duplicate",
    "pending_answer",
    "publish",
    "reclassify",
    "redirect",
    "reject",
    "request_extension",
    "request_info",
    "resume",
    "return_answer",
    "suspend",
    "transfer",
    "unlink_duplicate",
    "withdraw_publication",
]
