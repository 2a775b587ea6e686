"""Navigation entries of oversight (collected by ``cchc.core.navigation.all_items``). The private
responsibility records are offered to every official: the list shows each person only the records
they are entitled to (their own, those they decide, or all of them for Internal Affairs)."""

from django.utils.translation import gettext_noop

from cchc.core.navigation import ALL_STAFF, NavItem
from cchc.core.roles import Role

NAV_GROUP = gettext_noop("Kiểm tra")
READERS = frozenset(
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
NAV_ITEMS: list[NavItem] = [
    NavItem("oversight", gettext_noop("Kế hoạch và cuộc kiểm tra"), "oversight:index", READERS),
    NavItem("oversight_followups", gettext_noop("Kiến nghị sau kiểm tra"), "oversight:followups", READERS),
    NavItem(
        "oversight_conclusions",
        gettext_noop("Kết luận thanh tra, kiểm toán"),
        "oversight:conclusions",
        READERS,
    ),
    NavItem("oversight_cases", gettext_noop("Xem xét trách nhiệm"), "oversight:cases", ALL_STAFF),
]
