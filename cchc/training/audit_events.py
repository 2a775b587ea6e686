"""The audit events the training app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from cchc.core.events import AuditVerb


class TrainingEvents(AuditVerb):
    ATTENDANCE_RECORDED = "training.attendance_recorded"
    CLASS_CANCELLED = "training.class_cancelled"
    CLASS_SCHEDULED = "training.class_scheduled"
    COURSE_CREATED = "training.course_created"
    INVITED = "training.invited"
    MATERIAL_ADDED = "training.material_added"
    MATERIAL_REMOVED = "training.material_removed"
    NEED_CLOSED = "training.need_closed"
    NEED_DISMISSED = "training.need_dismissed"
    NEED_PROPOSED = "training.need_proposed"
    RESULTS_RECORDED = "training.results_recorded"
