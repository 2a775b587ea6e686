"""The audit events the demo app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from django.utils.translation import gettext_lazy as _

from cchc.core.events import AuditVerb


class DemoEvents(AuditVerb, area=_("Dữ liệu trình diễn")):
    LOADED = "demo.loaded", _("Nạp dữ liệu trình diễn")
