"""Navigation entries of training (collected by ``cchc.core.navigation.all_items``)."""

from cchc.core.navigation import NavItem
from cchc.training.queries import READERS

NAV_GROUP = "Bồi dưỡng, đề xuất"

NAV_ITEMS: list[NavItem] = [
    NavItem("training", "Đào tạo, bồi dưỡng", "training:index", READERS),
]
