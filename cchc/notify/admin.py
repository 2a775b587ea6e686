from django.contrib import admin

from cchc.notify.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "channel", "recipient", "subject", "status", "attempts")
    list_filter = ("channel", "status")
    search_fields = ("recipient", "subject", "dedupe_key")
    readonly_fields = [f.name for f in Notification._meta.fields]
