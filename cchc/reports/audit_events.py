"""The audit events the reports app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from django.utils.translation import gettext_lazy as _

from cchc.core.events import AuditVerb


class ReportsEvents(AuditVerb, area=_("Báo cáo")):
    APPROVED = "report.approved", _("Phê duyệt báo cáo")
    DRAFTED = "report.drafted", _("Lập dự thảo báo cáo")
    EDITED = "report.edited", _("Sửa nội dung báo cáo")
    ROUND_OPENED = "report.round_opened", _("Yêu cầu các đơn vị gửi báo cáo")
    SUBMITTED = "report.submitted", _("Gửi báo cáo lên cấp trên")
