"""Forms of the petition screens, public and staff. Labels and messages in Vietnamese; the rules live in
``intake.validate`` and the actions, so every channel answers the same way."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from cchc.core.choices import natural_order
from cchc.core.invalid_fields import MarksInvalidFields
from cchc.core.widgets import NumericInput, PageLanguageSelect, TelInput
from cchc.feedback.models import Category, Channel, KeyPurpose, Kind, ReplyVia, Status
from cchc.org.models import Jurisdiction, Official, Unit

ALL = [("", "Tất cả")]


def _queryset(form: forms.Form, name: str, qs: Any) -> None:
    """Units and wards to choose from, listed as people read names (Phường 1, 2, … 10)."""
    field = cast(forms.ModelChoiceField, form.fields[name])
    natural_order(field)
    field.queryset = qs


class StyledForm(MarksInvalidFields):
    """Bootstrap classes on every input and ``is-invalid`` on those with an error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            if isinstance(f, forms.ChoiceField | forms.ModelChoiceField):
                f.error_messages["required"] = gettext("Cần chọn «%(label)s».") % {"label": f.label}
                f.error_messages["invalid_choice"] = gettext(
                    "Giá trị «%(label)s» không có trong danh sách."
                ) % {"label": f.label}
            else:
                f.error_messages["required"] = gettext("Cần nhập «%(label)s».") % {"label": f.label}
            css = f.widget.attrs.get("class", "")
            if isinstance(f.widget, (forms.CheckboxInput, forms.RadioSelect)):
                base = "form-check-input"
            elif isinstance(f.widget, forms.Select):
                base = "form-select"
                if type(f.widget) is forms.Select:
                    f.widget.__class__ = PageLanguageSelect  # options in the page's language
            else:
                base = "form-control"
            if base not in css:
                f.widget.attrs["class"] = f"{css} {base}".strip()

    @property
    def hidden_errors(self) -> list[str]:
        """Errors of hidden fields (position, time stamp), which have no place of their own on the page."""
        return [f"{f.label}: {e}" if f.label else str(e) for f in self.hidden_fields() for e in f.errors]

    def add_errors(self, errors: dict[str, Any]) -> None:
        """Errors from ``ValidationError.message_dict``: on the field when the form has it."""
        for name, messages in errors.items():
            for message in messages if isinstance(messages, list) else [messages]:
                self.add_error(name if name in self.fields else None, message)


class DataSelect(forms.Select):
    """A drop-down whose options are names (fields, wards, units): data, marked Vietnamese so that a page
    in English says which language they are in (docs/translating.md)."""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        if option["value"] not in ("", None):
            option["attrs"]["lang"] = "vi"
        return option


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


PUBLIC_KINDS = [
    (Kind.FEEDBACK, gettext_lazy("Phản ánh (về việc đang xảy ra, thái độ cán bộ…)")),
    (Kind.PETITION, gettext_lazy("Kiến nghị (đề xuất sửa đổi, cải thiện)")),
    (Kind.ACCOUNTABILITY, gettext_lazy("Yêu cầu giải trình (Nghị định 59/2019/NĐ-CP)")),
]
PUBLIC_REPLY = [
    (ReplyVia.SMS, gettext_lazy("Tin nhắn SMS")),
    (ReplyVia.ZALO, gettext_lazy("Zalo (theo số điện thoại)")),
    (ReplyVia.EMAIL, gettext_lazy("Thư điện tử")),
]


class ContactFields(StyledForm):
    citizen_name = forms.CharField(label=gettext_lazy("Họ và tên"), max_length=200)
    citizen_phone = forms.CharField(
        label=gettext_lazy("Số điện thoại"),
        max_length=20,
        widget=TelInput(),
        help_text=gettext_lazy("Dùng cùng mã theo dõi để xem kết quả."),
    )
    citizen_address = forms.CharField(label=gettext_lazy("Địa chỉ liên hệ"), max_length=255)
    citizen_email = forms.EmailField(
        label=gettext_lazy("Thư điện tử (không bắt buộc)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": gettext_lazy("Địa chỉ thư điện tử không hợp lệ.")},
    )


class PetitionForm(ContactFields):
    kind = forms.ChoiceField(
        label=gettext_lazy("Loại"), choices=PUBLIC_KINDS, initial=Kind.FEEDBACK, widget=forms.RadioSelect
    )
    category = forms.ModelChoiceField(
        label=gettext_lazy("Lĩnh vực"),
        queryset=Category.objects.none(),
        empty_label=gettext_lazy("— Chọn lĩnh vực —"),
        widget=DataSelect,
    )
    ward = forms.ModelChoiceField(
        label=gettext_lazy("Phường, xã nơi xảy ra"),
        queryset=Jurisdiction.objects.none(),
        required=False,
        empty_label=gettext_lazy("— Chọn phường, xã —"),
        widget=DataSelect,
    )
    location = forms.CharField(
        label=gettext_lazy("Địa điểm cụ thể"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Số nhà, tên đường, tổ dân phố… (nếu có)."),
    )
    dossier_code = forms.CharField(
        label=gettext_lazy("Mã hồ sơ thủ tục hành chính (nếu có)"),
        max_length=64,
        required=False,
        help_text=gettext_lazy("Ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả."),
    )
    text = forms.CharField(
        label=gettext_lazy("Nội dung"), widget=forms.Textarea(attrs={"rows": 6}), max_length=8000
    )
    attachments = MultipleFileField(
        label=gettext_lazy("Ảnh hoặc tệp PDF (không bắt buộc)"),
        required=False,
        help_text=gettext_lazy("Tối đa 5 tệp, mỗi tệp không quá 5 MB; ảnh JPG, PNG, WEBP hoặc PDF."),
    )
    reply_via = forms.ChoiceField(
        label=gettext_lazy("Nhận trả lời qua"), choices=PUBLIC_REPLY, initial=ReplyVia.SMS
    )
    consent_publish = forms.BooleanField(
        label=(
            gettext_lazy(
                "Tôi đồng ý công khai nội dung và kết quả trả lời "
                "(đã ẩn họ tên, số điện thoại, địa chỉ của tôi)."
            )
        ),
        required=False,
    )
    latitude = forms.DecimalField(
        label=gettext_lazy("Vĩ độ"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
        widget=forms.HiddenInput,
    )
    longitude = forms.DecimalField(
        label=gettext_lazy("Kinh độ"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        widget=forms.HiddenInput,
    )
    website = forms.CharField(
        required=False,
        label=gettext_lazy("Để trống ô này"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    field_order = [
        "kind",
        "category",
        "ward",
        "location",
        "text",
        "attachments",
        "dossier_code",
        "citizen_name",
        "citizen_phone",
        "citizen_address",
        "citizen_email",
        "reply_via",
        "consent_publish",
    ]

    def __init__(self, *args: Any, jurisdiction: Jurisdiction, wards: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _queryset(self, "category", Category.objects.filter(jurisdiction=jurisdiction, is_active=True))
        _queryset(self, "ward", wards)


class StaffEntryForm(ContactFields):
    channel = forms.ChoiceField(
        label=gettext_lazy("Kênh tiếp nhận"),
        choices=[
            (Channel.HOTLINE, Channel.HOTLINE.label),
            (Channel.WALK_IN, Channel.WALK_IN.label),
            (Channel.LETTER, Channel.LETTER.label),
        ],
    )
    received_at = forms.DateTimeField(
        label=gettext_lazy("Thời điểm tiếp nhận"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )
    kind = forms.ChoiceField(label=gettext_lazy("Loại"), choices=Kind.choices, initial=Kind.FEEDBACK)
    category = forms.ModelChoiceField(label=gettext_lazy("Lĩnh vực"), queryset=Category.objects.none())
    ward = forms.ModelChoiceField(
        label=gettext_lazy("Phường, xã"), queryset=Jurisdiction.objects.none(), required=False
    )
    location = forms.CharField(label=gettext_lazy("Địa điểm cụ thể"), max_length=255, required=False)
    dossier_code = forms.CharField(label=gettext_lazy("Mã hồ sơ liên quan"), max_length=64, required=False)
    title = forms.CharField(label=gettext_lazy("Tiêu đề (tóm tắt)"), max_length=200, required=False)
    text = forms.CharField(
        label=gettext_lazy("Nội dung"), widget=forms.Textarea(attrs={"rows": 6}), max_length=8000
    )
    attachments = MultipleFileField(label=gettext_lazy("Tệp đính kèm (ảnh, bản chụp thư)"), required=False)
    citizen_id_number = forms.CharField(
        label=gettext_lazy("Số định danh cá nhân (nếu có)"),
        max_length=20,
        required=False,
        widget=NumericInput(),
    )
    reply_via = forms.ChoiceField(label=gettext_lazy("Trả lời qua"), choices=ReplyVia.choices[:4])
    consent_publish = forms.BooleanField(
        label=gettext_lazy("Người gửi đồng ý công khai (đã ẩn thông tin cá nhân)"), required=False
    )

    def __init__(self, *args: Any, jurisdiction: Jurisdiction, wards: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _queryset(self, "category", Category.objects.filter(jurisdiction=jurisdiction, is_active=True))
        _queryset(self, "ward", wards)
        for name in ("citizen_phone", "citizen_address"):
            self.fields[name].required = False
        self.fields["citizen_phone"].help_text = ""

    def clean_received_at(self) -> dt.datetime:
        value: dt.datetime = self.cleaned_data["received_at"]
        now = timezone.now()
        if value > now + dt.timedelta(minutes=5):
            raise forms.ValidationError(gettext("Thời điểm tiếp nhận không được ở tương lai."))
        if value < now - dt.timedelta(days=60):
            raise forms.ValidationError(gettext("Chỉ nhập phản ánh tiếp nhận trong 60 ngày gần đây."))
        return value


MEETING_KINDS = [
    ("Hội nghị tiếp xúc cử tri", gettext_lazy("Hội nghị tiếp xúc cử tri")),
    ("Hội nghị lấy ý kiến nhân dân", gettext_lazy("Hội nghị lấy ý kiến nhân dân")),
    ("Họp tổ dân phố, khu phố", gettext_lazy("Họp tổ dân phố, khu phố")),
    ("Đối thoại với nhân dân", gettext_lazy("Đối thoại với nhân dân")),
    ("Giám sát, phản biện xã hội", gettext_lazy("Giám sát, phản biện xã hội")),
]


class MeetingForm(StyledForm):
    held_on = forms.DateField(
        label=gettext_lazy("Ngày họp"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    kind = forms.ChoiceField(label=gettext_lazy("Hình thức"), choices=MEETING_KINDS)
    place = forms.CharField(label=gettext_lazy("Địa điểm"), max_length=255)
    ward = forms.ModelChoiceField(
        label=gettext_lazy("Phường, xã"), queryset=Jurisdiction.objects.none(), required=False
    )
    attendees = forms.IntegerField(label=gettext_lazy("Số người dự"), min_value=1, required=False)
    note = forms.CharField(
        label=gettext_lazy("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, wards: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _queryset(self, "ward", wards)

    def clean_held_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["held_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(gettext("Ngày họp không được ở tương lai."))
        return day


class OpinionForm(StyledForm):
    category = forms.ModelChoiceField(
        label=gettext_lazy("Lĩnh vực"), queryset=Category.objects.none(), required=False
    )
    ward = forms.ModelChoiceField(
        label=gettext_lazy("Phường, xã"), queryset=Jurisdiction.objects.none(), required=False
    )
    text = forms.CharField(
        label=gettext_lazy("Ý kiến, kiến nghị"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    citizen_name = forms.CharField(
        label=gettext_lazy("Người nêu ý kiến"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Để trống nếu là ý kiến chung của cử tri."),
    )
    citizen_phone = forms.CharField(
        label=gettext_lazy("Điện thoại"), max_length=20, required=False, widget=TelInput()
    )
    consent_publish = forms.BooleanField(label=gettext_lazy("Công khai"), required=False, initial=True)

    def __init__(self, *args: Any, jurisdiction: Jurisdiction, wards: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _queryset(self, "category", Category.objects.filter(jurisdiction=jurisdiction, is_active=True))
        _queryset(self, "ward", wards)

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (data.get("text") or "").strip()


class FilterForm(StyledForm):
    q = forms.CharField(label=gettext_lazy("Tìm kiếm"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=gettext_lazy("Trạng thái"), required=False, choices=ALL + list(Status.choices)
    )
    kind = forms.ChoiceField(label=gettext_lazy("Loại"), required=False, choices=ALL + list(Kind.choices))
    channel = forms.ChoiceField(
        label=gettext_lazy("Kênh"), required=False, choices=ALL + list(Channel.choices)
    )
    unit = forms.ModelChoiceField(label=gettext_lazy("Đơn vị"), required=False, queryset=Unit.objects.none())
    overdue = forms.BooleanField(label=gettext_lazy("Chỉ quá hạn"), required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _queryset(self, "unit", units)


class PeriodForm(StyledForm):
    date_from = forms.DateField(
        label=gettext_lazy("Từ ngày"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label=gettext_lazy("Đến ngày"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        a, b = data.get("date_from"), data.get("date_to")
        if a and b and a > b:
            self.add_error("date_to", "“Đến ngày” phải sau hoặc bằng “Từ ngày”.")
        return data


class KeyForm(StyledForm):
    name = forms.CharField(label=gettext_lazy("Tên ứng dụng"), max_length=120)
    purpose = forms.ChoiceField(
        label=gettext_lazy("Dùng cho"), choices=KeyPurpose.choices, initial=KeyPurpose.OPEN311, required=False
    )

    def clean_purpose(self) -> str:
        return str(self.cleaned_data.get("purpose") or KeyPurpose.OPEN311)


class TrackForm(StyledForm):
    code = forms.CharField(
        label=gettext_lazy("Mã theo dõi"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocapitalize": "characters"}),
    )
    contact = forms.CharField(
        label=gettext_lazy("Số điện thoại (hoặc thư điện tử đã dùng để gửi)"),
        max_length=254,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )


class RateForm(StyledForm):
    satisfied = forms.TypedChoiceField(
        label=gettext_lazy("Ông/Bà có hài lòng với trả lời không?"),
        choices=[("1", gettext_lazy("Hài lòng")), ("0", gettext_lazy("Không hài lòng"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("Ý kiến thêm (không bắt buộc)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class ReasonForm(StyledForm):
    reason = forms.CharField(
        label=gettext_lazy("Lý do"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class SupplementForm(StyledForm):
    text = forms.CharField(
        label=gettext_lazy("Thông tin bổ sung"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )
    attachments = MultipleFileField(label=gettext_lazy("Ảnh hoặc tệp PDF"), required=False)


# --- staff action forms -----------------------------------------------------------------------------


class WhatForm(StyledForm):
    what = forms.CharField(
        label=gettext_lazy("Thông tin cần bổ sung"), widget=forms.Textarea(attrs={"rows": 3})
    )


class NoteForm(StyledForm):
    note = forms.CharField(
        label=gettext_lazy("Ý kiến"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class TransferForm(StyledForm):
    unit = forms.ModelChoiceField(label=gettext_lazy("Chuyển đến đơn vị"), queryset=Unit.objects.none())
    reason = forms.CharField(label=gettext_lazy("Lý do chuyển"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _queryset(self, "unit", units)


class AssignForm(StyledForm):
    official = forms.ModelChoiceField(label=gettext_lazy("Cán bộ xử lý"), queryset=Official.objects.none())

    def __init__(self, *args: Any, officials: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _queryset(self, "official", officials)


class ReclassifyForm(StyledForm):
    kind = forms.ChoiceField(
        label=gettext_lazy("Loại đúng"),
        choices=[(k.value, k.label) for k in (Kind.FEEDBACK, Kind.PETITION, Kind.ACCOUNTABILITY)],
    )


REDIRECT_TEXT = {
    Kind.COMPLAINT: (
        "Nội dung của Ông/Bà là khiếu nại đối với quyết định hành chính, hành vi hành chính, được giải quyết "
        "theo Luật Khiếu nại năm 2011, không thuộc phạm vi tiếp nhận phản ánh, kiến nghị theo Nghị định "
        "20/2008/NĐ-CP. Đề nghị Ông/Bà gửi đơn khiếu nại đến người có thẩm quyền giải quyết "
        "khiếu nại lần đầu (người đã ra quyết định hoặc thủ trưởng cơ quan có cán bộ có hành vi "
        "bị khiếu nại)."
    ),
    Kind.DENUNCIATION: (
        "Nội dung của Ông/Bà là tố cáo, được giải quyết theo Luật Tố cáo năm 2018, không thuộc phạm vi tiếp "
        "nhận phản ánh, kiến nghị theo Nghị định 20/2008/NĐ-CP. Đề nghị Ông/Bà gửi đơn tố cáo đến cơ quan, "
        "người có thẩm quyền quản lý người bị tố cáo; danh tính người tố cáo được giữ bí mật theo quy định."
    ),
}


class RedirectForm(StyledForm):
    kind = forms.ChoiceField(
        label=gettext_lazy("Loại đơn"),
        choices=[
            (Kind.COMPLAINT.value, gettext_lazy("Khiếu nại")),
            (Kind.DENUNCIATION.value, gettext_lazy("Tố cáo")),
        ],
    )
    explanation = forms.CharField(
        label=gettext_lazy("Căn cứ pháp lý và hướng dẫn"),
        # Vietnamese text sent to the citizen, whatever the language of the official's page.
        widget=forms.Textarea(attrs={"rows": 5, "lang": "vi"}),
        initial=REDIRECT_TEXT[Kind.COMPLAINT],
    )
    address = forms.CharField(label=gettext_lazy("Cơ quan có thẩm quyền, địa chỉ gửi đơn"), max_length=500)


class DraftForm(StyledForm):
    text = forms.CharField(label=gettext_lazy("Nội dung trả lời"), widget=forms.Textarea(attrs={"rows": 8}))
    legal_basis = forms.CharField(
        label=gettext_lazy("Căn cứ pháp lý"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    meeting_results = forms.CharField(
        label=gettext_lazy("Kết quả làm việc trực tiếp với người yêu cầu giải trình (nếu có)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, accountability: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if accountability:
            # ND 59/2019: the explanation document states the legal basis (docs/rules/petitions.md).
            self.fields["legal_basis"].required = True
            self.fields["legal_basis"].error_messages["required"] = gettext_lazy(
                "Văn bản giải trình phải nêu căn cứ pháp lý (Nghị định 59/2019/NĐ-CP)."
            )
        else:
            del self.fields["meeting_results"]


class PublicTextsForm(StyledForm):
    public_title = forms.CharField(label=gettext_lazy("Tiêu đề công khai"), max_length=200, required=False)
    public_text = forms.CharField(
        label=gettext_lazy("Nội dung phản ánh (đã ẩn thông tin cá nhân)"),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "vi"}),  # published in Vietnamese
        required=False,
    )
    public_answer = forms.CharField(
        label=gettext_lazy("Nội dung trả lời công khai"),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "vi"}),
        required=False,
    )


class ApproveForm(PublicTextsForm):
    publish_now = forms.BooleanField(
        label=gettext_lazy("Công khai ngay trên cổng thông tin"), required=False, initial=True
    )


class ExtensionForm(StyledForm):
    days = forms.IntegerField(label=gettext_lazy("Số ngày gia hạn"), min_value=1, max_value=15)
    reason = forms.CharField(
        label=gettext_lazy("Lý do (nội dung phức tạp)"), widget=forms.Textarea(attrs={"rows": 2})
    )


class DecideForm(StyledForm):
    approve = forms.TypedChoiceField(
        label=gettext_lazy("Quyết định"),
        choices=[("1", gettext_lazy("Đồng ý")), ("0", gettext_lazy("Không đồng ý"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DuplicateForm(StyledForm):
    original = forms.CharField(label=gettext_lazy("Mã phản ánh gốc"), max_length=20)


class InfoReceivedForm(StyledForm):
    text = forms.CharField(
        label=gettext_lazy("Nội dung bổ sung người gửi cung cấp"), widget=forms.Textarea(attrs={"rows": 3})
    )
