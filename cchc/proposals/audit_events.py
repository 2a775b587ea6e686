"""The audit events the proposals app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from cchc.core.events import AuditVerb


class ProposalsEvents(AuditVerb):
    APPROVED = "proposal.approved"
    CREATED = "proposal.created"
    PROCEDURE_REVIEWED = "proposal.procedure_reviewed"
    REJECTED = "proposal.rejected"
    RETURNED = "proposal.returned"
    REVIEWED = "proposal.reviewed"
    SUBMITTED = "proposal.submitted"
    UPDATED = "proposal.updated"
