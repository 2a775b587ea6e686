"""The audit events the deadlines app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from cchc.core.events import AuditVerb


class DeadlinesEvents(AuditVerb):
    CANCELLED = "deadline.cancelled"
    CONFIRMED_DONE = "deadline.confirmed_done"
    EXTENSION_APPROVED = "deadline.extension_approved"
    EXTENSION_REFUSED = "deadline.extension_refused"
    EXTENSION_REQUESTED = "deadline.extension_requested"
    OPENED = "deadline.opened"
    PAUSED = "deadline.paused"
    REPORTED_DONE = "deadline.reported_done"
    RESUMED = "deadline.resumed"
    SENT_BACK = "deadline.sent_back"
    SYNCED = "deadline.synced"
    UNIT_CHANGED = "deadline.unit_changed"
