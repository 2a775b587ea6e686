"""The audit events the proposals app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from django.utils.translation import gettext_lazy as _

from cchc.core.events import AuditVerb


class ProposalsEvents(AuditVerb, area=_("Phân cấp, ủy quyền, đơn giản hóa thủ tục")):
    APPROVED = "proposal.approved", _("Chấp thuận đề xuất")
    CREATED = "proposal.created", _("Tạo đề xuất")
    PROCEDURE_REVIEWED = "proposal.procedure_reviewed", _("Rà soát thủ tục hành chính")
    REJECTED = "proposal.rejected", _("Không chấp thuận đề xuất")
    RETURNED = "proposal.returned", _("Trả lại đề xuất để bổ sung")
    REVIEWED = "proposal.reviewed", _("Cho ý kiến thẩm định đề xuất")
    SUBMITTED = "proposal.submitted", _("Gửi thẩm định đề xuất")
    UPDATED = "proposal.updated", _("Sửa đề xuất")
