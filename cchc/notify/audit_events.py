"""The audit events the notify app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from django.utils.translation import gettext_lazy as _

from cchc.core.events import AuditVerb


class NotifyEvents(AuditVerb, area=_("Thông báo cho người dân")):
    CONSENT_GIVEN = "notify.consent_given", _("Đồng ý nhận thông báo")
    CONSENT_WITHDRAWN = "notify.consent_withdrawn", _("Rút lại đồng ý nhận thông báo")
