"""The audit events the earlywarning app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from django.utils.translation import gettext_lazy as _

from cchc.core.events import AuditVerb


class EarlyWarningEvents(AuditVerb, area=_("Cảnh báo sớm hồ sơ")):
    REFRESHED = "earlywarning.refreshed", _("Cập nhật danh sách hồ sơ có nguy cơ trễ hạn")
    STEP_REASSIGNED = "earlywarning.step_reassigned", _("Giao lại bước xử lý hồ sơ có nguy cơ trễ hạn")
