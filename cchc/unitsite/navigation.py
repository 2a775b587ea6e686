"""Navigation entries of unit websites (collected by ``cchc.core.navigation.all_items``)."""

from cchc.core.navigation import NavItem
from cchc.unitsite.queries import MANAGER_ROLES

NAV_ITEMS: list[NavItem] = [
    NavItem("unitsite", "Trang thông tin đơn vị", "unitsite:home", MANAGER_ROLES, "Tổ chức"),
]
