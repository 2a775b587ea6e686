"""The audit events the unit-website app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from django.utils.translation import gettext_lazy as _

from cchc.core.events import AuditVerb


class UnitsiteEvents(AuditVerb, area=_("Trang thông tin đơn vị")):
    DOCUMENT_ADDED = "unitsite.document_added", _("Thêm văn bản trên trang đơn vị")
    DOCUMENT_UPDATED = "unitsite.document_updated", _("Sửa văn bản trên trang đơn vị")
    ORIGIN_ADDED = "unitsite.origin_added", _("Cho phép nhúng trang đơn vị vào trang khác")
    ORIGIN_REMOVED = "unitsite.origin_removed", _("Thôi cho phép nhúng trang đơn vị")
