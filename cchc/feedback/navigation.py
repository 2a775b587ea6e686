"""Navigation entries of citizen voice (collected by ``cchc.core.navigation.all_items``)."""

from cchc.core.navigation import ALL_STAFF, NavItem
from cchc.core.roles import Role

NAV_ITEMS: list[NavItem] = [
    NavItem("feedback", "Phản ánh, kiến nghị", "feedback:list", ALL_STAFF),
    NavItem(
        "feedback_figures",
        "Số liệu phản ánh",
        "feedback:figures",
        frozenset(ALL_STAFF - {Role.FRONT}),
    ),
    NavItem(
        "feedback_meetings",
        "Ý kiến cử tri",
        "feedback:meetings",
        frozenset({Role.FRONT, Role.LEADER, Role.SECRETARIAT, Role.OFFICE, Role.AUDITOR}),
    ),
    NavItem("feedback_keys", "Khoá cho ứng dụng phản ánh", "feedback:keys", frozenset({Role.SECRETARIAT})),
]
