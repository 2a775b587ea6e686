from typing import Any

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


# An admin "add" page takes initial values from its address (``?unit=12``); a related field given a
# value that cannot be a database id (20 digits, letters) made the widget's look-up overflow the
# database's integers: a 500. Such values are dropped, for every model's admin, before the form sees them.
_initial_from_address = admin.ModelAdmin.get_changeform_initial_data


def _plausible_initial(self: admin.ModelAdmin, request: HttpRequest) -> dict[str, Any]:
    from cchc.core.params import id_param

    initial = _initial_from_address(self, request)
    for field in self.model._meta.get_fields():
        name = getattr(field, "name", "")
        if name not in initial or not field.is_relation or not getattr(field, "concrete", False):
            continue
        target = field.related_model._meta.pk if field.related_model is not None else None
        if target is None or target.get_internal_type() not in ("AutoField", "BigAutoField", "IntegerField"):
            continue
        values = initial[name] if isinstance(initial[name], list) else [initial[name]]
        if any(id_param(str(v)) is None for v in values):
            del initial[name]
    return initial


admin.ModelAdmin.get_changeform_initial_data = _plausible_initial  # type: ignore[method-assign]
