"""The audit events the directives app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from cchc.core.events import AuditVerb


class DirectivesEvents(AuditVerb):
    DIRECTIVE_CONFIRMED = "directive.confirmed"
    DIRECTIVE_FILE_ADDED = "directive.file_added"
    DIRECTIVE_FILE_REMOVED = "directive.file_removed"
    DIRECTIVE_LINK_ADDED = "directive.link_added"
    DIRECTIVE_LINK_REMOVED = "directive.link_removed"
    DIRECTIVE_READ = "directive.read"
    DIRECTIVE_REGISTERED = "directive.registered"
    DIRECTIVE_UPDATED = "directive.updated"
    TASK_CANCELLED = "task.cancelled"
    TASK_CONFIRMED = "task.confirmed"
    TASK_CREATED = "task.created"
    TASK_DELETED = "task.deleted"
    TASK_EXTENSION_APPROVED = "task.extension_approved"
    TASK_EXTENSION_REFUSED = "task.extension_refused"
    TASK_EXTENSION_REQUESTED = "task.extension_requested"
    TASK_OFFICER_ASSIGNED = "task.officer_assigned"
    TASK_PROGRESS = "task.progress"
    TASK_REPORTED_DONE = "task.reported_done"
    TASK_SENT_BACK = "task.sent_back"
