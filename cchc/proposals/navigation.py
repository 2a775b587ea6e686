"""Navigation entries of reform proposals (collected by ``cchc.core.navigation.all_items``)."""

from django.utils.translation import gettext_noop

from cchc.core.navigation import NavItem
from cchc.core.roles import JURISDICTION_WIDE
from cchc.proposals.queries import UNIT_ROLES

NAV_GROUP = gettext_noop("Bồi dưỡng, đề xuất")

NAV_ITEMS: list[NavItem] = [
    NavItem(
        "proposals",
        gettext_noop("Đề xuất phân cấp, ủy quyền"),
        "proposals:proposal_list",
        JURISDICTION_WIDE | UNIT_ROLES,
    ),
    NavItem(
        "procedure_reviews",
        gettext_noop("Sổ rà soát thủ tục"),
        "proposals:register",
        JURISDICTION_WIDE | UNIT_ROLES,
    ),
]
