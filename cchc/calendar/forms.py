from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy, gettext_noop

from cchc.calendar.models import CalendarEntry, EntryKind
from cchc.core.widgets import PageLanguageSelect


class EntryForm(forms.ModelForm[CalendarEntry]):
    """Fields only; validation and the save go through ``actions`` (which the view calls)."""

    class Meta:
        model = CalendarEntry
        fields = ["date", "kind", "name", "legal_reference", "note", "is_provisional"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "kind": PageLanguageSelect,
            # Names, legal references and notes are Vietnamese data, also on an English page.
            "name": forms.TextInput(attrs={"lang": "vi"}),
            "legal_reference": forms.TextInput(attrs={"lang": "vi"}),
            "note": forms.Textarea(attrs={"rows": 2, "lang": "vi"}),
        }
        error_messages = {
            "date": {
                "required": gettext_lazy("Vui lòng nhập ngày"),
                "invalid": gettext_lazy("Ngày không hợp lệ"),
            },
            "kind": {"required": gettext_lazy("Vui lòng chọn loại ngày")},
            "name": {"required": gettext_lazy("Vui lòng nhập tên gọi của ngày (ví dụ: Nghỉ bù Quốc khánh)")},
            "legal_reference": {
                "required": gettext_lazy(
                    "Vui lòng nhập căn cứ pháp lý: số, ký hiệu và ngày của văn bản quy định ngày này"
                )
            },
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name, field in self.fields.items():
            css = "form-check-input" if isinstance(field.widget, forms.CheckboxInput) else "form-control"
            if isinstance(field.widget, forms.Select):
                css = "form-select"
            field.widget.attrs.setdefault("class", css)
            if name in self.errors:
                field.widget.attrs["class"] += " is-invalid"
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, forms.ChoiceField)
        kind_field.choices = [("", gettext_noop("— Chọn loại ngày —")), *EntryKind.choices]
        date_field = self.fields["date"]
        assert isinstance(date_field, forms.DateField)
        date_field.input_formats = ["%Y-%m-%d", "%d/%m/%Y"]

    def validate_unique(self) -> None:
        # Uniqueness per calendar is checked (with a Vietnamese message) by actions.add_entry.
        pass
