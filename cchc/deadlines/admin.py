from django.contrib import admin

from cchc.deadlines.models import Deadline, DeadlineExtension, DeadlinePause, ReminderSent


class PauseInline(admin.TabularInline):
    model = DeadlinePause
    extra = 0


class ExtensionInline(admin.TabularInline):
    model = DeadlineExtension
    extra = 0


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ("title", "unit", "original_due", "due", "reported_on", "done_on")
    list_filter = ("unit",)
    search_fields = ("title",)
    inlines = [PauseInline, ExtensionInline]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ("deadline", "step_key", "due", "audience", "sent_at")
