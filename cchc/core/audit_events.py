"""The audit events the core app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from django.utils.translation import gettext_lazy as _

from cchc.core.events import AuditVerb


class CoreEvents(AuditVerb, area=_("Dữ liệu hệ thống")):
    REPAIRED = "dates.repaired", _("Xoá ngày tháng ngoài khoảng hợp lý")
