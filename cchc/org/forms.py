"""Forms of the organisation screens. They only collect input; ``cchc.org.actions`` validates and writes.

Every choice list is built from the scoping helpers, so a person is never offered a unit, official or
area outside their scope (and a forged id fails the choice validation).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from cchc.core.plausible import validate_historical
from cchc.core.widgets import TelInput
from cchc.org.actions import head_candidates, today
from cchc.org.models import HeadKind, Unit, UnitKind
from cchc.org.queries import jurisdictions_for, official_units_for, officials_for, units_for

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    field = forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Ngày không hợp lệ (dd/mm/yyyy).", "required": "Chưa nhập ngày."},
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
            else:
                css = "form-control"
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
            if field.required:
                field.error_messages.setdefault("required", "Chưa nhập mục này.")
                field.error_messages["required"] = "Chưa nhập mục này."

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
    code = forms.CharField(label="Mã đơn vị", max_length=40)
    name = forms.CharField(label="Tên đơn vị", max_length=255)
    short_name = forms.CharField(label="Tên ngắn", max_length=120, required=False)
    abbreviation = forms.CharField(
        label="Chữ viết tắt",
        max_length=20,
        required=False,
        help_text="Dùng trong ký hiệu văn bản, ví dụ «NV» trong 7190/UBND-NV.",
    )
    kind = forms.ChoiceField(label="Loại đơn vị", choices=[("", "— chọn —"), *UnitKind.choices])
    jurisdiction: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label="Địa bàn", queryset=None)
    parent = UnitChoiceField(label="Đơn vị cấp trên", queryset=None, required=False)
    email = forms.EmailField(
        label="Thư điện tử", required=False, error_messages={"invalid": "Thư điện tử không hợp lệ."}
    )
    phone = forms.CharField(label="Điện thoại", max_length=40, required=False, widget=TelInput())
    address = forms.CharField(label="Địa chỉ", max_length=255, required=False)
    valid_from = date_field("Hiệu lực từ ngày", required=False)
    valid_to = date_field(
        "Hiệu lực đến ngày",
        required=False,
        help_text="Để trống nếu đơn vị đang hoạt động. Giải thể, sáp nhập dùng các chức năng riêng.",
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
    last_day = date_field("Ngày cuối cùng đơn vị hoạt động")
    note = forms.CharField(
        label="Căn cứ (quyết định giải thể…)",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MergeUnitForm(BootstrapForm):
    target = UnitChoiceField(label="Sáp nhập vào đơn vị", queryset=None)
    others = UnitMultipleChoiceField(
        label="Cùng sáp nhập các đơn vị khác (nếu có)",
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    on = date_field(
        "Ngày sáp nhập có hiệu lực", help_text="Các đơn vị bị sáp nhập hết hiệu lực vào ngày liền trước."
    )
    move_officials = forms.BooleanField(
        label="Chuyển cán bộ đang công tác sang đơn vị nhận sáp nhập", required=False, initial=True
    )
    note = forms.CharField(
        label="Căn cứ (quyết định sáp nhập…)",
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
    code = forms.CharField(label="Mã cán bộ", max_length=40)
    full_name = forms.CharField(label="Họ và tên", max_length=200)
    position = forms.CharField(label="Chức vụ", max_length=200, required=False)
    unit = UnitChoiceField(label="Đơn vị", queryset=None)
    email = forms.EmailField(
        label="Thư điện tử", required=False, error_messages={"invalid": "Thư điện tử không hợp lệ."}
    )
    phone = forms.CharField(label="Điện thoại", max_length=40, required=False, widget=TelInput())

    def __init__(self, *args: Any, user: Any, official: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = official_units_for(user).valid_on(today())
        if official is not None:
            units = units | Unit.objects.filter(pk=official.unit_id)
        self._choices("unit", units.order_by("path"))


class DeactivateOfficialForm(BootstrapForm):
    last_day = date_field("Ngày cuối cùng công tác")
    note = forms.CharField(
        label="Lý do (nghỉ hưu, chuyển công tác…)",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OfficialChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} — {obj.position or 'chưa có chức vụ'} ({obj.unit.name})"


class SetHeadForm(BootstrapForm):
    official = OfficialChoiceField(
        label="Cán bộ",
        queryset=None,
        help_text="Cán bộ đang công tác của đơn vị này hoặc của đơn vị cấp trên trực tiếp.",
    )
    kind = forms.ChoiceField(label="Hình thức", choices=HeadKind.choices, initial=HeadKind.HEAD)
    valid_from = date_field(
        "Từ ngày", help_text="Người đang giữ vị trí này (nếu có) kết thúc vào ngày liền trước."
    )
    note = forms.CharField(
        label="Căn cứ (quyết định bổ nhiệm, giao nhiệm vụ…)",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, user: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        candidates = head_candidates(unit).filter(pk__in=officials_for(user).values("pk"))
        self._choices("official", candidates.select_related("unit").order_by("unit__path", "full_name"))


class EndHeadForm(BootstrapForm):
    last_day = date_field("Ngày kết thúc")
    note = forms.CharField(
        label="Ghi chú", max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ImportForm(BootstrapForm):
    file = forms.FileField(
        label="Tệp danh sách (.xlsx hoặc .csv)",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.ods,.csv,text/csv"}),
    )
    kind = forms.ChoiceField(
        label="Loại danh sách",
        required=False,
        choices=[
            ("", "Tự nhận biết theo dòng tiêu đề"),
            ("units", "Đơn vị"),
            ("officials", "Cán bộ, công chức"),
        ],
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise ValidationError("Tệp lớn hơn 5 MB; hãy chia nhỏ danh sách.")
        return upload
