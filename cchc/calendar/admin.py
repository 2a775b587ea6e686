"""The calendar in the Vietnamese admin. Entries are saved through ``actions`` so every change made
here leaves the same audit event as one made on /lich/."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.options import ActionLocation
from django.http import HttpRequest

from cchc.calendar import actions
from cchc.calendar.audit_events import CalendarEvents
from cchc.calendar.models import Calendar, CalendarEntry
from cchc.core.events import record

ENTRY_FORM_FIELDS = ("date", "kind", "name", "legal_reference", "source", "note", "is_provisional")


@admin.register(Calendar)
class CalendarAdmin(admin.ModelAdmin[Calendar]):
    list_display = ("jurisdiction", "weekly_rest", "morning_start", "afternoon_end", "cutoff", "changed_at")
    search_fields = ("jurisdiction__name", "jurisdiction__code")
    readonly_fields = ("changed_at",)

    def save_model(self, request: HttpRequest, obj: Calendar, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        record(
            request.user,
            CalendarEvents.CHANGED if change else CalendarEvents.CREATED,
            obj,
            summary=f"{'Sửa' if change else 'Tạo'} lịch làm việc {obj.jurisdiction.name} (trang quản trị)",
            data={"fields": list(form.changed_data)},
        )


@admin.register(CalendarEntry)
class CalendarEntryAdmin(admin.ModelAdmin[CalendarEntry]):
    list_display = ("date", "kind", "name", "legal_reference", "calendar", "is_provisional")
    list_filter = ("kind", "is_provisional", "calendar")
    date_hierarchy = "date"
    search_fields = ("name", "legal_reference", "note")
    fields = ("calendar", *ENTRY_FORM_FIELDS)
    actions = ["delete_through_actions"]

    def save_model(self, request: HttpRequest, obj: CalendarEntry, form: Any, change: bool) -> None:
        values = {name: form.cleaned_data.get(name) for name in ENTRY_FORM_FIELDS}
        if change:
            fresh = CalendarEntry.objects.get(pk=obj.pk)
            saved = actions.update_entry(fresh, request.user, **values)
        else:
            saved = actions.add_entry(obj.calendar, request.user, **values)
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: CalendarEntry) -> None:
        actions.delete_entry(obj, request.user)

    def get_actions(
        self, request: HttpRequest, action_location: ActionLocation = ActionLocation.CHANGE_LIST
    ) -> Any:
        found = super().get_actions(request, action_location)
        found.pop("delete_selected", None)  # the bulk delete would skip the audit trail
        return found

    @admin.action(description="Xoá các ngày đã chọn (ghi nhật ký)")
    def delete_through_actions(self, request: HttpRequest, queryset: Any) -> None:
        for entry in queryset.select_related("calendar__jurisdiction"):
            actions.delete_entry(entry, request.user)
