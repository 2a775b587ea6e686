"""Navigation entry of emulation (collected by ``cchc.core.navigation.all_items``): the area's council —
the leader, Internal Affairs, the Office and the inspectorate."""

from django.utils.translation import gettext_noop

from cchc.core.navigation import NavItem
from cchc.core.roles import JURISDICTION_WIDE

NAV_GROUP = gettext_noop("Kiểm tra")

NAV_ITEMS: list[NavItem] = [
    NavItem("emulation", gettext_noop("Thi đua, xếp loại cuối năm"), "emulation:index", JURISDICTION_WIDE),
]
