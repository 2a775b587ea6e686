"""The audit events the unit-website app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from cchc.core.events import AuditVerb


class UnitsiteEvents(AuditVerb):
    DOCUMENT_ADDED = "unitsite.document_added"
    DOCUMENT_UPDATED = "unitsite.document_updated"
    ORIGIN_ADDED = "unitsite.origin_added"
    ORIGIN_REMOVED = "unitsite.origin_removed"
