"""The audit events the surveys app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from cchc.core.events import AuditVerb


class SurveysEvents(AuditVerb):
    ANSWERED = "survey.answered"
    CAMPAIGN_CLOSED = "survey.campaign_closed"
    CAMPAIGN_CREATED = "survey.campaign_created"
    CAMPAIGN_OPENED = "survey.campaign_opened"
    CAMPAIGN_PUBLISHED = "survey.campaign_published"
    CAMPAIGN_UPDATED = "survey.campaign_updated"
    FIGURE_DELETED = "survey.figure_deleted"
    FIGURE_SAVED = "survey.figure_saved"
    IMPROVEMENT_TASK = "survey.improvement_task"
    KIOSK_CREATED = "survey.kiosk_created"
    KIOSK_DEACTIVATED = "survey.kiosk_deactivated"
    PAPER_ACCEPTED = "survey.paper_accepted"
    PAPER_FIRST = "survey.paper_first"
    PAPER_MISMATCH = "survey.paper_mismatch"
    QUESTIONNAIRE_COPIED = "survey.questionnaire_copied"
    QUESTIONNAIRE_EDITED = "survey.questionnaire_edited"
    QUESTIONNAIRE_FROZEN = "survey.questionnaire_frozen"
    QUESTIONNAIRE_IMPORTED = "survey.questionnaire_imported"
    QUESTIONNAIRE_REPLACED = "survey.questionnaire_replaced"
    RESPONSE_REVIEWED = "survey.response_reviewed"
