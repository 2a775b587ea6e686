from django.contrib import admin

from cchc.notify.models import Consent, Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "channel", "recipient", "subject", "status", "attempts")
    list_filter = ("channel", "status")
    search_fields = ("recipient", "subject", "dedupe_key")
    readonly_fields = [f.name for f in Notification._meta.fields]


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    """Read-only: consents are given and withdrawn through the desk page and the public look-up page."""

    list_display = ("given_at", "object_key", "channel", "given_where", "withdrawn_at")
    list_filter = ("channel", "given_where")
    search_fields = ("object_key",)
    readonly_fields = [f.name for f in Consent._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False
