from django.contrib import admin
from django.http import HttpRequest

from cchc.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail is append-only: readable here, never editable, never deletable."""

    list_display = ("at", "actor_name", "verb", "object_type", "object_id", "summary")
    list_filter = ("verb", "object_type")
    search_fields = ("summary", "actor_name", "object_id")
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
