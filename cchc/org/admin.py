"""The organisation in the Vietnamese admin.

Units, officials and heads change only through the organisation screens (``cchc.org.actions``: audit
trail, history kept), so here they are read-only with a link to the screen. Jurisdictions have no
screen of their own yet and are edited here by superusers; their changes are recorded as well.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from cchc.core.events import diff, record
from cchc.org.audit_events import OrgEvents
from cchc.org.models import Jurisdiction, Official, Unit, UnitHead


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "parent", "valid_from", "valid_to")
    list_filter = ("level",)
    search_fields = ("name", "code")
    autocomplete_fields = ("parent",)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # areas keep history, like units: close them with valid_to

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = {k: form.initial.get(k) for k in form.changed_data} if change else {}
        super().save_model(request, obj, form, change)
        after = {k: form.cleaned_data.get(k) for k in form.changed_data}
        record(
            request.user,
            OrgEvents.JURISDICTION_UPDATE if change else OrgEvents.JURISDICTION_CREATE,
            obj,
            summary=f"{'Sửa' if change else 'Thêm'} địa bàn {obj.name} ({obj.code}) trong trang quản trị",
            data={"diff": diff(before, after)},
        )


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = (
        "name",
        "code",
        "abbreviation",
        "kind",
        "jurisdiction",
        "valid_from",
        "valid_to",
        "screen",
    )
    list_filter = ("kind", "jurisdiction")
    search_fields = ("name", "code", "abbreviation")

    @admin.display(description="màn hình")
    def screen(self, obj: Unit) -> str:
        return format_html('<a href="{}">Mở</a>', reverse("org:unit_detail", args=[obj.pk]))


@admin.register(Official)
class OfficialAdmin(ReadOnlyAdmin):
    list_display = ("full_name", "code", "position", "unit", "is_active", "screen")
    list_filter = ("is_active",)
    search_fields = ("full_name", "code", "email")

    @admin.display(description="màn hình")
    def screen(self, obj: Official) -> str:
        return format_html('<a href="{}">Mở</a>', reverse("org:official_detail", args=[obj.pk]))


@admin.register(UnitHead)
class UnitHeadAdmin(ReadOnlyAdmin):
    list_display = ("unit", "official", "kind", "valid_from", "valid_to")
    list_filter = ("kind",)
    search_fields = ("unit__name", "official__full_name")
