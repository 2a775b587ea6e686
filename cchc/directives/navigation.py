"""Navigation entries of the directive and task screens (collected by ``cchc.core.navigation``)."""

from django.utils.translation import gettext_noop

from cchc.core.navigation import ALL_STAFF, NavItem
from cchc.core.roles import Role

WIDE = frozenset({Role.LEADER, Role.SECRETARIAT, Role.OFFICE, Role.AUDITOR})
# Roles whose work is their own unit's tasks; the jurisdiction-wide roles reach their unit's inbox from
# the board (three entries per role at most: the bar is shared with every other app).
UNIT_ROLES = frozenset(ALL_STAFF - WIDE)

NAV_ITEMS: list[NavItem] = [
    NavItem("directives", gettext_noop("Văn bản chỉ đạo"), "directives:directive_list", ALL_STAFF),
    NavItem("tasks_board", gettext_noop("Theo dõi nhiệm vụ"), "directives:board", WIDE),
    NavItem("tasks_inbox", gettext_noop("Việc của đơn vị"), "directives:inbox", UNIT_ROLES),
    NavItem("tasks_overdue", gettext_noop("Nhiệm vụ quá hạn"), "directives:overdue", ALL_STAFF),
]
