"""The audit events the surveys app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from django.utils.translation import gettext_lazy as _

from cchc.core.events import AuditVerb


class SurveysEvents(AuditVerb, area=_("Khảo sát sự hài lòng")):
    ANSWERED = "survey.answered", _("Nhận phiếu đánh giá của người dân")
    CAMPAIGN_CLOSED = "survey.campaign_closed", _("Kết thúc đợt khảo sát")
    CAMPAIGN_CREATED = "survey.campaign_created", _("Tạo đợt khảo sát")
    CAMPAIGN_OPENED = "survey.campaign_opened", _("Mở đợt khảo sát")
    CAMPAIGN_PUBLISHED = "survey.campaign_published", _("Công bố kết quả khảo sát")
    CAMPAIGN_UPDATED = "survey.campaign_updated", _("Sửa đợt khảo sát")
    FIGURE_DELETED = "survey.figure_deleted", _("Xoá chỉ số SIPAS đã nhập")
    FIGURE_SAVED = "survey.figure_saved", _("Nhập chỉ số SIPAS đã công bố")
    IMPROVEMENT_TASK = "survey.improvement_task", _("Giao nhiệm vụ cải thiện tiêu chí")
    KIOSK_CREATED = "survey.kiosk_created", _("Đặt ki-ốt khảo sát")
    KIOSK_DEACTIVATED = "survey.kiosk_deactivated", _("Ngừng ki-ốt khảo sát")
    PAPER_ACCEPTED = "survey.paper_accepted", _("Ghi nhận phiếu khảo sát giấy")
    PAPER_FIRST = "survey.paper_first", _("Nhập lần 1 phiếu khảo sát giấy")
    PAPER_MISMATCH = "survey.paper_mismatch", _("Hai lần nhập phiếu giấy không khớp")
    QUESTIONNAIRE_COPIED = "survey.questionnaire_copied", _("Sao chép bộ câu hỏi")
    QUESTIONNAIRE_EDITED = "survey.questionnaire_edited", _("Sửa bản nháp bộ câu hỏi")
    QUESTIONNAIRE_FROZEN = "survey.questionnaire_frozen", _("Khoá bộ câu hỏi để bắt đầu dùng")
    QUESTIONNAIRE_IMPORTED = "survey.questionnaire_imported", _("Nhập bộ câu hỏi")
    QUESTIONNAIRE_REPLACED = "survey.questionnaire_replaced", _("Thay bộ câu hỏi")
    RESPONSE_REVIEWED = "survey.response_reviewed", _("Xem xét phiếu đánh giá cần kiểm tra")
