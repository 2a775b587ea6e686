from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext

from cchc.core.navigation import items_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """``nav_items``: the flat list; ``nav_menu``: the same entries with grouped ones under one heading."""
    user = request.user
    nav: list[dict[str, str]] = []
    if user.is_authenticated:
        for item in items_for(getattr(user, "role", ""), user.is_superuser):
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:
                continue
            nav.append(
                {
                    "key": item.key,
                    "label": gettext(item.label),
                    "url": url,
                    "active": "1"
                    if request.path == url or (url != "/" and request.path.startswith(url))
                    else "",
                    "group": item.group,
                }
            )
    menu: list[dict[str, Any]] = []
    groups: dict[str, dict[str, Any]] = {}
    for entry in nav:
        if not entry["group"]:
            menu.append(entry)
            continue
        if entry["group"] not in groups:
            groups[entry["group"]] = {"label": gettext(entry["group"]), "children": [], "active": ""}
            menu.append(groups[entry["group"]])
        groups[entry["group"]]["children"].append(entry)
        if entry["active"]:
            groups[entry["group"]]["active"] = "1"
    # A group with a single entry reads better as a plain link.
    menu = [m["children"][0] if "children" in m and len(m["children"]) == 1 else m for m in menu]
    return {"nav_items": nav, "nav_menu": menu, "cchc_demo": settings.CCHC_DEMO}
