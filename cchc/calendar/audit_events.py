"""The audit events the calendar app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from cchc.core.events import AuditVerb


class CalendarEvents(AuditVerb):
    CHANGED = "calendar.changed"
    CREATED = "calendar.created"
    ENTRY_ADDED = "calendar.entry_added"
    ENTRY_CHANGED = "calendar.entry_changed"
    ENTRY_DELETED = "calendar.entry_deleted"
    WORKDAYS_LOADED = "calendar.workdays_loaded"
