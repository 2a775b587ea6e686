"""Forms of the unit-website screens. The rules live in ``actions`` and ``origins``; these only read and
type the input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from cchc.core.widgets import QuickSelect
from cchc.unitsite.models import DocumentKind, UnitDocument, Validity

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
VIETNAMESE = forms.TextInput(attrs={"lang": "vi"})  # what is typed is Vietnamese data, whatever the page


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Loại văn bản"), choices=DocumentKind.choices, widget=QuickSelect
    )
    number = forms.CharField(
        label=gettext_lazy("Số, ký hiệu"),
        max_length=60,
        help_text=gettext_lazy("Ví dụ: 12/QĐ-UBND"),
        widget=VIETNAMESE,
    )
    issued_on = forms.DateField(label=gettext_lazy("Ngày ban hành"), widget=DATE)
    subject = forms.CharField(
        label=gettext_lazy("Trích yếu"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "vi"}),
    )
    issuer = forms.CharField(label=gettext_lazy("Cơ quan ban hành"), max_length=255, widget=VIETNAMESE)
    validity = forms.ChoiceField(
        label=gettext_lazy("Hiệu lực"),
        choices=Validity.choices,
        initial=Validity.IN_FORCE,
        widget=QuickSelect,
    )
    replaced_by = forms.ModelChoiceField(
        UnitDocument.objects.none(),
        label=gettext_lazy("Được thay thế bởi (khi đã được thay thế)"),
        required=False,
        empty_label=gettext_lazy("— Không —"),
        widget=QuickSelect,  # the documents are data (lang="vi"), the kinds and validities translated
    )
    file = forms.FileField(label=gettext_lazy("Tệp văn bản (PDF hoặc Word .docx, tối đa 20 MB)"))

    def __init__(self, *args: Any, documents: Any = None, file_required: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = self.fields["replaced_by"]
        choices.queryset = documents if documents is not None else UnitDocument.objects.none()  # type: ignore[attr-defined]
        self.fields["file"].required = file_required
        if not file_required:
            self.fields["file"].label = gettext_lazy("Thay tệp văn bản (để trống nếu giữ tệp cũ)")
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            )


class OriginForm(forms.Form):
    origin = forms.CharField(
        label=gettext_lazy("Địa chỉ trang web của đơn vị"),
        max_length=2000,  # the length rule and its message are ``origins.normalise_origin``'s
        error_messages={
            "required": gettext_lazy(
                "Địa chỉ trang web: cần nhập địa chỉ, ví dụ https://phuong1.vungtau.gov.vn."
            )
        },
        help_text=gettext_lazy("Ví dụ: https://phuong1.vungtau.gov.vn — chỉ tên miền, chạy https."),
    )
    origin.widget.attrs.update({"class": "form-control", "inputmode": "url", "autocomplete": "url"})
