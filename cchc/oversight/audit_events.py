"""The audit events the oversight app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from django.utils.translation import gettext_lazy as _

from cchc.core.events import AuditVerb


class OversightEvents(AuditVerb, area=_("Kiểm tra cải cách hành chính")):
    ANSWERED = "oversight.answered", _("Ghi kết quả nội dung kiểm tra")
    CASE_DECIDED = "oversight.case_decided", _("Quyết định xử lý trách nhiệm")
    CASE_EVIDENCE_ADDED = "oversight.case_evidence_added", _("Thêm căn cứ xem xét trách nhiệm")
    CASE_EXPLAINED = "oversight.case_explained", _("Nộp bản giải trình trách nhiệm")
    CASE_EXPLANATION_REQUESTED = "oversight.case_explanation_requested", _("Đề nghị giải trình trách nhiệm")
    CASE_OPENED = "oversight.case_opened", _("Lập hồ sơ xem xét trách nhiệm")
    CASE_VIEWED = "oversight.case_viewed", _("Xem hồ sơ xem xét trách nhiệm")
    CONCLUDED = "oversight.concluded", _("Kết luận kiểm tra")
    CONCLUSION_RECORDED = "oversight.conclusion_recorded", _("Vào sổ kết luận thanh tra, kiểm tra")
    CORRECTION_ADDED = "oversight.correction_added", _("Giao thực hiện kết luận")
    CORRECTION_PROGRESS = "oversight.correction_progress", _("Báo cáo tiến độ thực hiện kết luận")
    CORRECTION_VERIFIED = "oversight.correction_verified", _("Xác nhận đã thực hiện kết luận")
    EVIDENCE_ADDED = "oversight.evidence_added", _("Thêm tài liệu kiểm tra")
    EXPLAINED = "oversight.explained", _("Đơn vị được kiểm tra giải trình")
    EXPLANATION_ASKED = "oversight.explanation_asked", _("Đề nghị đơn vị được kiểm tra giải trình")
    FINDING_ADDED = "oversight.finding_added", _("Ghi tồn tại, hạn chế qua kiểm tra")
    FOLLOWUP_PROGRESS = "oversight.followup_progress", _("Báo cáo tiến độ khắc phục")
    FOLLOWUP_REPORTED = "oversight.followup_reported", _("Báo cáo đã khắc phục")
    FOLLOWUP_SENT_BACK = "oversight.followup_sent_back", _("Trả lại báo cáo khắc phục chưa đạt")
    FOLLOWUP_VERIFIED = "oversight.followup_verified", _("Xác nhận đã khắc phục")
    INSPECTION_AD_HOC = "oversight.inspection_ad_hoc", _("Thêm cuộc kiểm tra đột xuất")
    INSPECTION_CANCELLED = "oversight.inspection_cancelled", _("Hủy cuộc kiểm tra")
    INSPECTION_PLANNED = "oversight.inspection_planned", _("Thêm cuộc kiểm tra vào kế hoạch")
    PLAN_APPROVED = "oversight.plan_approved", _("Phê duyệt kế hoạch kiểm tra")
    PLAN_CREATED = "oversight.plan_created", _("Lập kế hoạch kiểm tra")
    PLAN_RETURNED = "oversight.plan_returned", _("Trả lại kế hoạch kiểm tra")
    PLAN_SUBMITTED = "oversight.plan_submitted", _("Trình kế hoạch kiểm tra")
    RECOMMENDATION_ADDED = "oversight.recommendation_added", _("Thêm kiến nghị sau kiểm tra")
    VISIT_STARTED = "oversight.visit_started", _("Bắt đầu kiểm tra tại đơn vị")
