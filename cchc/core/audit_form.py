"""The filters of the change log (/nhat-ky/): kind of action (grouped by area), period, person, words.

Every value is checked here: a date that cannot be, a period upside down, a kind of action nobody
declares or a NUL byte is a Vietnamese message under the field it concerns, never a database error."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cchc.core.events import verb_groups
from cchc.core.invalid_fields import MarksInvalidFields

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def text_lang(text: Any) -> str:
    """The ``lang`` a lazily translated text is shown in: ``vi`` while the catalogue of the page's
    language has no words for it yet (an English page marks what it shows untranslated)."""
    shown = str(text)
    with translation.override("vi"):
        source = str(text)
    return "vi" if shown == source else (translation.get_language() or "vi")


class Worded(NamedTuple):
    """A sentence of the page with the ``lang`` it is shown in."""

    text: str
    lang: str


def worded(text: Any, **values: Any) -> Worded:
    return Worded(str(text) % values if values else str(text), text_lang(text))


class _KindSelect(forms.Select):
    """The kinds of action, each option marked ``lang="vi"`` while its words have no translation."""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        if option["value"]:
            option["attrs"]["lang"] = text_lang(option["label"])
        return option


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__({"class": "form-control"}, format="%Y-%m-%d")


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        widget=_DateInput(),
        error_messages={"invalid": _("Không phải một ngày có thật; nhập theo dạng ngày/tháng/năm.")},
    )


class AuditFilterForm(MarksInvalidFields):
    q = forms.CharField(
        label=_("Nội dung"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            {
                "class": "form-control",
                "placeholder": _("Tìm theo nội dung hoặc người thực hiện"),
                "type": "search",
            }
        ),
    )
    hanh_dong = forms.ChoiceField(
        label=_("Loại thao tác"),
        required=False,
        widget=_KindSelect({"class": "form-select"}),
        error_messages={"invalid_choice": _("Không có loại thao tác này; chọn trong danh sách.")},
    )
    nguoi = forms.CharField(
        label=_("Người thực hiện"),
        required=False,
        max_length=120,
        widget=forms.TextInput({"class": "form-control"}),
    )
    tu_ngay = _date_field(_("Từ ngày"))
    den_ngay = _date_field(_("Đến ngày"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[Any] = [("", _("Tất cả"))]
        choices += [(area, verbs) for area, verbs in verb_groups()]
        self.fields["hanh_dong"].choices = choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("tu_ngay"), data.get("den_ngay")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and start > end:
            self.add_error("den_ngay", _("«Đến ngày» phải sau hoặc bằng «Từ ngày»."))
        for name in ("q", "nguoi"):
            data[name] = " ".join(str(data.get(name) or "").split())
        return data

    def verb_text(self) -> str:
        """The label of the chosen kind of action (the export's heading says which rows it holds)."""
        chosen = self.cleaned_data.get("hanh_dong") if self.is_valid() else ""
        for _area, verbs in verb_groups():
            for value, label in verbs:
                if value == chosen:
                    return str(label)
        return ""
