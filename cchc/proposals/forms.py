"""Forms of the proposal screens. The rules live in ``actions``; these only read and type the input."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from cchc.core.widgets import PageLanguageSelect
from cchc.directives.models import Directive
from cchc.dossiers.models import Procedure
from cchc.org.models import Unit
from cchc.proposals.models import Conclusion, Kind, Opinion

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, forms.RadioSelect):
            continue
        if isinstance(field.widget, forms.Textarea):
            # What is written here (a proposal's content, its legal basis, an opinion) is Vietnamese data
            # whatever the page's language.
            field.widget.attrs["lang"] = "vi"
        is_select = isinstance(field.widget, forms.Select)
        if type(field.widget) is forms.Select:
            # Options in the page's language (choice labels translated, records marked Vietnamese).
            field.widget.__class__ = PageLanguageSelect
        field.widget.attrs.setdefault("class", "form-select" if is_select else "form-control")


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại đề xuất"), choices=Kind.choices)
    title = forms.CharField(label=gettext_lazy("Tên đề xuất"), max_length=300)
    content = forms.CharField(
        label=gettext_lazy("Nội dung đề xuất"), widget=forms.Textarea(attrs={"rows": 4})
    )
    procedure = forms.ModelChoiceField(
        Procedure.objects.filter(is_active=True), label=gettext_lazy("Thủ tục hành chính"), required=False
    )
    power = forms.CharField(label=gettext_lazy("Thẩm quyền, nhiệm vụ"), max_length=500, required=False)
    proposing_unit = forms.ModelChoiceField(Unit.objects.none(), label=gettext_lazy("Đơn vị đề xuất"))
    from_unit = forms.ModelChoiceField(
        Unit.objects.none(), label=gettext_lazy("Từ cơ quan (đang có thẩm quyền)"), required=False
    )
    to_unit = forms.ModelChoiceField(
        Unit.objects.none(), label=gettext_lazy("Sang cơ quan (nhận phân cấp, ủy quyền)"), required=False
    )
    days_saved = forms.DecimalField(
        label=gettext_lazy("Thời gian tiết kiệm dự kiến (ngày làm việc)"),
        required=False,
        max_digits=6,
        decimal_places=1,
    )
    cost_saved = forms.IntegerField(
        label=gettext_lazy("Chi phí tiết kiệm dự kiến (đồng/năm)"), required=False, min_value=0
    )
    legal_basis = forms.CharField(
        label=gettext_lazy("Căn cứ pháp lý"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, units: Any, area_units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposing_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["from_unit"].queryset = area_units  # type: ignore[attr-defined]
        self.fields["to_unit"].queryset = area_units  # type: ignore[attr-defined]
        _style(self)


class ReviewForm(forms.Form):
    opinion = forms.ChoiceField(
        label=gettext_lazy("Ý kiến thẩm định"),
        choices=[*Opinion.choices, ("return", gettext_lazy("Trả lại đơn vị để bổ sung"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=gettext_lazy("Nội dung thẩm định"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Quyết định"),
        choices=[("approve", gettext_lazy("Chấp thuận")), ("reject", gettext_lazy("Không chấp thuận"))],
        widget=forms.RadioSelect,
    )
    decision_number = forms.CharField(label=gettext_lazy("Số văn bản quyết định"), max_length=60)
    note = forms.CharField(
        label=gettext_lazy("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    directive = forms.ModelChoiceField(
        Directive.objects.none(), label=gettext_lazy("Giao nhiệm vụ theo văn bản"), required=False
    )
    due = forms.DateField(
        label=gettext_lazy("Hạn hoàn thành nhiệm vụ triển khai"), required=False, widget=DATE
    )
    lead_unit = forms.ModelChoiceField(
        Unit.objects.none(), label=gettext_lazy("Đơn vị chủ trì triển khai"), required=False
    )

    def __init__(self, *args: Any, directives: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["directive"].queryset = directives  # type: ignore[attr-defined]
        self.fields["lead_unit"].queryset = units  # type: ignore[attr-defined]
        _style(self)


class ReviewLineForm(forms.Form):
    procedure = forms.ModelChoiceField(Procedure.objects.all(), label=gettext_lazy("Thủ tục hành chính"))
    unit = forms.ModelChoiceField(Unit.objects.none(), label=gettext_lazy("Đơn vị rà soát"))
    reviewed_on = forms.DateField(label=gettext_lazy("Ngày rà soát"), widget=DATE, initial=dt.date.today)
    conclusion = forms.ChoiceField(label=gettext_lazy("Kết quả rà soát"), choices=Conclusion.choices)
    note = forms.CharField(
        label=gettext_lazy("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        _style(self)
