from __future__ import annotations

from django import forms

from cchc.calendar.models import CalendarEntry, EntryKind


class EntryForm(forms.ModelForm[CalendarEntry]):
    """Fields only; validation and the save go through ``actions`` (which the view calls)."""

    class Meta:
        model = CalendarEntry
        fields = ["date", "kind", "name", "legal_reference", "note", "is_provisional"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "date": {"required": "Vui lòng nhập ngày", "invalid": "Ngày không hợp lệ"},
            "kind": {"required": "Vui lòng chọn loại ngày"},
            "name": {"required": "Vui lòng nhập tên gọi của ngày (ví dụ: Nghỉ bù Quốc khánh)"},
            "legal_reference": {
                "required": "Vui lòng nhập căn cứ pháp lý: số, ký hiệu và ngày của văn bản quy định ngày này"
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
        kind_field.choices = [("", "— Chọn loại ngày —"), *EntryKind.choices]
        date_field = self.fields["date"]
        assert isinstance(date_field, forms.DateField)
        date_field.input_formats = ["%Y-%m-%d", "%d/%m/%Y"]

    def validate_unique(self) -> None:
        # Uniqueness per calendar is checked (with a Vietnamese message) by actions.add_entry.
        pass
