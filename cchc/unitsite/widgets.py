"""The widgets a unit's website can embed: one entry per widget, read by the staff's embed page (the
snippets to copy) and by the public widget pages (their titles). The public pages live in
``cchc.portal.views_unitsite``; their URL names are those of the ``unitsite_public`` namespace."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext_noop

from cchc.org.models import Unit


@dataclass(frozen=True)
class Widget:
    key: str
    url_name: str  # the widget page (framed)
    fallback_name: str  # the full page a reader opens when frames are blocked
    title: str  # Vietnamese, marked with gettext_noop: a page shows it with {% translate %}
    height: int  # pixels: the snippet sets it, no script resizes the frame

    def path(self, unit: Unit) -> str:
        return reverse(f"unitsite_public:{self.url_name}", args=[unit.pk])

    def fallback_path(self, unit: Unit) -> str:
        if self.fallback_name.startswith("unitsite_public:"):
            return reverse(self.fallback_name, args=[unit.pk])
        return reverse(self.fallback_name)


WIDGETS: list[Widget] = [
    Widget(
        "documents", "widget_documents", "unitsite_public:documents", gettext_noop("Văn bản của đơn vị"), 640
    ),
    Widget(
        "late", "widget_late", "portal:late_lists", gettext_noop("Danh sách hồ sơ trễ hạn hằng tháng"), 520
    ),
    Widget("lookup", "widget_lookup", "portal:dossier_lookup", gettext_noop("Tra cứu hồ sơ"), 560),
    Widget(
        "petition", "widget_petition", "feedback_public:submit", gettext_noop("Gửi phản ánh, kiến nghị"), 360
    ),
    Widget(
        "satisfaction",
        "widget_satisfaction",
        "surveys_public:published",
        gettext_noop("Mức độ hài lòng"),
        420,
    ),
]


def snippet(widget: Widget, unit: Unit, site: str) -> str:
    """The HTML a unit pastes into its website: a frame, and under it a plain link to the full page for
    readers whose browser does not show frames. No script anywhere."""
    title = escape(f"{widget.title} — {unit.name}")
    label = escape(f"{widget.title} ({unit.name})")
    return (
        f'<iframe src="{site}{widget.path(unit)}" title="{title}" width="100%" height="{widget.height}" '
        f'loading="lazy" style="border:0;max-width:100%"></iframe>\n'
        f'<p><a href="{site}{widget.fallback_path(unit)}">{label}</a></p>'
    )
