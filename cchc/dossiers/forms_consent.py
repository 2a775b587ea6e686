"""Forms for a citizen's consent to progress messages: at the one-stop desk, and on the public look-up
page (where a signed token stands for the dossier's code and phone just proved)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cchc.core.widgets import QuickEmailInput, QuickHiddenInput
from cchc.dossiers.forms import StyledForm
from cchc.notify.models import ConsentChannel

CHANNEL_LABEL = _("Nhận thông báo qua")
CHANNEL_REQUIRED = _("Kênh nhận thông báo: chọn Zalo, tin nhắn SMS hoặc thư điện tử.")
# The channels' names, translated when the form is shown.
CHANNELS = [(value, _(label)) for value, label in ConsentChannel.choices]


class DeskConsentForm(StyledForm):
    channel = forms.ChoiceField(
        label=CHANNEL_LABEL,
        choices=CHANNELS,
        error_messages={"invalid_choice": CHANNEL_REQUIRED},
    )
    address = forms.CharField(
        label=_("Số điện thoại hoặc thư điện tử nhận thông báo"),
        max_length=255,
        required=False,
        help_text=_("Để trống: dùng số điện thoại (hoặc thư điện tử) đã khai trong hồ sơ."),
    )


class PublicConsentForm(StyledForm):
    # The proof of the look-up just made, signed by the server (never the phone: the look-up page does
    # not write the typed phone back into the page).
    token = forms.CharField(max_length=300, widget=QuickHiddenInput)
    channel = forms.ChoiceField(
        label=CHANNEL_LABEL,
        choices=CHANNELS,
        required=False,
        error_messages={"invalid_choice": CHANNEL_REQUIRED},
    )
    email = forms.CharField(
        label=_("Thư điện tử (chỉ khi chọn nhận qua thư điện tử)"),
        max_length=254,
        required=False,
        widget=QuickEmailInput(attrs={"autocomplete": "email"}),
    )
    action = forms.ChoiceField(choices=[("give", "give"), ("withdraw", "withdraw")], widget=forms.HiddenInput)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("action") == "give" and not data.get("channel"):
            self.add_error(
                "channel", gettext("Kênh nhận thông báo: chọn Zalo, tin nhắn SMS hoặc thư điện tử.")
            )
        if (
            data.get("action") == "give"
            and data.get("channel") == ConsentChannel.EMAIL
            and not data.get("email")
        ):
            self.add_error("email", gettext("Thư điện tử: cần nhập địa chỉ khi chọn nhận qua thư điện tử."))
        return data
