from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cchc.core"
    verbose_name = "Hệ thống"

    def ready(self) -> None:
        from django import forms
        from django.db.models import fields
        from django.utils.translation import gettext_lazy

        from cchc.core import checks  # noqa: F401  (registers the deployment checks)
        from cchc.core.plausible import validate_plausible

        # Every date typed into any form — filters, due dates, the admin — lies in the plausible window
        # (deadlines' width: a form cannot tell a receipt from a deadline). Year 1 typed into a filter
        # used to overflow when turned into an instant. A form that needs older dates (organisation
        # history) replaces the field's validators.
        for field in (forms.DateField, forms.DateTimeField):
            if validate_plausible not in field.default_validators:
                field.default_validators = [*field.default_validators, validate_plausible]
        # The empty choice of every drop-down built from a model field: Django's own label is English
        # ("- Select an option -") and its Vietnamese catalogue has no translation. Django reads this
        # constant when it builds the choices, and documents overriding it from an app's ready().
        fields.BLANK_CHOICE_LABEL = gettext_lazy("— Chọn —")
