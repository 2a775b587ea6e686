"""The audit events the scorecards app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from cchc.core.events import AuditVerb


class ScorecardsEvents(AuditVerb):
    ANSWERED = "scorecards.answered"
    APPRAISAL_FINISHED = "scorecards.appraisal_finished"
    APPRAISED = "scorecards.appraised"
    CARDS_OPENED = "scorecards.cards_opened"
    CAUSE_WRITTEN = "scorecards.cause_written"
    EVIDENCE_ADDED = "scorecards.evidence_added"
    FIGURES_REFRESHED = "scorecards.figures_refreshed"
    PUBLISHED_IMPORTED = "scorecards.published_imported"
    RANKING_APPROVED = "scorecards.ranking_approved"
    RANKING_DRAFTED = "scorecards.ranking_drafted"
    RANKING_WITHDRAWN = "scorecards.ranking_withdrawn"
    SCORED = "scorecards.scored"
    SELF_ASSESSED = "scorecards.self_assessed"
    SOLUTION_ADDED = "scorecards.solution_added"
    SUBMITTED = "scorecards.submitted"
    TASK_MADE = "scorecards.task_made"
    VERSION_LOADED = "scorecards.version_loaded"
