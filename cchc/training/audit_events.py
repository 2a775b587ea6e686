"""The audit events the training app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from django.utils.translation import gettext_lazy as _

from cchc.core.events import AuditVerb


class TrainingEvents(AuditVerb, area=_("Bồi dưỡng cán bộ")):
    ATTENDANCE_RECORDED = "training.attendance_recorded", _("Điểm danh lớp bồi dưỡng")
    CLASS_CANCELLED = "training.class_cancelled", _("Hủy lớp bồi dưỡng")
    CLASS_SCHEDULED = "training.class_scheduled", _("Mở lớp bồi dưỡng")
    COURSE_CREATED = "training.course_created", _("Tạo khoá bồi dưỡng")
    INVITED = "training.invited", _("Mời học viên")
    MATERIAL_ADDED = "training.material_added", _("Thêm tài liệu lớp học")
    MATERIAL_REMOVED = "training.material_removed", _("Gỡ tài liệu lớp học")
    NEED_CLOSED = "training.need_closed", _("Đóng nhu cầu bồi dưỡng đã đáp ứng")
    NEED_DISMISSED = "training.need_dismissed", _("Bỏ nhu cầu bồi dưỡng")
    NEED_PROPOSED = "training.need_proposed", _("Đề xuất nhu cầu bồi dưỡng")
    RESULTS_RECORDED = "training.results_recorded", _("Ghi kết quả lớp bồi dưỡng")
