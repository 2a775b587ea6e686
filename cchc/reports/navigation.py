"""Navigation entries of the report screens (collected by ``cchc.core.navigation.all_items``)."""

from django.utils.translation import gettext_noop

from cchc.core.navigation import NavItem
from cchc.core.roles import Role

RESULT_READERS = frozenset(
    {
        Role.LEADER,
        Role.SECRETARIAT,
        Role.OFFICE,
        Role.AUDITOR,
        Role.UNIT_HEAD,
        Role.UNIT_OFFICER,
        Role.ONE_STOP,
    }
)

PETITION_READERS = RESULT_READERS

PERIODIC_USERS = RESULT_READERS - {Role.ONE_STOP}

NAV_GROUP = gettext_noop("Báo cáo")
NAV_ITEMS: list[NavItem] = [
    NavItem("reports_results", gettext_noop("Kết quả giải quyết TTHC"), "reports:results", RESULT_READERS),
    NavItem(
        "reports_petitions", gettext_noop("Kết quả xử lý phản ánh"), "reports:petitions", PETITION_READERS
    ),
    NavItem(
        "reports_periodic",
        gettext_noop("Báo cáo cải cách hành chính định kỳ"),
        "reports:periodic",
        PERIODIC_USERS,
    ),
]
