"""Navigation entries of the scorecards (collected by ``cchc.core.navigation.all_items``)."""

from django.utils.translation import gettext_noop

from cchc.core.navigation import NavItem
from cchc.core.roles import Role

READERS_766 = frozenset(
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

NAV_GROUP = gettext_noop("Chỉ số CCHC")
CARD_READERS = frozenset(
    {Role.LEADER, Role.SECRETARIAT, Role.OFFICE, Role.AUDITOR, Role.UNIT_HEAD, Role.UNIT_OFFICER}
)

NAV_ITEMS: list[NavItem] = [
    NavItem("scorecards_city", gettext_noop("Chỉ số CCHC các đơn vị"), "scorecards:city", CARD_READERS),
    NavItem("scorecards_766", gettext_noop("Chỉ số phục vụ (QĐ 766)"), "scorecards:766", READERS_766),
]
