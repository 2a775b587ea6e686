"""The audit events the feedback app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from django.utils.translation import gettext_lazy as _

from cchc.core.events import AuditVerb


class FeedbackEvents(AuditVerb, area=_("Phản ánh, kiến nghị")):
    ACCEPTED = "feedback.accepted", _("Tiếp nhận phản ánh, kiến nghị")
    ANSWER_DRAFTED = "feedback.answer_drafted", _("Soạn dự thảo trả lời")
    ANSWER_RETURNED = "feedback.answer_returned", _("Trả lại dự thảo trả lời")
    ANSWER_SENT = "feedback.answer_sent", _("Gửi văn bản trả lời")
    API_KEY_CREATED = "feedback.api_key_created", _("Cấp khoá kết nối")
    API_KEY_REVOKED = "feedback.api_key_revoked", _("Thu hồi khoá kết nối")
    ASSIGNED = "feedback.assigned", _("Giao xử lý phản ánh, kiến nghị")
    CATEGORY_CHANGED = "feedback.category_changed", _("Sửa lĩnh vực phản ánh")
    CATEGORY_CREATED = "feedback.category_created", _("Thêm lĩnh vực phản ánh")
    CATEGORY_DELETED = "feedback.category_deleted", _("Xoá lĩnh vực phản ánh")
    CLOSED = "feedback.closed", _("Kết thúc phản ánh, kiến nghị")
    DOCUMENT_ISSUED = "feedback.document_issued", _("Ban hành văn bản về phản ánh, kiến nghị")
    DUPLICATE_LINKED = "feedback.duplicate_linked", _("Gộp phản ánh trùng")
    DUPLICATE_UNLINKED = "feedback.duplicate_unlinked", _("Bỏ gộp phản ánh trùng")
    EXTENDED = "feedback.extended", _("Gia hạn thời hạn xử lý")
    EXTENSION_REFUSED = "feedback.extension_refused", _("Không đồng ý gia hạn thời hạn xử lý")
    EXTENSION_REQUESTED = "feedback.extension_requested", _("Đề nghị gia hạn thời hạn xử lý")
    INFO_RECEIVED = "feedback.info_received", _("Nhận thông tin bổ sung")
    INFO_REQUESTED = "feedback.info_requested", _("Đề nghị bổ sung thông tin")
    MAIL_REFUSED = "feedback.mail_refused", _("Thư điện tử không tạo được phản ánh")
    MEETING_RECORDED = "feedback.meeting_recorded", _("Ghi nhận ý kiến từ buổi tiếp xúc, đối thoại")
    PUBLICATION_WITHDRAWN = "feedback.publication_withdrawn", _("Gỡ công khai kết quả trả lời")
    PUBLISHED = "feedback.published", _("Công khai kết quả trả lời")
    RATED = "feedback.rated", _("Người dân đánh giá kết quả")
    RECEIVED = "feedback.received", _("Nhận phản ánh, kiến nghị")
    RECLASSIFIED = "feedback.reclassified", _("Phân loại lại phản ánh, kiến nghị")
    REDIRECTED = "feedback.redirected", _("Hướng dẫn gửi đến đúng nơi")
    REFUSED = "feedback.refused", _("Không tiếp nhận yêu cầu giải trình")
    REJECTED = "feedback.rejected", _("Không tiếp nhận phản ánh, kiến nghị")
    REOPENED = "feedback.reopened", _("Người dân đề nghị xem xét lại")
    RESUMED = "feedback.resumed", _("Tiếp tục xử lý")
    SUSPENDED = "feedback.suspended", _("Tạm dừng xử lý")
    TRANSFERRED = "feedback.transferred", _("Chuyển đơn vị xử lý")
