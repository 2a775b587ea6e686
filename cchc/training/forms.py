"""Forms of the training screens. The rules live in ``actions``; these only read and type the input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from cchc.core.widgets import PageLanguageSelect
from cchc.org.models import Official, Unit
from cchc.training.models import Attendance, Result, Topic

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CourseForm(forms.Form):
    topic = forms.ModelChoiceField(
        Topic.objects.filter(is_active=True), label=gettext_lazy("Chủ đề"), widget=PageLanguageSelect
    )
    title = forms.CharField(label=gettext_lazy("Tên khóa bồi dưỡng"), max_length=300)
    audience = forms.CharField(label=gettext_lazy("Đối tượng tham gia"), max_length=300)
    organiser = forms.ModelChoiceField(
        Unit.objects.none(), label=gettext_lazy("Đơn vị tổ chức"), widget=PageLanguageSelect
    )
    trainer = forms.CharField(label=gettext_lazy("Giảng viên, báo cáo viên"), max_length=300)
    start_date = forms.DateField(label=gettext_lazy("Từ ngày"), widget=DATE)
    end_date = forms.DateField(label=gettext_lazy("Đến ngày"), widget=DATE)
    description = forms.CharField(
        label=gettext_lazy("Nội dung, chương trình"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "vi"}),
    )

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = units if units is not None else Unit.objects.none()  # type: ignore[attr-defined]
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field, forms.ModelChoiceField) else "form-control"
            )


class MaterialForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp tài liệu (PDF, Word, PowerPoint, Excel)"))
    file.widget.attrs["class"] = "form-control"


class ClassForm(forms.Form):
    # The default name is Vietnamese data (the class is named in Vietnamese whatever the page's language).
    name = forms.CharField(
        label=gettext_lazy("Tên lớp"),
        max_length=200,
        initial="Lớp 1",
        widget=forms.TextInput(attrs={"lang": "vi"}),
    )
    start_date = forms.DateField(label=gettext_lazy("Ngày học"), widget=DATE)
    end_date = forms.DateField(label=gettext_lazy("Ngày kết thúc"), widget=DATE)
    place = forms.CharField(label=gettext_lazy("Địa điểm"), max_length=300)
    capacity = forms.IntegerField(
        label=gettext_lazy("Số học viên tối đa"), required=False, min_value=1, max_value=1000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")


class InviteForm(forms.Form):
    officials = forms.ModelMultipleChoiceField(
        Official.objects.none(), label=gettext_lazy("Cán bộ được mời"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, officials: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officials"].queryset = officials if officials is not None else Official.objects.none()  # type: ignore[attr-defined]


class CancelForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Lý do hủy lớp"), max_length=300)
    reason.widget.attrs["class"] = "form-control"


class NeedForm(forms.Form):
    official = forms.ModelChoiceField(
        Official.objects.none(), label=gettext_lazy("Cán bộ"), widget=PageLanguageSelect
    )
    topic = forms.ModelChoiceField(
        Topic.objects.filter(is_active=True), label=gettext_lazy("Chủ đề"), widget=PageLanguageSelect
    )
    evidence = forms.CharField(label=gettext_lazy("Lý do đề xuất"), max_length=500)

    def __init__(self, *args: Any, officials: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["official"].queryset = officials if officials is not None else Official.objects.none()  # type: ignore[attr-defined]
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field, forms.ModelChoiceField) else "form-control"
            )


class DismissForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Lý do không cần bồi dưỡng"), max_length=300)
    reason.widget.attrs["class"] = "form-control"


ATTENDANCE_CHOICES = [(v, label) for v, label in Attendance.choices if v]
RESULT_CHOICES = list(Result.choices)
