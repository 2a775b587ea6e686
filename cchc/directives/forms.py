"""Forms of the directive and task screens. They collect input; ``actions`` validate and write.

Unit and official choices are built from the scope of the person and the directive's jurisdiction, so
a forged id fails the choice validation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy

from cchc.directives.models import Direction, DirectiveLink, DocType, Recurrence
from cchc.directives.proposal import GROUP_CHOICES
from cchc.org.forms import BootstrapForm, UnitChoiceField, UnitMultipleChoiceField, date_field
from cchc.org.models import Official, Unit

AUTHORITIES = [("", "—"), ("TM.", "TM."), ("KT.", "KT."), ("TL.", "TL."), ("TUQ.", "TUQ."), ("Q.", "Q.")]
FILE_ACCEPT = ".txt,.docx,.pdf"


def _lines(text: str) -> list[str]:
    return [line.strip(" -;") for line in (text or "").splitlines() if line.strip(" -;")]


class DirectiveForm(BootstrapForm):
    direction = forms.ChoiceField(label=gettext_lazy("Văn bản đến / đi"), choices=Direction.choices)
    doc_type = forms.ChoiceField(
        label=gettext_lazy("Loại văn bản"), choices=[("", gettext_lazy("— chọn —")), *DocType.choices]
    )
    number = forms.CharField(label=gettext_lazy("Số"), max_length=20)
    symbol = forms.CharField(
        label=gettext_lazy("Ký hiệu"), max_length=80, help_text=gettext_lazy("Ví dụ: UBND-NV")
    )
    date = date_field(gettext_lazy("Ngày ban hành"))
    place = forms.CharField(label=gettext_lazy("Địa danh"), max_length=120, required=False)
    issuer = forms.CharField(label=gettext_lazy("Cơ quan ban hành"), max_length=255)
    parent_issuer = forms.CharField(
        label=gettext_lazy("Cơ quan chủ quản (cấp trên trực tiếp)"), max_length=255, required=False
    )
    subject = forms.CharField(
        label=gettext_lazy("Trích yếu"), widget=forms.Textarea(attrs={"rows": 2, "lang": "vi"})
    )
    signer_authority = forms.ChoiceField(
        label=gettext_lazy("Thẩm quyền ký"), choices=AUTHORITIES, required=False
    )
    signer_position = forms.CharField(label=gettext_lazy("Chức vụ người ký"), max_length=200, required=False)
    signer_name = forms.CharField(label=gettext_lazy("Người ký"), max_length=200, required=False)
    recipients = forms.CharField(
        label=gettext_lazy("Kính gửi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "vi"}),
        help_text=gettext_lazy("Mỗi dòng một nơi."),
    )
    cc = forms.CharField(
        label=gettext_lazy("Nơi nhận"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "vi"}),
        help_text=gettext_lazy("Mỗi dòng một nơi."),
    )

    def clean_number(self) -> str:
        return str(self.cleaned_data["number"]).strip()

    def clean_symbol(self) -> str:
        return str(self.cleaned_data["symbol"]).strip().replace(" ", "")

    def directive_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["recipients"] = _lines(data.get("recipients", ""))
        data["cc"] = _lines(data.get("cc", ""))
        return {k: data[k] for k in self.base_fields if k in data}

    @staticmethod
    def initial_from(directive: Any) -> dict[str, Any]:
        out = {name: getattr(directive, name) for name in DirectiveForm.base_fields}
        out["recipients"] = "\n".join(directive.recipients or [])
        out["cc"] = "\n".join(directive.cc or [])
        return out


class ReviewForm(DirectiveForm):
    assigner_unit = UnitChoiceField(
        label=gettext_lazy("Đơn vị giao, theo dõi và xác nhận hoàn thành"),
        queryset=Unit.objects.none(),
        help_text=gettext_lazy("Thường là Văn phòng HĐND và UBND."),
    )
    default_due = date_field(
        gettext_lazy("Hạn chung cho các nhiệm vụ chưa có hạn"),
        required=False,
        help_text=gettext_lazy("Để trống nếu các nhiệm vụ đó không có thời hạn."),
    )

    def __init__(self, *args: Any, assigners: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("assigner_unit", assigners if assigners is not None else Unit.objects.none())


class UnitsField(UnitMultipleChoiceField):
    widget = forms.SelectMultiple(attrs={"size": 5})


class TaskRowForm(BootstrapForm):
    remove = forms.BooleanField(label=gettext_lazy("Bỏ dòng này"), required=False)
    section = forms.CharField(label=gettext_lazy("Mục"), max_length=20, required=False)
    text = forms.CharField(
        label=gettext_lazy("Nội dung nhiệm vụ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "vi"}),
    )
    lead_groups = forms.MultipleChoiceField(
        label=gettext_lazy("Giao cả nhóm"),
        choices=GROUP_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    lead_units = UnitsField(
        label=gettext_lazy("Đơn vị chủ trì"), queryset=Unit.objects.none(), required=False
    )
    coord_groups = forms.MultipleChoiceField(
        label=gettext_lazy("Phối hợp cả nhóm"),
        choices=GROUP_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    coord_units = UnitsField(
        label=gettext_lazy("Đơn vị phối hợp"), queryset=Unit.objects.none(), required=False
    )
    due = date_field(gettext_lazy("Hạn hoàn thành (định kỳ: lặp đến ngày)"), required=False)
    recurrence = forms.ChoiceField(label=gettext_lazy("Định kỳ"), choices=Recurrence.choices, required=False)
    deadline_text = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)
    lead_unmatched = forms.CharField(required=False, widget=forms.HiddenInput)
    coord_unmatched = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, units: Any = None, group_sizes: dict[str, int] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        qs = units if units is not None else Unit.objects.none()
        self._choices("lead_units", qs)
        self._choices("coord_units", qs)
        for name in ("lead_groups", "coord_groups"):
            field = self.fields[name]
            assert isinstance(field, forms.MultipleChoiceField)
            field.widget.attrs["class"] = "form-check-input"
            if group_sizes is not None:
                field.choices = [
                    (
                        k,
                        gettext("%(group)s (%(count)s đơn vị)")
                        % {"group": gettext(text), "count": group_sizes.get(k, 0)},
                    )
                    for k, text in GROUP_CHOICES
                ]

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return (
            not (data.get("text") or "").strip()
            and not data.get("lead_units")
            and not data.get("lead_groups")
        )

    def unmatched(self, key: str) -> list[str]:
        value = self[key].value() or ""
        return [x for x in str(value).split("; ") if x]


TaskRowFormSet = forms.formset_factory(TaskRowForm, extra=0)


class LinkRowForm(BootstrapForm):
    remove = forms.BooleanField(label=gettext_lazy("Bỏ"), required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Quan hệ"), choices=DirectiveLink.Kind.choices)
    reference = forms.CharField(label=gettext_lazy("Số, ký hiệu"), max_length=120, required=False)
    cited_date = date_field(gettext_lazy("Ngày"), required=False)
    doc_type = forms.CharField(label=gettext_lazy("Loại"), max_length=60, required=False)
    issuer = forms.CharField(label=gettext_lazy("Cơ quan ban hành"), max_length=255, required=False)
    description = forms.CharField(label=gettext_lazy("Trích dẫn"), max_length=500, required=False)


LinkRowFormSet = forms.formset_factory(LinkRowForm, extra=0)


class UploadForm(BootstrapForm):
    file = forms.FileField(
        label=gettext_lazy("Tệp văn bản (.txt, .docx hoặc .pdf có lớp chữ)"),
        widget=forms.ClearableFileInput(attrs={"accept": FILE_ACCEPT}),
    )


class FileForm(UploadForm):
    pass


class LinkForm(BootstrapForm):
    kind = forms.ChoiceField(label=gettext_lazy("Quan hệ"), choices=DirectiveLink.Kind.choices)
    reference = forms.CharField(
        label=gettext_lazy("Số, ký hiệu"), max_length=120, help_text=gettext_lazy("Ví dụ: 4861/UBND-NV")
    )
    cited_date = date_field(gettext_lazy("Ngày ban hành"), required=False)
    doc_type = forms.CharField(label=gettext_lazy("Loại văn bản"), max_length=60, required=False)
    issuer = forms.CharField(label=gettext_lazy("Cơ quan ban hành"), max_length=255, required=False)
    description = forms.CharField(label=gettext_lazy("Ghi chú"), max_length=500, required=False)


class NewTaskForm(BootstrapForm):
    section = forms.CharField(label=gettext_lazy("Mục"), max_length=20, required=False)
    text = forms.CharField(
        label=gettext_lazy("Nội dung nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 3, "lang": "vi"})
    )
    lead_groups = forms.MultipleChoiceField(
        label=gettext_lazy("Giao cả nhóm (mỗi đơn vị một nhiệm vụ)"),
        choices=GROUP_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    lead_units = UnitsField(
        label=gettext_lazy("Đơn vị chủ trì"), queryset=Unit.objects.none(), required=False
    )
    coord_units = UnitsField(
        label=gettext_lazy("Đơn vị phối hợp"), queryset=Unit.objects.none(), required=False
    )
    assigner_unit = UnitChoiceField(label=gettext_lazy("Đơn vị giao, xác nhận"), queryset=Unit.objects.none())
    due = date_field(gettext_lazy("Hạn hoàn thành (định kỳ: lặp đến ngày)"), required=False)
    recurrence = forms.ChoiceField(label=gettext_lazy("Định kỳ"), choices=Recurrence.choices, required=False)

    def __init__(self, *args: Any, units: Any = None, assigners: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("lead_units", units if units is not None else Unit.objects.none())
        self._choices("coord_units", units if units is not None else Unit.objects.none())
        self._choices("assigner_unit", assigners if assigners is not None else Unit.objects.none())
        self.fields["lead_groups"].widget.attrs["class"] = "form-check-input"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("lead_units") and not data.get("lead_groups"):
            raise ValidationError(gettext("Chưa chọn đơn vị chủ trì."))
        return data


class ProgressForm(BootstrapForm):
    percent = forms.IntegerField(label=gettext_lazy("Tiến độ (%)"), min_value=0, max_value=100)
    note = forms.CharField(label=gettext_lazy("Nội dung báo cáo"), widget=forms.Textarea(attrs={"rows": 3}))
    attachment = forms.FileField(label=gettext_lazy("Tệp đính kèm"), required=False)


class CompletionForm(BootstrapForm):
    note = forms.CharField(label=gettext_lazy("Kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 3}))
    attachment = forms.FileField(
        label=gettext_lazy("Tệp đính kèm (văn bản, báo cáo kết quả)"), required=False
    )


class ConfirmForm(BootstrapForm):
    note = forms.CharField(label=gettext_lazy("Ý kiến"), required=False, max_length=300)


class SendBackForm(BootstrapForm):
    note = forms.CharField(label=gettext_lazy("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionRequestForm(BootstrapForm):
    proposed_due = date_field(gettext_lazy("Đề nghị gia hạn đến ngày"))
    reason = forms.CharField(label=gettext_lazy("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionDecisionForm(BootstrapForm):
    decision = forms.ChoiceField(
        label=gettext_lazy("Quyết định"),
        choices=[("approve", gettext_lazy("Đồng ý gia hạn")), ("refuse", gettext_lazy("Không đồng ý"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].widget.attrs["class"] = "form-check-input"


class OfficerForm(BootstrapForm):
    officer = forms.ModelChoiceField(
        label=gettext_lazy("Cán bộ theo dõi"),
        queryset=Official.objects.none(),
        required=False,
        empty_label=gettext_lazy("— chưa phân công —"),
    )

    def __init__(self, *args: Any, officials: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("officer", officials if officials is not None else Official.objects.none())


class DeleteTaskForm(BootstrapForm):
    reason = forms.CharField(label=gettext_lazy("Lý do xóa (giao nhầm)"), max_length=300)


class CancelTaskForm(BootstrapForm):
    reason = forms.CharField(label=gettext_lazy("Lý do hủy"), max_length=300)


class ReportForm(BootstrapForm):
    first = date_field(gettext_lazy("Từ ngày"))
    last = date_field(gettext_lazy("Đến ngày"))
    number = forms.CharField(label=gettext_lazy("Số báo cáo"), max_length=20, required=False)
    symbol = forms.CharField(label=gettext_lazy("Ký hiệu"), max_length=40, required=False, initial="BC-VP")
    addressee = forms.CharField(
        label=gettext_lazy("Kính gửi"), max_length=200, initial="Chủ tịch UBND thành phố"
    )
    signer_authority = forms.ChoiceField(
        label=gettext_lazy("Thẩm quyền ký"), choices=AUTHORITIES, required=False
    )
    signer_for = forms.CharField(
        label=gettext_lazy("Ký thay / thừa lệnh (chức vụ người đứng đầu)"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Khi ký KT., TL., TUQ.: ví dụ Chánh Văn phòng."),
    )
    signer_position = forms.CharField(
        label=gettext_lazy("Chức vụ người ký"), max_length=200, initial="Chánh Văn phòng"
    )
    signer_name = forms.CharField(label=gettext_lazy("Người ký"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first"), data.get("last")
        if isinstance(first, dt.date) and isinstance(last, dt.date) and last < first:
            self.add_error("last", gettext("Ngày cuối kỳ phải sau ngày đầu kỳ."))
        return data
