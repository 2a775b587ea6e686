"""Navigation entries of training (collected by ``cchc.core.navigation.all_items``)."""

from django.utils.translation import gettext_noop

from cchc.core.navigation import NavItem
from cchc.training.queries import READERS

NAV_GROUP = gettext_noop("Bồi dưỡng, đề xuất")

NAV_ITEMS: list[NavItem] = [
    NavItem("training", gettext_noop("Đào tạo, bồi dưỡng"), "training:index", READERS),
]
