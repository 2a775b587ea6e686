"""The audit events the emulation app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from cchc.core.events import AuditVerb


class EmulationEvents(AuditVerb):
    ADJUSTED = "emulation.adjusted"
    APPROVED = "emulation.approved"
    EXPORTED = "emulation.exported"
    PROPOSED = "emulation.proposed"
    RECOMPUTED = "emulation.recomputed"
