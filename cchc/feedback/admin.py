"""Petition categories (the catalogue of fields, also the Open311 services) are kept in the admin;
every save leaves an audit event. Petitions themselves are not in the admin: they change only through
the staff screens' actions, and the admin would be a back door around the masking of personal data."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from cchc.core.events import record
from cchc.feedback.audit_events import FeedbackEvents
from cchc.feedback.models import ApiKey, Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin[Category]):
    list_display = ("code", "name", "group", "route_to_ward", "unit", "is_active", "order", "jurisdiction")
    list_filter = ("is_active", "route_to_ward", "jurisdiction")
    search_fields = ("code", "name", "keywords")
    autocomplete_fields = ("unit",)

    def save_model(self, request: HttpRequest, obj: Category, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        record(
            request.user,
            FeedbackEvents.CATEGORY_CHANGED if change else FeedbackEvents.CATEGORY_CREATED,
            obj,
            summary=f"{'Sửa' if change else 'Thêm'} lĩnh vực phản ánh «{obj.name}» (trang quản trị)",
            data={"fields": list(form.changed_data)},
        )

    def delete_model(self, request: HttpRequest, obj: Category) -> None:
        record(
            request.user, FeedbackEvents.CATEGORY_DELETED, obj, summary=f"Xoá lĩnh vực phản ánh «{obj.name}»"
        )
        super().delete_model(request, obj)


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin[ApiKey]):
    """Read-only: keys are issued and revoked on /phan-anh/khoa-open311/ or with ``cchc open311-key``."""

    list_display = ("name", "prefix", "jurisdiction", "created_at", "last_used_at", "revoked_at")
    readonly_fields = (
        "name",
        "prefix",
        "jurisdiction",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    )
    exclude = ("key_hash",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
