"""The audit events the deadlines app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from django.utils.translation import gettext_lazy as _

from cchc.core.events import AuditVerb


class DeadlinesEvents(AuditVerb, area=_("Theo dõi thời hạn")):
    CANCELLED = "deadline.cancelled", _("Hủy thời hạn")
    CONFIRMED_DONE = "deadline.confirmed_done", _("Xác nhận hoàn thành")
    EXTENSION_APPROVED = "deadline.extension_approved", _("Đồng ý gia hạn")
    EXTENSION_REFUSED = "deadline.extension_refused", _("Không đồng ý gia hạn")
    EXTENSION_REQUESTED = "deadline.extension_requested", _("Đề nghị gia hạn")
    OPENED = "deadline.opened", _("Bắt đầu tính hạn")
    PAUSED = "deadline.paused", _("Tạm dừng tính hạn")
    REPORTED_DONE = "deadline.reported_done", _("Báo cáo hoàn thành")
    RESUMED = "deadline.resumed", _("Tiếp tục tính hạn")
    SENT_BACK = "deadline.sent_back", _("Trả lại báo cáo hoàn thành")
    SYNCED = "deadline.synced", _("Cập nhật thời hạn theo hồ sơ")
    UNIT_CHANGED = "deadline.unit_changed", _("Chuyển đơn vị chịu trách nhiệm")
