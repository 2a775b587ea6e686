"""Navigation entries of the dossier screens (collected by ``cchc.core.navigation.all_items``)."""

from django.utils.translation import gettext_noop

from cchc.core.navigation import NavItem
from cchc.core.roles import Role

DOSSIER_READERS = frozenset(
    {
        Role.LEADER,
        Role.SECRETARIAT,
        Role.OFFICE,
        Role.AUDITOR,
        Role.UNIT_HEAD,
        Role.UNIT_OFFICER,
        Role.ONE_STOP,
    }
)
LIST_READERS = frozenset({Role.LEADER, Role.SECRETARIAT, Role.OFFICE, Role.AUDITOR})

NAV_GROUP = gettext_noop("Hồ sơ TTHC")
NAV_ITEMS: list[NavItem] = [
    NavItem("dossiers", gettext_noop("Danh sách hồ sơ"), "dossiers:list", DOSSIER_READERS),
    NavItem("dossiers_late", gettext_noop("Hồ sơ trễ hạn"), "dossiers:late", DOSSIER_READERS),
    NavItem("dossiers_league", gettext_noop("Xếp hạng trễ hạn"), "dossiers:league_units", DOSSIER_READERS),
    NavItem(
        "dossiers_latelist", gettext_noop("Danh sách trễ hạn tháng"), "dossiers:latelist_index", LIST_READERS
    ),
    NavItem(
        "dossier_import",
        gettext_noop("Nhập hồ sơ"),
        "dossier_import:upload",
        frozenset({Role.OFFICE, Role.SECRETARIAT, Role.ONE_STOP}),
    ),
    NavItem(
        "dossier_api_clients",
        gettext_noop("Kết nối hệ thống một cửa"),
        "dossier_api_clients:index",
        frozenset({Role.OFFICE, Role.SECRETARIAT}),
    ),
]
