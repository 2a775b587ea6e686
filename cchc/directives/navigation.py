"""Navigation entries of the directive and task screens (collected by ``cchc.core.navigation``)."""

from cchc.core.navigation import ALL_STAFF, NavItem
from cchc.core.roles import Role

WIDE = frozenset({Role.LEADER, Role.SECRETARIAT, Role.OFFICE, Role.AUDITOR})
# Roles whose work is their own unit's tasks; the jurisdiction-wide roles reach their unit's inbox from
# the board (three entries per role at most: the bar is shared with every other app).
UNIT_ROLES = frozenset(ALL_STAFF - WIDE)

NAV_ITEMS: list[NavItem] = [
    NavItem("directives", "Văn bản chỉ đạo", "directives:directive_list", ALL_STAFF),
    NavItem("tasks_board", "Theo dõi nhiệm vụ", "directives:board", WIDE),
    NavItem("tasks_inbox", "Việc của đơn vị", "directives:inbox", UNIT_ROLES),
    NavItem("tasks_overdue", "Nhiệm vụ quá hạn", "directives:overdue", ALL_STAFF),
]
