"""Navigation entries of reform proposals (collected by ``cchc.core.navigation.all_items``)."""

from cchc.core.navigation import NavItem
from cchc.core.roles import JURISDICTION_WIDE
from cchc.proposals.queries import UNIT_ROLES

NAV_GROUP = "Bồi dưỡng, đề xuất"

NAV_ITEMS: list[NavItem] = [
    NavItem(
        "proposals", "Đề xuất phân cấp, ủy quyền", "proposals:proposal_list", JURISDICTION_WIDE | UNIT_ROLES
    ),
    NavItem("procedure_reviews", "Sổ rà soát thủ tục", "proposals:register", JURISDICTION_WIDE | UNIT_ROLES),
]
