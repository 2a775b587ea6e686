"""Menu entries of the surveys (shown under one "Khảo sát" drop-down)."""

from django.utils.translation import gettext_noop

from cchc.core.navigation import ALL_STAFF, NavItem
from cchc.core.roles import Role

NAV_GROUP = gettext_noop("Khảo sát")
WIDE = frozenset({Role.LEADER, Role.SECRETARIAT, Role.OFFICE, Role.AUDITOR})
NAV_ITEMS = [
    NavItem("survey_campaigns", gettext_noop("Đợt khảo sát"), "surveys:campaigns", ALL_STAFF),
    NavItem(
        "survey_flagged", gettext_noop("Phiếu cần xem xét"), "surveys:flagged", frozenset({Role.SECRETARIAT})
    ),
    NavItem(
        "survey_paper",
        gettext_noop("Nhập phiếu giấy"),
        "surveys:paper_entry",
        frozenset({Role.SECRETARIAT, Role.ONE_STOP}),
    ),
    NavItem(
        "survey_kiosks",
        gettext_noop("Ki-ốt khảo sát"),
        "surveys:kiosks",
        frozenset({Role.SECRETARIAT, Role.ONE_STOP}),
    ),
    NavItem(
        "survey_officials", gettext_noop("Đánh giá cán bộ"), "surveys:officials", WIDE | {Role.UNIT_HEAD}
    ),
    NavItem(
        "survey_evaluation",
        gettext_noop("Đánh giá giải quyết hồ sơ"),
        "surveys:evaluation_summary",
        WIDE | {Role.UNIT_HEAD, Role.UNIT_OFFICER, Role.ONE_STOP},
    ),
    NavItem("survey_figures", gettext_noop("SIPAS đã công bố"), "surveys:figures", ALL_STAFF),
    NavItem("survey_questionnaires", gettext_noop("Bộ câu hỏi"), "surveys:questionnaires", WIDE),
]
