"""The audit events the emulation app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from django.utils.translation import gettext_lazy as _

from cchc.core.events import AuditVerb


class EmulationEvents(AuditVerb, area=_("Thi đua, khen thưởng")):
    ADJUSTED = "emulation.adjusted", _("Điều chỉnh mức xếp loại thi đua")
    APPROVED = "emulation.approved", _("Phê duyệt kết quả xét thi đua")
    EXPORTED = "emulation.exported", _("Xuất danh sách xét thi đua")
    PROPOSED = "emulation.proposed", _("Đề xuất xét thi đua")
    RECOMPUTED = "emulation.recomputed", _("Tính lại đề xuất xét thi đua")
