"""Forms of the dossier screens and the public look-up. Labels and messages in Vietnamese."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from cchc.core.choices import natural_order
from cchc.core.invalid_fields import MarksInvalidFields
from cchc.core.widgets import QuickSelect, QuickTextInput
from cchc.dossiers.models import Channel, Outcome, Procedure, Status
from cchc.dossiers.queries import CAUSE_LABELS, LATE_KINDS
from cchc.org.models import Unit

ALL = [("", "Tất cả")]


class StyledForm(MarksInvalidFields):
    """Bootstrap classes on every input and ``is-invalid`` on those with an error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            css = f.widget.attrs.get("class", "")
            if isinstance(f.widget, forms.CheckboxInput):
                base = "form-check-input"
            elif isinstance(f.widget, forms.Select):
                base = "form-select"
                if type(f.widget) is forms.Select:
                    # The same widget drawn in Python: the units' and procedures' drop-downs of the
                    # list and ranking pages cost more through Django's per-option template.
                    f.widget.__class__ = QuickSelect
            else:
                base = "form-control"
            if base not in css:
                f.widget.attrs["class"] = f"{css} {base}".strip()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def _check_period(form: forms.Form, start: str, end: str) -> None:
    a, b = form.cleaned_data.get(start), form.cleaned_data.get(end)
    if a and b and a > b:
        form.add_error(
            end,
            gettext("“%(end)s” phải sau hoặc bằng “%(start)s”.")
            % {"end": form.fields[end].label, "start": form.fields[start].label},
        )


class DossierFilterForm(StyledForm):
    q = forms.CharField(label=gettext_lazy("Tìm kiếm"), required=False, max_length=100)
    status = forms.TypedChoiceField(
        label=gettext_lazy("Trạng thái"),
        required=False,
        choices=ALL + list(Status.choices),
        coerce=int,
        empty_value=None,
    )
    outcome = forms.ChoiceField(
        label=gettext_lazy("Kết quả"), required=False, choices=ALL + list(Outcome.choices)
    )
    procedure = forms.ModelChoiceField(
        label=gettext_lazy("Thủ tục"),
        required=False,
        queryset=Procedure.objects.none(),
        empty_label=gettext_lazy("Tất cả"),
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị giải quyết"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=gettext_lazy("Tất cả"),
    )
    channel = forms.TypedChoiceField(
        label=gettext_lazy("Kênh"),
        required=False,
        choices=ALL + list(Channel.choices),
        coerce=int,
        empty_value=None,
    )
    received_from = forms.DateField(
        label=gettext_lazy("Tiếp nhận từ ngày"), required=False, widget=DateInput()
    )
    received_to = forms.DateField(label=gettext_lazy("Đến ngày"), required=False, widget=DateInput())
    late_only = forms.BooleanField(label=gettext_lazy("Chỉ hồ sơ trễ hạn, quá hạn"), required=False)

    def __init__(self, *args: Any, units: Any, search_hint: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["procedure"].queryset = Procedure.objects.all()  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        natural_order(self.fields["unit"])
        self.fields["q"].widget.attrs["placeholder"] = search_hint

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_period(self, "received_from", "received_to")
        return data


class LateFilterForm(StyledForm):
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị giải quyết"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=gettext_lazy("Tất cả"),
    )
    cause = forms.ChoiceField(
        label=gettext_lazy("Nguyên nhân"), required=False, choices=ALL + list(CAUSE_LABELS.items())
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Loại"), required=False, choices=ALL + list(LATE_KINDS.items())
    )
    official = forms.CharField(label=gettext_lazy("Cán bộ, công chức"), required=False, max_length=120)
    # The account a link of this list or of the rankings names (the name above is shown with it); read
    # quietly: a value that is not an id is dropped, never an error about a field nobody sees.
    official_id = forms.CharField(required=False, max_length=12, widget=forms.HiddenInput)
    # The period of a figure (home pages, rankings): processing ended late on a day of the period.
    finished_from = forms.DateField(
        label=gettext_lazy("Giải quyết xong từ ngày"), required=False, widget=DateInput()
    )
    finished_to = forms.DateField(
        label=gettext_lazy("Giải quyết xong đến ngày"), required=False, widget=DateInput()
    )
    end_from = forms.DateField(label=gettext_lazy("Hẹn trả từ ngày"), required=False, widget=DateInput())
    end_to = forms.DateField(label=gettext_lazy("Hẹn trả đến ngày"), required=False, widget=DateInput())
    missing_apology = forms.BooleanField(
        label=gettext_lazy("Chỉ hồ sơ chưa có phiếu xin lỗi"), required=False
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        natural_order(self.fields["unit"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_period(self, "end_from", "end_to")
        _check_period(self, "finished_from", "finished_to")
        data["official"] = " ".join((data.get("official") or "").split())
        account = str(data.get("official_id") or "")
        data["official_id"] = int(account) if account.isdigit() and data["official"] else None
        return data


class PeriodForm(StyledForm):
    date_from = forms.DateField(label=gettext_lazy("Từ ngày"), required=False, widget=DateInput())
    date_to = forms.DateField(label=gettext_lazy("Đến ngày"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_period(self, "date_from", "date_to")
        return data

    def period(self) -> tuple[dt.date, dt.date]:
        """The chosen period, or this year so far."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        start = data.get("date_from") or today.replace(month=1, day=1)
        end = data.get("date_to") or today
        return start, end


class LeagueForm(PeriodForm):
    """The rankings' period, and for the officials' ranking the unit whose dossiers it reads (the
    drill-down from a unit's row)."""

    unit = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị giải quyết"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=gettext_lazy("Tất cả"),
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        natural_order(self.fields["unit"])

    def chosen_unit(self) -> Unit | None:
        return self.cleaned_data.get("unit") if self.is_valid() else None


class ApologyIssueForm(StyledForm):
    number = forms.CharField(
        label=gettext_lazy("Số, ký hiệu"),
        required=False,
        max_length=80,
        help_text=gettext_lazy("Ví dụ: 05/PXL-P1. Để trống nếu ghi tay."),
    )
    responsible_unit = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị để xảy ra trễ hạn"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=gettext_lazy("— Chọn —"),
    )
    # The letter's own text (reason, place, signer, recipients) is a Vietnamese document whatever the page's
    # language: its fields are marked Vietnamese.
    responsible_unit_name = forms.CharField(
        label=gettext_lazy("hoặc tên cơ quan liên thông bên ngoài"),
        required=False,
        max_length=255,
        widget=forms.TextInput(attrs={"lang": "vi"}),
    )
    reason = forms.CharField(
        label=gettext_lazy("Lý do trễ hạn"),
        widget=forms.Textarea(attrs={"rows": 3, "lang": "vi"}),
        max_length=2000,
        error_messages={"required": gettext_lazy("Lý do trễ hạn: cần ghi rõ lý do.")},
    )
    new_date = forms.DateField(
        label=gettext_lazy("Ngày hẹn trả mới"),
        widget=DateInput(),
        error_messages={
            "required": gettext_lazy("Ngày hẹn trả mới: vui lòng chọn ngày."),
            "invalid": gettext_lazy("Ngày hẹn trả mới không hợp lệ."),
        },
    )
    new_time = forms.TimeField(
        label=gettext_lazy("Giờ hẹn trả"),
        initial=dt.time(16, 0),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": gettext_lazy("Giờ hẹn trả: vui lòng nhập giờ."),
            "invalid": gettext_lazy("Giờ hẹn trả không hợp lệ."),
        },
    )
    return_place = forms.CharField(
        label=gettext_lazy("Nơi trả kết quả"), max_length=500, widget=forms.TextInput(attrs={"lang": "vi"})
    )
    signer_prefix = forms.CharField(
        label=gettext_lazy("Thẩm quyền ký"),
        required=False,
        max_length=120,
        help_text=gettext_lazy("Ví dụ: TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH"),
        widget=forms.TextInput(attrs={"lang": "vi"}),
    )
    signer_title = forms.CharField(
        label=gettext_lazy("Chức vụ người ký"), max_length=120, widget=forms.TextInput(attrs={"lang": "vi"})
    )
    signer_name = forms.CharField(
        label=gettext_lazy("Họ và tên người ký"), max_length=200, widget=forms.TextInput(attrs={"lang": "vi"})
    )
    recipients = forms.CharField(
        label=gettext_lazy("Nơi nhận (mỗi dòng một nơi)"),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "vi"}),
        max_length=2000,
    )

    def __init__(self, *args: Any, units: Any, deadline: dt.datetime | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].queryset = units  # type: ignore[attr-defined]
        natural_order(self.fields["responsible_unit"])
        self.deadline = deadline

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("responsible_unit") and not (data.get("responsible_unit_name") or "").strip():
            self.add_error(
                "responsible_unit",
                gettext("Đơn vị để xảy ra trễ hạn: chọn một đơn vị hoặc ghi tên cơ quan liên thông."),
            )
        day, time = data.get("new_date"), data.get("new_time")
        if day and time:
            when = timezone.make_aware(dt.datetime.combine(day, time))
            data["new_appointment_at"] = when
            if when <= timezone.now():
                self.add_error("new_date", gettext("Ngày hẹn trả mới: phải sau thời điểm hiện tại."))
            elif self.deadline is not None and when <= self.deadline:
                local = timezone.localtime(self.deadline)
                self.add_error(
                    "new_date",
                    gettext("Ngày hẹn trả mới: phải sau ngày hẹn trả hiện tại (%(deadline)s).")
                    % {"deadline": f"{local:%d/%m/%Y %H:%M}"},
                )
        return data

    def recipient_list(self) -> list[str]:
        lines = [
            ln.strip().lstrip("-").strip().rstrip(";.") for ln in self.cleaned_data["recipients"].splitlines()
        ]
        return [ln for ln in lines if ln]


MONTH_RE = re.compile(r"^\s*(?:(\d{4})-(\d{1,2})|(\d{1,2})/(\d{4}))\s*$")


class LateListDraftForm(StyledForm):
    month = forms.CharField(
        label=gettext_lazy("Tháng"),
        max_length=20,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"}),
        error_messages={"required": gettext_lazy("Tháng: vui lòng chọn tháng.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Ghi chú"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "vi"}),  # kept with the list, in Vietnamese
        max_length=2000,
    )

    def clean_month(self) -> dt.date:
        raw = self.cleaned_data["month"]
        m = MONTH_RE.match(raw)
        if not m:
            raise forms.ValidationError(
                gettext("Tháng: “%(raw)s” không đúng dạng năm-tháng (ví dụ 2022-06).") % {"raw": raw}
            )
        year, month = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
        if not 1 <= month <= 12:
            raise forms.ValidationError(
                gettext("Tháng: “%(raw)s” không có tháng %(month)s.") % {"raw": raw, "month": month}
            )
        return dt.date(year, month, 1)


class LateListApproveForm(StyledForm):
    publish = forms.BooleanField(
        label=gettext_lazy("Công khai ngay trên Cổng thông tin"), required=False, initial=True
    )


class LateListWithdrawForm(StyledForm):
    reason = forms.CharField(
        label=gettext_lazy("Lý do thu hồi"),
        min_length=5,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": gettext_lazy("Lý do thu hồi: cần ghi rõ lý do."),
            "min_length": gettext_lazy("Lý do thu hồi: cần ghi rõ lý do (ít nhất 5 ký tự)."),
        },
    )


class NoEchoInput(QuickTextInput):
    """Never writes the typed value back into the page (a phone number on a shared or kiosk screen)."""

    def format_value(self, value: Any) -> str | None:
        return None


class LookupForm(StyledForm):
    code = forms.CharField(
        label=gettext_lazy("Mã hồ sơ"),
        max_length=64,
        error_messages={
            "required": gettext_lazy("Mã hồ sơ: vui lòng nhập mã ghi trên Giấy tiếp nhận hồ sơ.")
        },
        widget=QuickTextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    phone = forms.CharField(
        label=gettext_lazy("Số điện thoại đã khai khi nộp hồ sơ"),
        max_length=20,
        error_messages={"required": gettext_lazy("Số điện thoại: vui lòng nhập số điện thoại.")},
        widget=NoEchoInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )

    def clean_code(self) -> str:
        return str(self.cleaned_data["code"]).strip()
