"""The audit events the scorecards app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from django.utils.translation import gettext_lazy as _

from cchc.core.events import AuditVerb


class ScorecardsEvents(AuditVerb, area=_("Chỉ số cải cách hành chính")):
    ANSWERED = "scorecards.answered", _("Đơn vị phản hồi kết quả thẩm định")
    APPRAISAL_FINISHED = "scorecards.appraisal_finished", _("Hoàn thành thẩm định phiếu chấm điểm")
    APPRAISED = "scorecards.appraised", _("Thẩm định điểm tiêu chí")
    CARDS_OPENED = "scorecards.cards_opened", _("Mở phiếu chấm điểm cho các đơn vị")
    CAUSE_WRITTEN = "scorecards.cause_written", _("Ghi nguyên nhân mất điểm")
    EVIDENCE_ADDED = "scorecards.evidence_added", _("Thêm tài liệu kiểm chứng")
    FIGURES_REFRESHED = "scorecards.figures_refreshed", _("Cập nhật số liệu tiêu chí tính tự động")
    PUBLISHED_IMPORTED = "scorecards.published_imported", _("Nhập kết quả chỉ số đã công bố")
    RANKING_APPROVED = "scorecards.ranking_approved", _("Phê duyệt xếp hạng")
    RANKING_DRAFTED = "scorecards.ranking_drafted", _("Dự thảo xếp hạng")
    RANKING_WITHDRAWN = "scorecards.ranking_withdrawn", _("Thu hồi xếp hạng")
    SCORED = "scorecards.scored", _("Chốt điểm")
    SELF_ASSESSED = "scorecards.self_assessed", _("Đơn vị tự chấm điểm")
    SOLUTION_ADDED = "scorecards.solution_added", _("Thêm giải pháp khắc phục")
    SUBMITTED = "scorecards.submitted", _("Gửi phiếu tự đánh giá")
    TASK_MADE = "scorecards.task_made", _("Giao nhiệm vụ từ giải pháp khắc phục")
    VERSION_LOADED = "scorecards.version_loaded", _("Nạp bộ chỉ số")
