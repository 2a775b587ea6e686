"""The audit events the calendar app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from django.utils.translation import gettext_lazy as _

from cchc.core.events import AuditVerb


class CalendarEvents(AuditVerb, area=_("Lịch làm việc")):
    CHANGED = "calendar.changed", _("Sửa lịch làm việc")
    CREATED = "calendar.created", _("Tạo lịch làm việc riêng của địa bàn")
    ENTRY_ADDED = "calendar.entry_added", _("Thêm ngày vào lịch làm việc")
    ENTRY_CHANGED = "calendar.entry_changed", _("Sửa ngày trong lịch làm việc")
    ENTRY_DELETED = "calendar.entry_deleted", _("Xoá ngày khỏi lịch làm việc")
    WORKDAYS_LOADED = "calendar.workdays_loaded", _("Nạp lịch nghỉ lễ, tết")
