from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "cchc.proposals"
    verbose_name = "Đề xuất phân cấp, ủy quyền, đơn giản hóa thủ tục"
