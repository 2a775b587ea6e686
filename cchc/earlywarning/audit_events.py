"""The audit events the earlywarning app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from cchc.core.events import AuditVerb


class EarlyWarningEvents(AuditVerb):
    REFRESHED = "earlywarning.refreshed"
    STEP_REASSIGNED = "earlywarning.step_reassigned"
