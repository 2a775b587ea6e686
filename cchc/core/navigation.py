"""Navigation by role. Each app adds its entries here; the base template shows what the role may use."""

from dataclasses import dataclass

from cchc.accounts.roles import Role

ALL_STAFF = frozenset(Role)


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    roles: frozenset[Role]


NAV: list[NavItem] = [
    NavItem("home", "Trang làm việc", "core:home", ALL_STAFF),
    NavItem("units", "Đơn vị", "org:unit_list", ALL_STAFF),
    NavItem("officials", "Cán bộ, công chức", "org:official_list", ALL_STAFF),
    NavItem("org_import", "Nhập danh sách", "org:import", frozenset({Role.SECRETARIAT})),
    NavItem("calendar", "Lịch làm việc", "calendar:year", ALL_STAFF),
    NavItem(
        "audit", "Nhật ký thay đổi", "core:audit", frozenset({Role.LEADER, Role.SECRETARIAT, Role.AUDITOR})
    ),
]


def items_for(role: str, is_superuser: bool = False) -> list[NavItem]:
    if is_superuser:
        return list(NAV)
    return [item for item in NAV if role in item.roles]
