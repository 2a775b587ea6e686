"""Absolute addresses printed on paper (slips, kiosk set-up): the site's public URL plus the path."""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, reverse

# Where the lead mounts the public pages; used only if the URLconf does not have them yet, so a slip
# can always be printed.
PUBLIC_MOUNT = "/cong-khai/khao-sat/"


def _absolute(path: str) -> str:
    return str(getattr(settings, "SITE_URL", "")).rstrip("/") + path


def public_link(token: str) -> str:
    try:
        path = reverse("surveys_public:dossier", args=[token])
    except NoReverseMatch:
        path = f"{PUBLIC_MOUNT}d/{token}/"
    return _absolute(path)
