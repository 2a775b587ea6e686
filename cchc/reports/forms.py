"""Forms of the report screens. Every message is Vietnamese (translated on an English page) and names its
field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from cchc.core.widgets import PageLanguageSelect
from cchc.reports.models import Kind

BY_CHOICES = [
    ("unit", gettext_noop("Đơn vị")),
    ("field", gettext_noop("Lĩnh vực")),
    ("procedure", gettext_noop("Thủ tục")),
]


def _styled(form: forms.Form) -> None:
    for f in form.fields.values():
        if isinstance(f, forms.ChoiceField):
            f.error_messages["required"] = gettext("Cần chọn «%(label)s».") % {"label": f.label}
            f.error_messages["invalid_choice"] = gettext("Giá trị «%(label)s» không có trong danh sách.") % {
                "label": f.label
            }
        else:
            f.error_messages["required"] = gettext("Cần nhập «%(label)s».") % {"label": f.label}
        if type(f.widget) is forms.Select:
            f.widget.__class__ = PageLanguageSelect  # options in the page's language
        base = "form-select" if isinstance(f.widget, forms.Select) else "form-control"
        f.widget.attrs["class"] = base


class NoNul(forms.Form):
    """Refuses NUL characters in any submitted value (they have no place in a date, a code or a text)."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, field in self.fields.items():
            if "\x00" in str(self.data.get(name, "")):
                raise forms.ValidationError(
                    gettext("«%(label)s» chứa ký tự không hợp lệ.") % {"label": field.label}
                )
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
            self.fields[name].error_messages["invalid"] = gettext(
                "«%(label)s» không phải một ngày có thật (dạng năm-tháng-ngày)."
            ) % {"label": self.fields[name].label}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        a, b = data.get("date_from"), data.get("date_to")
        if a and b and a > b:
            self.add_error("date_to", gettext("«Đến ngày» phải sau hoặc bằng «Từ ngày»."))
        return data


class ResultsForm(PeriodForm):
    by = forms.ChoiceField(label=gettext_lazy("Theo"), choices=BY_CHOICES, required=False)

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
            field.error_messages["invalid"] = gettext("«%(label)s» phải là một số.") % {"label": field.label}
            field.error_messages["min_value"] = gettext("«%(label)s» quá nhỏ.") % {"label": field.label}
            field.error_messages["max_value"] = gettext("«%(label)s» quá lớn.") % {"label": field.label}
