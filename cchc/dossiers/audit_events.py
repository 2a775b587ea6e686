"""The audit events the dossiers app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from cchc.core.events import AuditVerb


class DossiersEvents(AuditVerb):
    API_CLIENT_CREATE = "dossiers.api_client.create"
    API_CLIENT_REVOKE = "dossiers.api_client.revoke"
    APOLOGY_ISSUED = "dossiers.apology_issued"
    FACTS_REBUILT = "dossiers.facts_rebuilt"
    LATELIST_APPROVED = "dossiers.latelist_approved"
    LATELIST_DRAFTED = "dossiers.latelist_drafted"
    LATELIST_PUBLISHED = "dossiers.latelist_published"
    LATELIST_REDRAFTED = "dossiers.latelist_redrafted"
    LATELIST_WITHDRAWN = "dossiers.latelist_withdrawn"
    PROCEDURE_CREATED = "dossiers.procedure_created"
    PROCEDURE_UPDATED = "dossiers.procedure_updated"
    UPSERT = "dossiers.upsert"
