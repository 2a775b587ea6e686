"""The audit events the org app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from cchc.core.events import AuditVerb


class OrgEvents(AuditVerb):
    HEAD_END = "org.head.end"
    HEAD_SET = "org.head.set"
    IMPORT = "org.import"
    JURISDICTION_CREATE = "org.jurisdiction.create"
    JURISDICTION_UPDATE = "org.jurisdiction.update"
    OFFICIAL_CREATE = "org.official.create"
    OFFICIAL_DEACTIVATE = "org.official.deactivate"
    OFFICIAL_UPDATE = "org.official.update"
    UNIT_CLOSE = "org.unit.close"
    UNIT_CREATE = "org.unit.create"
    UNIT_DELETE = "org.unit.delete"
    UNIT_MERGE = "org.unit.merge"
    UNIT_UPDATE = "org.unit.update"
