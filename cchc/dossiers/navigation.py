"""Navigation entries of the dossier screens (collected by ``cchc.core.navigation.all_items``)."""

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

NAV_GROUP = "Hồ sơ TTHC"
NAV_ITEMS: list[NavItem] = [
    NavItem("dossiers", "Danh sách hồ sơ", "dossiers:list", DOSSIER_READERS),
    NavItem("dossiers_late", "Hồ sơ trễ hạn", "dossiers:late", DOSSIER_READERS),
    NavItem("dossiers_league", "Xếp hạng trễ hạn", "dossiers:league_units", DOSSIER_READERS),
    NavItem("dossiers_latelist", "Danh sách trễ hạn tháng", "dossiers:latelist_index", LIST_READERS),
    NavItem(
        "dossier_import",
        "Nhập hồ sơ",
        "dossier_import:upload",
        frozenset({Role.OFFICE, Role.SECRETARIAT, Role.ONE_STOP}),
    ),
    NavItem(
        "dossier_api_clients",
        "Kết nối hệ thống một cửa",
        "dossier_api_clients:index",
        frozenset({Role.OFFICE, Role.SECRETARIAT}),
    ),
]
