"""Forms of the sign-in flow and the security page. Labels and messages in Vietnamese."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy

from cchc.accounts.backup_codes import looks_like_backup_code
from cchc.accounts.models import User
from cchc.core.invalid_fields import MarksInvalidFields

CODE_DIGITS = 6


class StyledForm(MarksInvalidFields):
    """Bootstrap classes on every input, and ``is-invalid`` on those with an error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = field.widget.attrs.get("class", "")
            if "form-control" not in css:
                field.widget.attrs["class"] = f"{css} form-control".strip()


class SignInForm(StyledForm):
    username = forms.CharField(
        label=gettext_lazy("Tên đăng nhập"),
        max_length=150,
        error_messages={"required": gettext_lazy("Vui lòng nhập tên đăng nhập.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "autofocus": True, "autocapitalize": "none"}
        ),
    )
    password = forms.CharField(
        label=gettext_lazy("Mật khẩu"),
        strip=False,
        error_messages={"required": gettext_lazy("Vui lòng nhập mật khẩu.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    # Asked only from an address with many recent failures (password spraying): then the password and
    # the authenticator's code (or a backup code) are checked together.
    code = forms.CharField(
        label=gettext_lazy("Mã xác thực 6 số (hoặc mã dự phòng)"),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class CodeForm(StyledForm):
    """The 6-digit code of the authenticator app. Spaces are allowed: apps show "123 456"."""

    allow_backup_code = False

    code = forms.CharField(
        label=gettext_lazy("Mã xác thực (6 chữ số)"),
        max_length=24,
        error_messages={"required": gettext_lazy("Vui lòng nhập mã 6 chữ số trong ứng dụng xác thực.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "pattern": r"[0-9 \-]*",
                "class": "form-control form-control-lg text-center code-input",
            }
        ),
    )

    def clean_code(self) -> str:
        typed = self.cleaned_data["code"]
        if self.allow_backup_code and looks_like_backup_code(typed):
            return typed
        code = re.sub(r"\s+", "", typed)
        if not re.fullmatch(rf"\d{{{CODE_DIGITS}}}", code):
            if self.allow_backup_code:
                raise forms.ValidationError(
                    gettext_lazy(
                        "Mã xác thực gồm đúng 6 chữ số (ví dụ 123456); "
                        "mã dự phòng gồm 10 chữ số (ví dụ 12345-67890)."
                    )
                )
            raise forms.ValidationError(gettext_lazy("Mã xác thực gồm đúng 6 chữ số, ví dụ 123456."))
        return code


class SignInCodeForm(CodeForm):
    """Step 2 of signing in also takes a backup code instead of the authenticator's."""

    allow_backup_code = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].label = gettext_lazy("Mã xác thực (6 chữ số) hoặc mã dự phòng")


class ChangePasswordForm(StyledForm, PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": gettext_lazy("Mật khẩu hiện tại không đúng."),
        "password_mismatch": gettext_lazy("Hai lần nhập mật khẩu mới không giống nhau."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = gettext_lazy("Mật khẩu hiện tại")
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        self.fields["new_password1"].label = gettext_lazy("Mật khẩu mới")
        self.fields["new_password2"].label = gettext_lazy("Nhập lại mật khẩu mới")
        self.fields["new_password2"].help_text = ""


class ConfirmPasswordForm(StyledForm):
    """Re-entering the password before a sensitive change (resetting the authenticator)."""

    password = forms.CharField(
        label=gettext_lazy("Mật khẩu hiện tại"),
        strip=False,
        error_messages={"required": gettext_lazy("Vui lòng nhập mật khẩu hiện tại.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(gettext_lazy("Mật khẩu hiện tại không đúng."))
        return password


class ResetRequestForm(StyledForm, PasswordResetForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["email"]
        field.label = gettext_lazy("Địa chỉ thư điện tử của tài khoản")
        field.error_messages = {
            "required": gettext_lazy("Vui lòng nhập địa chỉ thư điện tử."),
            "invalid": gettext_lazy("Địa chỉ thư điện tử không hợp lệ, ví dụ: ten@vungtau.gov.vn."),
        }


class ResetPasswordForm(StyledForm, SetPasswordForm):
    error_messages = {
        **SetPasswordForm.error_messages,
        "password_mismatch": gettext_lazy("Hai lần nhập mật khẩu mới không giống nhau."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = gettext_lazy("Mật khẩu mới")
        self.fields["new_password2"].label = gettext_lazy("Nhập lại mật khẩu mới")
        self.fields["new_password2"].help_text = ""
