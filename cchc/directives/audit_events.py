"""The audit events the directives app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from django.utils.translation import gettext_lazy as _

from cchc.core.events import AuditVerb


class DirectivesEvents(AuditVerb, area=_("Văn bản chỉ đạo và nhiệm vụ")):
    DIRECTIVE_CONFIRMED = "directive.confirmed", _("Xác nhận văn bản chỉ đạo và các nhiệm vụ")
    DIRECTIVE_FILE_ADDED = "directive.file_added", _("Thêm tệp vào văn bản chỉ đạo")
    DIRECTIVE_FILE_REMOVED = "directive.file_removed", _("Gỡ tệp khỏi văn bản chỉ đạo")
    DIRECTIVE_LINK_ADDED = "directive.link_added", _("Thêm liên kết giữa các văn bản")
    DIRECTIVE_LINK_REMOVED = "directive.link_removed", _("Gỡ liên kết giữa các văn bản")
    DIRECTIVE_READ = "directive.read", _("Đọc văn bản chỉ đạo, đề xuất nhiệm vụ")
    DIRECTIVE_REGISTERED = "directive.registered", _("Vào sổ văn bản chỉ đạo")
    DIRECTIVE_UPDATED = "directive.updated", _("Sửa thông tin văn bản chỉ đạo")
    TASK_CANCELLED = "task.cancelled", _("Hủy nhiệm vụ")
    TASK_CONFIRMED = "task.confirmed", _("Xác nhận nhiệm vụ hoàn thành")
    TASK_CREATED = "task.created", _("Giao nhiệm vụ")
    TASK_DELETED = "task.deleted", _("Xoá nhiệm vụ giao nhầm")
    TASK_EXTENSION_APPROVED = "task.extension_approved", _("Đồng ý gia hạn nhiệm vụ")
    TASK_EXTENSION_REFUSED = "task.extension_refused", _("Không đồng ý gia hạn nhiệm vụ")
    TASK_EXTENSION_REQUESTED = "task.extension_requested", _("Đề nghị gia hạn nhiệm vụ")
    TASK_OFFICER_ASSIGNED = "task.officer_assigned", _("Phân công cán bộ theo dõi nhiệm vụ")
    TASK_PROGRESS = "task.progress", _("Báo cáo tiến độ nhiệm vụ")
    TASK_REPORTED_DONE = "task.reported_done", _("Báo cáo hoàn thành nhiệm vụ")
    TASK_SENT_BACK = "task.sent_back", _("Trả lại báo cáo hoàn thành nhiệm vụ")
