"""Navigation by role. Each app adds its entries here; the base template shows what the role may use."""

import importlib
from dataclasses import dataclass, replace

from django.conf import settings
from django.utils.translation import gettext_noop

from cchc.core.roles import Role

ALL_STAFF = frozenset(Role)


@dataclass(frozen=True)
class NavItem:
    key: str
    # Vietnamese, marked with gettext_noop; the menu translates it when it is shown.
    label: str
    url_name: str
    roles: frozenset[Role]
    # Entries sharing a group are shown under one drop-down menu; an app module may set NAV_GROUP.
    group: str = ""


ORG_GROUP = gettext_noop("Tổ chức")
NAV: list[NavItem] = [
    NavItem("home", gettext_noop("Trang làm việc"), "home:home", ALL_STAFF),
    NavItem("units", gettext_noop("Đơn vị"), "org:unit_list", ALL_STAFF, ORG_GROUP),
    NavItem("officials", gettext_noop("Cán bộ, công chức"), "org:official_list", ALL_STAFF, ORG_GROUP),
    NavItem(
        "org_import", gettext_noop("Nhập danh sách"), "org:import", frozenset({Role.SECRETARIAT}), ORG_GROUP
    ),
    NavItem("calendar", gettext_noop("Lịch làm việc"), "calendar:year", ALL_STAFF, ORG_GROUP),
    NavItem(
        "audit",
        gettext_noop("Nhật ký thay đổi"),
        "core:audit",
        frozenset({Role.LEADER, Role.SECRETARIAT, Role.AUDITOR}),
        ORG_GROUP,
    ),
]


def all_items() -> list[NavItem]:
    """The core entries, then each app's own ``cchc.<app>.navigation.NAV_ITEMS`` in INSTALLED_APPS order."""
    items = list(NAV)
    for app in settings.INSTALLED_APPS:
        if not app.startswith("cchc.") or app == "cchc.core":
            continue
        try:
            module = importlib.import_module(f"{app}.navigation")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.navigation":
                raise
            continue
        group = getattr(module, "NAV_GROUP", "")
        for item in getattr(module, "NAV_ITEMS", []):
            items.append(item if item.group or not group else replace(item, group=group))
    return items


def items_for(role: str, is_superuser: bool = False) -> list[NavItem]:
    items = all_items()
    if is_superuser:
        return items
    return [item for item in items if role in item.roles]
