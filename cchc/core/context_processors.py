from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from cchc.core.navigation import items_for


def navigation(request: HttpRequest) -> dict[str, Any]:
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
                    "label": item.label,
                    "url": url,
                    "active": "1"
                    if request.path == url or (url != "/" and request.path.startswith(url))
                    else "",
                }
            )
    return {"nav_items": nav, "cchc_demo": settings.CCHC_DEMO}
