"""The audit events the dossiers app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from django.utils.translation import gettext_lazy as _

from cchc.core.events import AuditVerb


class DossiersEvents(AuditVerb, area=_("Hồ sơ thủ tục hành chính")):
    API_CLIENT_CREATE = "dossiers.api_client.create", _("Cấp mã truy cập cho hệ thống kết nối")
    API_CLIENT_REVOKE = "dossiers.api_client.revoke", _("Thu hồi mã truy cập của hệ thống kết nối")
    APOLOGY_ISSUED = "dossiers.apology_issued", _("Ban hành phiếu xin lỗi, hẹn lại ngày trả kết quả")
    FACTS_REBUILT = "dossiers.facts_rebuilt", _("Tính lại số liệu tổng hợp hồ sơ")
    LATELIST_APPROVED = "dossiers.latelist_approved", _("Phê duyệt danh sách trễ hạn")
    LATELIST_DRAFTED = "dossiers.latelist_drafted", _("Lập dự thảo danh sách trễ hạn")
    LATELIST_PUBLISHED = "dossiers.latelist_published", _("Công khai danh sách trễ hạn trên Cổng thông tin")
    LATELIST_REDRAFTED = "dossiers.latelist_redrafted", _("Lập lại dự thảo danh sách trễ hạn")
    LATELIST_WITHDRAWN = "dossiers.latelist_withdrawn", _("Thu hồi danh sách trễ hạn")
    PROCEDURE_CREATED = "dossiers.procedure_created", _("Thêm thủ tục hành chính")
    PROCEDURE_UPDATED = "dossiers.procedure_updated", _("Cập nhật thủ tục hành chính")
    UPSERT = "dossiers.upsert", _("Nhận dữ liệu hồ sơ")
