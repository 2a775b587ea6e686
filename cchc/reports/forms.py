"""Forms of the report screens. Every message is Vietnamese and names its field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from cchc.reports.models import Kind

BY_CHOICES = [("unit", "Đơn vị"), ("field", "Lĩnh vực"), ("procedure", "Thủ tục")]


def _styled(form: forms.Form) -> None:
    for f in form.fields.values():
        verb = "chọn" if isinstance(f, forms.ChoiceField) else "nhập"
        f.error_messages["required"] = f"Cần {verb} «{f.label}»."
        if isinstance(f, forms.ChoiceField):
            f.error_messages["invalid_choice"] = f"Giá trị «{f.label}» không có trong danh sách."
        base = "form-select" if isinstance(f.widget, forms.Select) else "form-control"
        f.widget.attrs["class"] = base


class NoNul(forms.Form):
    """Refuses NUL characters in any submitted value (they have no place in a date, a code or a text)."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, field in self.fields.items():
            if "\x00" in str(self.data.get(name, "")):
                raise forms.ValidationError(f"«{field.label}» chứa ký tự không hợp lệ.")
        return data


class PeriodForm(NoNul):
    date_from = forms.DateField(
        label=gettext_lazy("Từ ngày"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": gettext_lazy("«Từ ngày» không phải một ngày có thật (dạng năm-tháng-ngày).")
        },
    )
    date_to = forms.DateField(
        label=gettext_lazy("Đến ngày"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": gettext_lazy("«Đến ngày» không phải một ngày có thật (dạng năm-tháng-ngày).")
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)
        for name in ("date_from", "date_to"):
            self.fields[name].error_messages["invalid"] = (
                f"«{self.fields[name].label}» không phải một ngày có thật (dạng năm-tháng-ngày)."
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        a, b = data.get("date_from"), data.get("date_to")
        if a and b and a > b:
            self.add_error("date_to", "«Đến ngày» phải sau hoặc bằng «Từ ngày».")
        return data


class ResultsForm(PeriodForm):
    by = forms.ChoiceField(label="Theo", choices=BY_CHOICES, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)


class SlotForm(NoNul):
    kind = forms.ChoiceField(label=gettext_lazy("Loại báo cáo"), choices=Kind.choices)
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2000, max_value=2100)
    part = forms.IntegerField(
        label=gettext_lazy("Kỳ (quý 1–4, 6 tháng 1–2, năm 1)"), min_value=1, max_value=4
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)
        for f in ("year", "part"):
            field = self.fields[f]
            field.error_messages["invalid"] = f"«{field.label}» phải là một số."
            field.error_messages["min_value"] = f"«{field.label}» quá nhỏ."
            field.error_messages["max_value"] = f"«{field.label}» quá lớn."
