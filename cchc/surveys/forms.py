"""Forms of the survey screens. They collect input; ``actions`` (with ``actions.responses`` and
``actions.paper``) validate and write. Choice lists come from the scoping helpers, so a forged id fails the
choice validation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from cchc.core.widgets import PageLanguageSelect
from cchc.directives.models import Directive
from cchc.lib import questionnaires as qlib
from cchc.org.forms import BootstrapForm, UnitChoiceField, UnitMultipleChoiceField, date_field
from cchc.org.models import Unit
from cchc.surveys.models import (
    Campaign,
    FigureScope,
    QuestionnaireVersion,
    RespondentType,
    VersionStatus,
)
from cchc.surveys.templatetags.surveys_tags import WORDING

# Vietnamese (gettext_noop): the drop-down shows them in the page's language.
AGGREGATION_LABELS = {
    "mean": gettext_noop("Trung bình cộng các phần (mean)"),
    "pooled": gettext_noop("Gộp số đếm (pooled)"),
}


class CampaignForm(BootstrapForm):
    name = forms.CharField(label=gettext_lazy("Tên đợt khảo sát"), max_length=255)
    questionnaire = forms.ModelChoiceField(
        label=gettext_lazy("Bộ câu hỏi"), queryset=QuestionnaireVersion.objects.none()
    )
    aggregation = forms.ChoiceField(
        label=gettext_lazy("Quy tắc gộp chỉ số yếu tố và chỉ số chung"),
        required=False,
        choices=[("", gettext_lazy("Theo mặc định của bộ câu hỏi")), *AGGREGATION_LABELS.items()],
        help_text=gettext_lazy("Quy tắc chính thức chưa được xác nhận; công bố luôn kèm quy tắc đã dùng."),
    )
    starts_on = date_field(gettext_lazy("Từ ngày"))
    ends_on = date_field(gettext_lazy("Đến ngày"))
    units = UnitMultipleChoiceField(
        label=gettext_lazy("Đơn vị được khảo sát"),
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=gettext_lazy(
            "Số phiếu cần thu mặc định theo thực tiễn chọn mẫu (200/phường, 150/xã, "
            "600/thành phố); sửa ở trang đợt khảo sát."
        ),
    )
    note = forms.CharField(
        label=gettext_lazy("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self, *args: Any, units: QuerySet[Unit], campaign: Campaign | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        versions = QuestionnaireVersion.objects.exclude(status=VersionStatus.RETIRED)
        self._choices("questionnaire", versions)
        self._choices("units", units)
        if campaign is not None and campaign.status != "draft":
            self.fields["questionnaire"].disabled = True
            self.fields["questionnaire"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("starts_on"), data.get("ends_on")
        if first and last and last < first:
            self.add_error("ends_on", gettext("Ngày kết thúc không được trước ngày bắt đầu."))
        return data


class TargetsForm(BootstrapForm):
    """One number field per campaign unit: the sample target."""

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for cu in campaign.units.select_related("unit").order_by("unit__path"):
            field = forms.IntegerField(
                label=cu.unit.name,
                min_value=1,
                initial=cu.target,
                error_messages={"min_value": gettext("Phải lớn hơn 0.")},
            )
            field.label_is_data = True  # type: ignore[attr-defined]  # a unit's name: lang="vi" on the page
            self.fields[f"target_{cu.unit_id}"] = field


class QuestionnaireImportForm(BootstrapForm):
    shipped = forms.ChoiceField(label=gettext_lazy("Bộ câu hỏi có sẵn"), required=False)
    file = forms.FileField(label=gettext_lazy("Hoặc tệp JSON định nghĩa bộ câu hỏi"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["shipped"]
        assert isinstance(field, forms.ChoiceField)
        # Shown as people write the code ("SIPAS 2017"), the file's identifier kept as the value.
        field.choices = [("", "—"), *[(code, code.replace("-", " ").upper()) for code in qlib.available()]]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("shipped") and not data.get("file"):
            raise forms.ValidationError(gettext("Chọn một bộ câu hỏi có sẵn hoặc tải lên một tệp JSON."))
        return data


class CopyForm(BootstrapForm):
    code = forms.CharField(
        label=gettext_lazy("Mã phiên bản mới"),
        max_length=60,
        help_text=gettext_lazy("Chữ thường, số và dấu gạch ngang, ví dụ: vungtau-2027"),
    )


class QuestionnaireEditForm(BootstrapForm):
    """Title, default rule, and one text field per group and item of a draft."""

    title = forms.CharField(
        label=gettext_lazy("Tên bộ câu hỏi"), max_length=255, widget=forms.TextInput(attrs={"lang": "vi"})
    )
    default_aggregation = forms.ChoiceField(
        label=gettext_lazy("Quy tắc gộp mặc định"), choices=list(AGGREGATION_LABELS.items())
    )

    def __init__(self, *args: Any, version: QuestionnaireVersion, **kwargs: Any) -> None:
        q = version.questionnaire
        kwargs.setdefault("initial", {"title": q.title, "default_aggregation": q.default_aggregation})
        super().__init__(*args, **kwargs)
        field = self.fields["default_aggregation"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(rule, AGGREGATION_LABELS[rule]) for rule in q.allowed_aggregations]
        self.group_fields: list[str] = []
        self.item_fields: list[tuple[str, str, str]] = []
        wording = [(state, WORDING.get(state, state)) for state in qlib.WORDING_STATES]
        for level in q.levels:
            for group in q.groups_at(level.key):
                name = f"g_{group.code}"
                self.fields[name] = forms.CharField(
                    label=f"{gettext(level.label)} {group.code}",
                    initial=group.title,
                    max_length=500,
                    widget=forms.TextInput(attrs={"lang": "vi"}),  # the questionnaire's text: data
                )
                self.group_fields.append(name)
        for item in q.items:
            text, state = f"t_{item.code}", f"w_{item.code}"
            self.fields[text] = forms.CharField(
                label=f"{gettext(q.item_label)} {item.code}",
                initial=item.text,
                widget=forms.Textarea(attrs={"rows": 2, "lang": "vi"}),
            )
            self.fields[state] = forms.ChoiceField(
                label=gettext("Độ tin cậy của lời văn"),
                choices=wording,
                initial=item.wording,
                widget=PageLanguageSelect,
            )
            self.item_fields.append((item.code, text, state))
        for name, f in self.fields.items():
            if name.startswith(("g_", "t_", "w_")):
                f.widget.attrs["class"] = f.widget.attrs.get("class", "").replace(
                    "form-control", "form-control form-control-sm"
                )

    def rows(self) -> list[tuple[str, Any, Any]]:
        return [(code, self[text], self[state]) for code, text, state in self.item_fields]


class ReviewForm(BootstrapForm):
    decision = forms.ChoiceField(
        label=gettext_lazy("Quyết định"),
        choices=[
            ("keep", gettext_lazy("Giữ lại, tính vào chỉ số")),
            ("exclude", gettext_lazy("Không tính vào chỉ số (vẫn lưu)")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=gettext_lazy("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))


class FigureForm(BootstrapForm):
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2012, max_value=2100)
    scope = forms.ChoiceField(label=gettext_lazy("Phạm vi"), choices=FigureScope.choices)
    area_name = forms.CharField(
        label=gettext_lazy("Tỉnh, thành phố"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Để trống nếu là chỉ số cả nước."),
    )
    value = forms.DecimalField(
        label=gettext_lazy("Chỉ số SIPAS (%)"), max_digits=5, decimal_places=2, min_value=0, max_value=100
    )
    rank = forms.CharField(
        label=gettext_lazy("Xếp hạng"), max_length=20, required=False, help_text=gettext_lazy("Ví dụ 38/63")
    )
    range_note = forms.CharField(label=gettext_lazy("Ghi chú"), max_length=255, required=False)
    source = forms.CharField(
        label=gettext_lazy("Nguồn công bố"),
        widget=forms.Textarea(attrs={"rows": 2, "lang": "vi"}),
        help_text=gettext_lazy("Văn bản hoặc trang tin đã công bố, ngày công bố."),
    )


class ImprovementTaskForm(BootstrapForm):
    item = forms.CharField(widget=forms.HiddenInput)
    directive = forms.ModelChoiceField(
        label=gettext_lazy("Thực hiện theo văn bản"),
        queryset=Directive.objects.none(),
        empty_label=gettext_lazy("— chọn văn bản —"),
    )
    due = date_field(gettext_lazy("Hạn hoàn thành"))
    text = forms.CharField(
        label=gettext_lazy("Nội dung nhiệm vụ"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, directives: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("directive", directives)


class PaperHeaderForm(BootstrapForm):
    serial = forms.CharField(
        label=gettext_lazy("Số phiếu"), max_length=40, help_text=gettext_lazy("Số ghi ở góc phiếu giấy.")
    )
    unit = UnitChoiceField(label=gettext_lazy("Đơn vị được đánh giá"), queryset=Unit.objects.none())
    filled_on = date_field(gettext_lazy("Ngày ghi trên phiếu"))
    respondent_type = forms.ChoiceField(
        label=gettext_lazy("Người trả lời là"),
        choices=[("", gettext_lazy("(không ghi)")), *RespondentType.choices],
        required=False,
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("unit", units)

    def clean_filled_on(self) -> dt.date:
        day = self.cleaned_data["filled_on"]
        if day > dt.date.today() + dt.timedelta(days=1):
            raise forms.ValidationError(gettext("Ngày trên phiếu không được sau hôm nay."))
        return day


class KioskForm(BootstrapForm):
    name = forms.CharField(
        label=gettext_lazy("Tên thiết bị"),
        max_length=120,
        help_text=gettext_lazy("Ví dụ: Máy tính bảng quầy 1"),
    )
    unit = UnitChoiceField(label=gettext_lazy("Đặt tại"), queryset=Unit.objects.none())

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("unit", units)


class PeriodForm(BootstrapForm):
    month_from = forms.CharField(
        label=gettext_lazy("Từ tháng"), required=False, widget=forms.TextInput(attrs={"type": "month"})
    )
    month_to = forms.CharField(
        label=gettext_lazy("Đến tháng"), required=False, widget=forms.TextInput(attrs={"type": "month"})
    )
    aggregation = forms.ChoiceField(
        label=gettext_lazy("Quy tắc gộp"),
        required=False,
        choices=[("", gettext_lazy("Của đợt khảo sát")), *AGGREGATION_LABELS.items()],
    )

    def month(self, name: str, *, end: bool = False) -> dt.date | None:
        raw = str(self.cleaned_data.get(name) or "") if hasattr(self, "cleaned_data") else ""
        try:
            year, month = (int(x) for x in raw.split("-"))
            first = dt.date(year, month, 1)
        except ValueError:
            return None
        if not end:
            return first
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)


class EvaluationFilterForm(BootstrapForm):
    unit = UnitChoiceField(label=gettext_lazy("Đơn vị giải quyết"), queryset=Unit.objects.none())
    month = forms.CharField(
        label=gettext_lazy("Tháng kết thúc xử lý"), widget=forms.TextInput(attrs={"type": "month"})
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("unit", units)

    def clean_month(self) -> dt.date:
        raw = str(self.cleaned_data["month"])
        try:
            year, month = (int(x) for x in raw.split("-"))
            return dt.date(year, month, 1)
        except ValueError as exc:
            raise forms.ValidationError(gettext("Tháng không hợp lệ (yyyy-mm).")) from exc
