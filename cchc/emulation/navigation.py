"""Navigation entry of emulation (collected by ``cchc.core.navigation.all_items``): the area's council —
the leader, Internal Affairs, the Office and the inspectorate."""

from cchc.core.navigation import NavItem
from cchc.core.roles import JURISDICTION_WIDE

NAV_GROUP = "Kiểm tra"

NAV_ITEMS: list[NavItem] = [
    NavItem("emulation", "Thi đua, xếp loại cuối năm", "emulation:index", JURISDICTION_WIDE),
]
