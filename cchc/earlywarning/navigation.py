"""Navigation entries of early warning (collected by ``cchc.core.navigation.all_items``)."""

from django.utils.translation import gettext_noop

from cchc.core.navigation import NavItem
from cchc.core.roles import Role

NAV_GROUP = gettext_noop("Hồ sơ TTHC")
NAV_ITEMS: list[NavItem] = [
    NavItem(
        "earlywarning",
        gettext_noop("Việc có nguy cơ trễ hạn"),
        "earlywarning:list",
        frozenset(
            {
                Role.UNIT_OFFICER,
                Role.UNIT_HEAD,
                Role.ONE_STOP,
                Role.LEADER,
                Role.OFFICE,
                Role.SECRETARIAT,
                Role.AUDITOR,
            }
        ),
    ),
    NavItem(
        "earlywarning_backtest",
        gettext_noop("Độ tin cậy của cảnh báo sớm"),
        "earlywarning:backtest",
        frozenset({Role.LEADER, Role.SECRETARIAT, Role.OFFICE, Role.AUDITOR}),
    ),
]
