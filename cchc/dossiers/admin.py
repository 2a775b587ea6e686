"""The dossier ledger in the admin, read-only.

Dossiers change through imports, the push API and the dossier screens (the ``actions``
package), which keep the audit trail and the daily facts; an edit here would bypass
both. Applicants' personal data is left out entirely: the admin is no back door around the masking
rules of ``cchc.dossiers.queries``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from cchc.dossiers.models import (
    ApiClient,
    Apology,
    DailyFact,
    Dossier,
    DossierEvent,
    DossierStep,
    ImportBatch,
    LateList,
    Procedure,
    Supplement,
    UnitDailyFact,
)

PERSONAL_FIELDS = (
    "applicant_name",
    "applicant_id_number",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
)


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    pass


class StepInline(ReadOnlyMixin, admin.TabularInline):
    model = DossierStep
    extra = 0
    fields = (
        "seq",
        "unit",
        "unit_name",
        "official",
        "official_name",
        "started_at",
        "finished_at",
        "deadline_at",
    )


class SupplementInline(ReadOnlyMixin, admin.TabularInline):
    model = Supplement
    extra = 0


class ApologyInline(ReadOnlyMixin, admin.TabularInline):
    model = Apology
    extra = 0
    fields = ("form", "number", "issued_at", "responsible_unit_name", "new_appointment_at")


@admin.register(Procedure)
class ProcedureAdmin(ReadOnlyAdmin):
    list_display = ("national_code", "name", "field_name", "level", "limit_value", "limit_unit", "is_active")
    list_filter = ("level", "limit_unit", "inter_agency", "is_active")
    search_fields = ("national_code", "name")


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdmin):
    list_display = (
        "code",
        "procedure",
        "handling_unit",
        "status",
        "received_at",
        "appointment_at",
        "outcome",
    )
    list_filter = ("status", "outcome", "channel", "legal_basis")
    search_fields = ("code",)  # never by name or phone: see the module docstring
    exclude = PERSONAL_FIELDS
    inlines = (StepInline, SupplementInline, ApologyInline)
    list_select_related = ("procedure", "handling_unit")
    show_full_result_count = False  # a count over millions of rows on every page is not worth it


@admin.register(DossierEvent)
class DossierEventAdmin(ReadOnlyAdmin):
    list_display = ("dossier", "at", "actor_name", "kind")
    list_filter = ("kind",)
    search_fields = ("dossier__code",)
    show_full_result_count = False


@admin.register(DailyFact)
class DailyFactAdmin(ReadOnlyAdmin):
    list_display = (
        "day",
        "unit",
        "procedure",
        "received",
        "finished_early",
        "finished_on_time",
        "finished_late",
    )
    list_filter = ("unit",)
    date_hierarchy = "day"
    show_full_result_count = False


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ("file_name", "created_at", "submitted_by", "status", "total_rows", "rejected_count")
    list_filter = ("status",)


@admin.register(ApiClient)
class ApiClientAdmin(ReadOnlyAdmin):
    list_display = ("name", "jurisdiction", "token_prefix", "created_at", "last_used_at", "revoked_at")
    exclude = ("token_hash",)


@admin.register(LateList)
class LateListAdmin(ReadOnlyAdmin):
    list_display = ("month", "jurisdiction", "status", "drafted_at", "approved_at", "published_at")
    list_filter = ("status",)


@admin.register(UnitDailyFact)
class UnitDailyFactAdmin(ReadOnlyAdmin):
    list_display = ("day", "unit", "received", "finished_early", "finished_on_time", "finished_late")
    list_filter = ("unit",)
    date_hierarchy = "day"
