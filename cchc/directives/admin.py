from django.contrib import admin

from cchc.directives.models import (
    Directive,
    DirectiveFile,
    DirectiveLink,
    DirectiveUpload,
    ProgressReport,
    Task,
)


class FileInline(admin.TabularInline):
    model = DirectiveFile
    extra = 0


class LinkInline(admin.TabularInline):
    model = DirectiveLink
    fk_name = "source"
    extra = 0


@admin.register(Directive)
class DirectiveAdmin(admin.ModelAdmin):
    list_display = ("__str__", "issuer", "direction", "date")
    list_filter = ("direction", "doc_type")
    search_fields = ("number", "symbol", "subject", "issuer")
    inlines = [FileInline, LinkInline]


class ReportInline(admin.TabularInline):
    model = ProgressReport
    extra = 0


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ("__str__", "directive", "lead_unit", "status", "progress", "period_label")
    list_filter = ("status", "recurrence")
    search_fields = ("text",)
    raw_id_fields = ("parent", "deadline")
    inlines = [ReportInline]


@admin.register(DirectiveUpload)
class DirectiveUploadAdmin(admin.ModelAdmin):
    list_display = ("name", "jurisdiction", "uploaded_by", "created_at", "directive")
