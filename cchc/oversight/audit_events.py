"""The audit events the oversight app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from cchc.core.events import AuditVerb


class OversightEvents(AuditVerb):
    ANSWERED = "oversight.answered"
    CASE_DECIDED = "oversight.case_decided"
    CASE_EVIDENCE_ADDED = "oversight.case_evidence_added"
    CASE_EXPLAINED = "oversight.case_explained"
    CASE_EXPLANATION_REQUESTED = "oversight.case_explanation_requested"
    CASE_OPENED = "oversight.case_opened"
    CASE_VIEWED = "oversight.case_viewed"
    CONCLUDED = "oversight.concluded"
    CONCLUSION_RECORDED = "oversight.conclusion_recorded"
    CORRECTION_ADDED = "oversight.correction_added"
    CORRECTION_PROGRESS = "oversight.correction_progress"
    CORRECTION_VERIFIED = "oversight.correction_verified"
    EVIDENCE_ADDED = "oversight.evidence_added"
    EXPLAINED = "oversight.explained"
    EXPLANATION_ASKED = "oversight.explanation_asked"
    FINDING_ADDED = "oversight.finding_added"
    FOLLOWUP_PROGRESS = "oversight.followup_progress"
    FOLLOWUP_REPORTED = "oversight.followup_reported"
    FOLLOWUP_SENT_BACK = "oversight.followup_sent_back"
    FOLLOWUP_VERIFIED = "oversight.followup_verified"
    INSPECTION_AD_HOC = "oversight.inspection_ad_hoc"
    INSPECTION_CANCELLED = "oversight.inspection_cancelled"
    INSPECTION_PLANNED = "oversight.inspection_planned"
    PLAN_APPROVED = "oversight.plan_approved"
    PLAN_CREATED = "oversight.plan_created"
    PLAN_RETURNED = "oversight.plan_returned"
    PLAN_SUBMITTED = "oversight.plan_submitted"
    RECOMMENDATION_ADDED = "oversight.recommendation_added"
    VISIT_STARTED = "oversight.visit_started"
