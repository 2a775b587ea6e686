"""Navigation entries of citizen voice (collected by ``cchc.core.navigation.all_items``)."""

from django.utils.translation import gettext_noop

from cchc.core.navigation import ALL_STAFF, NavItem
from cchc.core.roles import Role

NAV_ITEMS: list[NavItem] = [
    NavItem("feedback", gettext_noop("Phản ánh, kiến nghị"), "feedback:list", ALL_STAFF),
    NavItem(
        "feedback_figures",
        gettext_noop("Số liệu phản ánh"),
        "feedback:figures",
        frozenset(ALL_STAFF - {Role.FRONT}),
    ),
    NavItem(
        "feedback_meetings",
        gettext_noop("Ý kiến cử tri"),
        "feedback:meetings",
        frozenset({Role.FRONT, Role.LEADER, Role.SECRETARIAT, Role.OFFICE, Role.AUDITOR}),
    ),
    NavItem(
        "feedback_keys",
        gettext_noop("Khoá cho ứng dụng phản ánh"),
        "feedback:keys",
        frozenset({Role.SECRETARIAT}),
    ),
]
