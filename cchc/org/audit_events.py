"""The audit events the org app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from django.utils.translation import gettext_lazy as _

from cchc.core.events import AuditVerb


class OrgEvents(AuditVerb, area=_("Tổ chức bộ máy và cán bộ")):
    HEAD_END = "org.head.end", _("Kết thúc giao lãnh đạo đơn vị")
    HEAD_SET = "org.head.set", _("Giao lãnh đạo đơn vị")
    IMPORT = "org.import", _("Nhập danh sách từ tệp")
    JURISDICTION_CREATE = "org.jurisdiction.create", _("Thêm địa bàn")
    JURISDICTION_UPDATE = "org.jurisdiction.update", _("Sửa địa bàn")
    OFFICIAL_CREATE = "org.official.create", _("Thêm cán bộ")
    OFFICIAL_DEACTIVATE = "org.official.deactivate", _("Cán bộ thôi công tác")
    OFFICIAL_UPDATE = "org.official.update", _("Sửa thông tin cán bộ")
    UNIT_CLOSE = "org.unit.close", _("Giải thể đơn vị")
    UNIT_CREATE = "org.unit.create", _("Thêm đơn vị")
    UNIT_DELETE = "org.unit.delete", _("Xoá đơn vị nhập nhầm")
    UNIT_MERGE = "org.unit.merge", _("Sáp nhập đơn vị")
    UNIT_UPDATE = "org.unit.update", _("Sửa thông tin đơn vị")
