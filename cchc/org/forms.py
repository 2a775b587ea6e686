"""Forms of the organisation screens. They only collect input; ``cchc.org.actions`` validates and writes.

Every choice list is built from the scoping helpers, so a person is never offered a unit, official or
area outside their scope (and a forged id fails the choice validation).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy

from cchc.core.plausible import validate_historical
from cchc.core.widgets import PageLanguageSelect, PageLanguageSelectMultiple, TelInput
from cchc.org.actions import head_candidates, today
from cchc.org.models import HeadKind, Unit, UnitKind
from cchc.org.queries import jurisdictions_for, official_units_for, officials_for, units_for

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def date_field(
    label: StrOrPromise, *, required: bool = True, help_text: StrOrPromise = ""
) -> forms.DateField:
    field = forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": gettext_lazy("Ngày không hợp lệ (dd/mm/yyyy)."),
            "required": gettext_lazy("Chưa nhập ngày."),
        },
    )
    # Units and officials have a history older than the dossiers' window.
    field.validators = [validate_historical]
    return field


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        depth = max(obj.path.count("/") - 2, 0)
        closed = f" (hết hiệu lực {obj.valid_to:%d/%m/%Y})" if obj.valid_to else ""
        return "\u00a0\u00a0" * depth + f"{obj.name} [{obj.code}]{closed}"


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} [{obj.code}]"


class BootstrapForm(forms.Form):
    """Bootstrap classes on every widget, and ``is-invalid`` on fields with errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
                # Options in the page's language (choice labels translated, records marked Vietnamese).
                if type(widget) is forms.Select:
                    widget.__class__ = PageLanguageSelect
                elif type(widget) is forms.SelectMultiple:
                    widget.__class__ = PageLanguageSelectMultiple
            else:
                css = "form-control"
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
            if field.required:
                field.error_messages["required"] = gettext("Chưa nhập mục này.")

    def _choices(self, name: str, queryset: Any) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = queryset

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        self._mark_invalid()

    def full_clean(self) -> None:
        super().full_clean()
        self._mark_invalid()

    def _mark_invalid(self) -> None:
        for name in getattr(self, "_errors", None) or {}:
            if name in self.fields:
                widget = self.fields[name].widget
                if "is-invalid" not in widget.attrs.get("class", ""):
                    widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"

    def apply_errors(self, exc: ValidationError) -> None:
        """Put an action's errors next to the fields they name (or on top of the form)."""
        if hasattr(exc, "error_dict"):
            for name, messages in exc.message_dict.items():
                for message in messages:
                    self.add_error(name if name in self.fields else None, message)
        else:
            for message in exc.messages:
                self.add_error(None, message)


class UnitForm(BootstrapForm):
    code = forms.CharField(label=gettext_lazy("Mã đơn vị"), max_length=40)
    name = forms.CharField(label=gettext_lazy("Tên đơn vị"), max_length=255)
    short_name = forms.CharField(label=gettext_lazy("Tên ngắn"), max_length=120, required=False)
    abbreviation = forms.CharField(
        label=gettext_lazy("Chữ viết tắt"),
        max_length=20,
        required=False,
        help_text=gettext_lazy("Dùng trong ký hiệu văn bản, ví dụ «NV» trong 7190/UBND-NV."),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Loại đơn vị"), choices=[("", gettext_lazy("— chọn —")), *UnitKind.choices]
    )
    jurisdiction: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=gettext_lazy("Địa bàn"), queryset=None
    )
    parent = UnitChoiceField(label=gettext_lazy("Đơn vị cấp trên"), queryset=None, required=False)
    email = forms.EmailField(
        label=gettext_lazy("Thư điện tử"),
        required=False,
        error_messages={"invalid": gettext_lazy("Thư điện tử không hợp lệ.")},
    )
    phone = forms.CharField(
        label=gettext_lazy("Điện thoại"), max_length=40, required=False, widget=TelInput()
    )
    address = forms.CharField(label=gettext_lazy("Địa chỉ"), max_length=255, required=False)
    valid_from = date_field(gettext_lazy("Hiệu lực từ ngày"), required=False)
    valid_to = date_field(
        gettext_lazy("Hiệu lực đến ngày"),
        required=False,
        help_text=gettext_lazy(
            "Để trống nếu đơn vị đang hoạt động. Giải thể, sáp nhập dùng các chức năng riêng."
        ),
    )

    def __init__(self, *args: Any, user: Any, unit: Unit | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("jurisdiction", jurisdictions_for(user, write=True))
        parents = units_for(user, write=True).filter(valid_to__isnull=True)
        if unit is not None:
            parents = parents.exclude(path__startswith=unit.path)
            if unit.parent_id:
                parents = parents | Unit.objects.filter(pk=unit.parent_id)
        self._choices("parent", parents.select_related("jurisdiction").order_by("path"))


class CloseUnitForm(BootstrapForm):
    last_day = date_field(gettext_lazy("Ngày cuối cùng đơn vị hoạt động"))
    note = forms.CharField(
        label=gettext_lazy("Căn cứ (quyết định giải thể…)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MergeUnitForm(BootstrapForm):
    target = UnitChoiceField(label=gettext_lazy("Sáp nhập vào đơn vị"), queryset=None)
    others = UnitMultipleChoiceField(
        label=gettext_lazy("Cùng sáp nhập các đơn vị khác (nếu có)"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    on = date_field(
        gettext_lazy("Ngày sáp nhập có hiệu lực"),
        help_text=gettext_lazy("Các đơn vị bị sáp nhập hết hiệu lực vào ngày liền trước."),
    )
    move_officials = forms.BooleanField(
        label=gettext_lazy("Chuyển cán bộ đang công tác sang đơn vị nhận sáp nhập"),
        required=False,
        initial=True,
    )
    note = forms.CharField(
        label=gettext_lazy("Căn cứ (quyết định sáp nhập…)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, user: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        open_units = units_for(user, write=True).filter(valid_to__isnull=True).order_by("path")
        self._choices("target", open_units.exclude(path__startswith=unit.path))
        self._choices("others", open_units.exclude(pk=unit.pk))


class OfficialForm(BootstrapForm):
    code = forms.CharField(label=gettext_lazy("Mã cán bộ"), max_length=40)
    full_name = forms.CharField(label=gettext_lazy("Họ và tên"), max_length=200)
    position = forms.CharField(label=gettext_lazy("Chức vụ"), max_length=200, required=False)
    unit = UnitChoiceField(label=gettext_lazy("Đơn vị"), queryset=None)
    email = forms.EmailField(
        label=gettext_lazy("Thư điện tử"),
        required=False,
        error_messages={"invalid": gettext_lazy("Thư điện tử không hợp lệ.")},
    )
    phone = forms.CharField(
        label=gettext_lazy("Điện thoại"), max_length=40, required=False, widget=TelInput()
    )

    def __init__(self, *args: Any, user: Any, official: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = official_units_for(user).valid_on(today())
        if official is not None:
            units = units | Unit.objects.filter(pk=official.unit_id)
        self._choices("unit", units.order_by("path"))


class DeactivateOfficialForm(BootstrapForm):
    last_day = date_field(gettext_lazy("Ngày cuối cùng công tác"))
    note = forms.CharField(
        label=gettext_lazy("Lý do (nghỉ hưu, chuyển công tác…)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OfficialChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} — {obj.position or 'chưa có chức vụ'} ({obj.unit.name})"


class SetHeadForm(BootstrapForm):
    official = OfficialChoiceField(
        label=gettext_lazy("Cán bộ"),
        queryset=None,
        help_text=gettext_lazy("Cán bộ đang công tác của đơn vị này hoặc của đơn vị cấp trên trực tiếp."),
    )
    kind = forms.ChoiceField(label=gettext_lazy("Hình thức"), choices=HeadKind.choices, initial=HeadKind.HEAD)
    valid_from = date_field(
        gettext_lazy("Từ ngày"),
        help_text=gettext_lazy("Người đang giữ vị trí này (nếu có) kết thúc vào ngày liền trước."),
    )
    note = forms.CharField(
        label=gettext_lazy("Căn cứ (quyết định bổ nhiệm, giao nhiệm vụ…)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, user: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        candidates = head_candidates(unit).filter(pk__in=officials_for(user).values("pk"))
        self._choices("official", candidates.select_related("unit").order_by("unit__path", "full_name"))


class EndHeadForm(BootstrapForm):
    last_day = date_field(gettext_lazy("Ngày kết thúc"))
    note = forms.CharField(
        label=gettext_lazy("Ghi chú"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ImportForm(BootstrapForm):
    file = forms.FileField(
        label=gettext_lazy("Tệp danh sách (.xlsx hoặc .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.ods,.csv,text/csv"}),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Loại danh sách"),
        required=False,
        choices=[
            ("", gettext_lazy("Tự nhận biết theo dòng tiêu đề")),
            ("units", gettext_lazy("Đơn vị")),
            ("officials", gettext_lazy("Cán bộ, công chức")),
        ],
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise ValidationError(gettext("Tệp lớn hơn 5 MB; hãy chia nhỏ danh sách."))
        return upload
