"""The audit events the feedback app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from cchc.core.events import AuditVerb


class FeedbackEvents(AuditVerb):
    ACCEPTED = "feedback.accepted"
    ANSWER_DRAFTED = "feedback.answer_drafted"
    ANSWER_RETURNED = "feedback.answer_returned"
    ANSWER_SENT = "feedback.answer_sent"
    API_KEY_CREATED = "feedback.api_key_created"
    API_KEY_REVOKED = "feedback.api_key_revoked"
    ASSIGNED = "feedback.assigned"
    CATEGORY_CHANGED = "feedback.category_changed"
    CATEGORY_CREATED = "feedback.category_created"
    CATEGORY_DELETED = "feedback.category_deleted"
    CLOSED = "feedback.closed"
    DOCUMENT_ISSUED = "feedback.document_issued"
    DUPLICATE_LINKED = "feedback.duplicate_linked"
    DUPLICATE_UNLINKED = "feedback.duplicate_unlinked"
    EXTENDED = "feedback.extended"
    EXTENSION_REFUSED = "feedback.extension_refused"
    EXTENSION_REQUESTED = "feedback.extension_requested"
    INFO_RECEIVED = "feedback.info_received"
    INFO_REQUESTED = "feedback.info_requested"
    MAIL_REFUSED = "feedback.mail_refused"
    MEETING_RECORDED = "feedback.meeting_recorded"
    PUBLICATION_WITHDRAWN = "feedback.publication_withdrawn"
    PUBLISHED = "feedback.published"
    RATED = "feedback.rated"
    RECEIVED = "feedback.received"
    RECLASSIFIED = "feedback.reclassified"
    REDIRECTED = "feedback.redirected"
    REFUSED = "feedback.refused"
    REJECTED = "feedback.rejected"
    REOPENED = "feedback.reopened"
    RESUMED = "feedback.resumed"
    SUSPENDED = "feedback.suspended"
    TRANSFERRED = "feedback.transferred"
