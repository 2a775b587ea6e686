"""Navigation entries of unit websites (collected by ``cchc.core.navigation.all_items``)."""

from django.utils.translation import gettext_noop

from cchc.core.navigation import NavItem
from cchc.unitsite.queries import MANAGER_ROLES

NAV_ITEMS: list[NavItem] = [
    NavItem(
        "unitsite",
        gettext_noop("Trang thông tin đơn vị"),
        "unitsite:home",
        MANAGER_ROLES,
        gettext_noop("Tổ chức"),
    ),
]
