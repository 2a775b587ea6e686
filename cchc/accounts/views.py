"""Sign-in in two steps (password, then the authenticator's code), enrolment, security page, logout.

Officials log in with password plus a TOTP second factor; lockout after
repeated failures; password reset by e-mail; sessions expire. How it fits together: docs/security.md.
"""

from __future__ import annotations

from base64 import b32encode
from typing import Any
from urllib.parse import urlencode

import django_otp
import segno
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from cchc.accounts import actions
from cchc.accounts.backup_codes import looks_like_backup_code
from cchc.accounts.forms import (
    ChangePasswordForm,
    CodeForm,
    ConfirmPasswordForm,
    ResetPasswordForm,
    ResetRequestForm,
    SignInCodeForm,
    SignInForm,
)
from cchc.accounts.middleware import second_factor_exempt
from cchc.accounts.models import BackupCodeDevice, User
from cchc.accounts.policy import (
    PENDING_SIGN_IN_SECONDS,
    Lockout,
    address_lockout_for,
    attempts_left,
    client_ip,
    confirmed_device,
    lockout_for,
    lockout_window,
    second_factor_satisfied,
    skips_second_factor,
)
from cchc.accounts.queries import sign_in_events_for
from cchc.core import ratelimit

# Session key: the account that re-entered its password to replace its authenticator.
REENROL_SESSION_KEY = "cchc_reenrol_user"
RECENT_SIGN_INS = 20

# The sign-in pages show no staff navigation: the user is not in yet.
WRONG_TOTP_CODE = gettext_lazy(
    "Mã xác thực không đúng hoặc đã hết hạn (mỗi mã chỉ dùng được một lần, trong 30 giây)."
)
WRONG_BACKUP_CODE = gettext_lazy("Mã dự phòng không đúng hoặc đã được dùng.")
SIGN_IN_CONTEXT: dict[str, Any] = {"nav_items": [], "signing_in": True}


# --- helpers ----------------------------------------------------------------------------------


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(url_name: str, next_url: str) -> str:
    url = reverse(url_name)
    default = resolve_url(settings.LOGIN_REDIRECT_URL)
    return f"{url}?{urlencode({'next': next_url})}" if next_url and next_url != default else url


def _refuse_locked(request: HttpRequest, lockout: Lockout) -> HttpResponse:
    """End a half-finished sign-in that hit the lockout, and say when to come back."""
    auth.logout(request)
    messages.error(request, lockout.message())
    return redirect("accounts:login")


def _failure_message(username: str, wrong: str) -> str:
    left = attempts_left(username)
    minutes = int(lockout_window().total_seconds() // 60)
    return gettext("%(wrong)s Còn %(left)s lần thử trước khi bị tạm khoá %(minutes)s phút.") % {
        "wrong": wrong,
        "left": left,
        "minutes": minutes,
    }


def _finish_sign_in(request: HttpRequest, user: User, method: str) -> HttpResponse:
    # A new session key once the second factor is passed, against session fixation at step 2.
    request.session.cycle_key()
    request.session.set_expiry(None)  # back to the normal policy (SESSION_COOKIE_AGE, browser close)
    actions.note_signed_in(user, ip=client_ip(request), method=method)
    return HttpResponseRedirect(_next_url(request))


def _qr_svg(device: TOTPDevice) -> SafeString:
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5, border=2)
    # segno writes the SVG itself; nothing user-typed reaches it except the user name, URL-quoted.
    return mark_safe(svg)


def _grouped_secret(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _throttle_message(device: TOTPDevice) -> str | None:
    allowed, info = device.verify_is_allowed()
    if allowed:
        return None
    until = (info or {}).get("locked_until")
    seconds = max(int((until - timezone.now()).total_seconds()) + 1, 1) if until else 1
    return gettext("Bạn vừa nhập sai mã. Vui lòng đợi %(seconds)s giây rồi nhập lại.") % {"seconds": seconds}


# --- step 1: password ---------------------------------------------------------------------------


@second_factor_exempt
@sensitive_post_parameters("password")
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = _next_url(request)
    if request.method == "GET" and second_factor_satisfied(request.user):
        return HttpResponseRedirect(next_url)
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        ip = client_ip(request)
        by_address = address_lockout_for(ip)
        claim, lockout = actions.claim_attempt(username, ip=ip)
        if lockout is not None:
            # Refused even with the right password: the password is not even checked.
            actions.note_refused_sign_in(username, ip=ip, lockout=lockout)
            form.add_error(None, lockout.message())
        elif by_address is not None:
            # Many failures from this address (password spraying): its users still get in, with the
            # password and the authenticator's code together, and a wrong pair never says which half.
            done = _sign_in_from_busy_address(request, form, claim, by_address)
            if done is not None:
                return done
        else:
            user = auth.authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                lockout = actions.note_failed_sign_in(username, ip=ip, stage="password", claim=claim)
                # One message for an unknown name and a wrong password: no hint of which names exist.
                form.add_error(
                    None,
                    lockout.message()
                    if lockout
                    else _failure_message(username, gettext("Tên đăng nhập hoặc mật khẩu không đúng.")),
                )
            else:
                assert isinstance(user, User)
                actions.release_attempt(claim)
                auth.login(request, user)
                if skips_second_factor(user):
                    return _finish_sign_in(request, user, "demo")
                # Password alone is half a sign-in: keep it only briefly.
                request.session.set_expiry(PENDING_SIGN_IN_SECONDS)
                step = "accounts:otp" if confirmed_device(user) else "accounts:enrol"
                return redirect(_with_next(step, next_url))
    ask_code = request.method == "POST" and address_lockout_for(client_ip(request)) is not None
    return render(
        request,
        "accounts/login.html",
        {
            **SIGN_IN_CONTEXT,
            "form": form,
            "ask_code": ask_code,
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
    )


BUSY_WRONG = gettext_lazy("Tên đăng nhập, mật khẩu hoặc mã xác thực không đúng.")


def _sign_in_from_busy_address(
    request: HttpRequest, form: SignInForm, claim: Any, lockout: Lockout
) -> HttpResponse | None:
    """Password and second factor checked together; a redirect when both are right, else None with the
    form's error (one message for any wrong half, so the address learns nothing about the password)."""
    username = form.cleaned_data["username"]
    ip = client_ip(request)
    typed = (form.cleaned_data.get("code") or "").strip()
    if not typed:
        actions.release_attempt(claim)  # nothing was checked
        actions.note_refused_sign_in(username, ip=ip, lockout=lockout)
        form.add_error(None, lockout.message())
        return None
    user = auth.authenticate(request, username=username, password=form.cleaned_data["password"])
    verified = None
    if isinstance(user, User):
        device = confirmed_device(user)
        backup = actions.backup_device(user) if looks_like_backup_code(typed) else None
        if backup is not None:
            verified = django_otp.verify_token(user, backup.persistent_id, typed)
        elif device is not None and _throttle_message(device) is None:
            verified = django_otp.verify_token(user, device.persistent_id, typed)
    if verified is None or not isinstance(user, User):
        locked = actions.note_failed_sign_in(username, ip=ip, stage="password", claim=claim)
        form.add_error(None, locked.message() if locked else BUSY_WRONG)
        return None
    actions.release_attempt(claim)
    auth.login(request, user)
    django_otp.login(request, verified)
    if isinstance(verified, BackupCodeDevice):
        actions.note_backup_code_used(user, verified)
        return _finish_sign_in(request, user, "backup_code")
    return _finish_sign_in(request, user, "totp")


# --- step 2: the authenticator's code --------------------------------------------------------------


@second_factor_exempt
@sensitive_post_parameters("code")
@never_cache
def otp_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    next_url = _next_url(request)
    if not user.is_authenticated:
        return redirect(_with_next("accounts:login", next_url))
    assert isinstance(user, User)
    if second_factor_satisfied(user):
        return HttpResponseRedirect(next_url)
    device = confirmed_device(user)
    if device is None:
        return redirect(_with_next("accounts:enrol", next_url))
    lockout = lockout_for(user.get_username())
    if lockout is not None:
        return _refuse_locked(request, lockout)

    form = SignInCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username, ip = user.get_username(), client_ip(request)
        typed = form.cleaned_data["code"]
        backup = actions.backup_device(user) if looks_like_backup_code(typed) else None
        throttled = None if backup is not None else _throttle_message(device)
        claim, lockout = (None, None) if throttled else actions.claim_attempt(username, ip=ip)
        if lockout is not None:
            return _refuse_locked(request, lockout)
        if throttled:
            form.add_error("code", throttled)
        else:
            verified = django_otp.verify_token(user, (backup or device).persistent_id, typed)
            if verified is not None:
                actions.release_attempt(claim)
                django_otp.login(request, verified)
                if isinstance(verified, BackupCodeDevice):
                    actions.note_backup_code_used(user, verified)
                    messages.warning(
                        request,
                        gettext(
                            "Bạn vừa đăng nhập bằng mã dự phòng; còn %(n)s mã. "
                            "Nếu điện thoại bị mất, hãy thiết lập lại ứng dụng xác thực."
                        )
                        % {"n": verified.remaining()},
                    )
                    return _finish_sign_in(request, user, "backup_code")
                return _finish_sign_in(request, user, "totp")
            lockout = actions.note_failed_sign_in(username, ip=ip, stage="otp", claim=claim)
            if lockout is not None:
                return _refuse_locked(request, lockout)
            form.add_error(
                "code",
                _failure_message(
                    user.get_username(),
                    str(WRONG_BACKUP_CODE if looks_like_backup_code(typed) else WRONG_TOTP_CODE),
                ),
            )
    return render(
        request,
        "accounts/otp.html",
        {**SIGN_IN_CONTEXT, "form": form, "next": request.GET.get("next", "")},
    )


# --- enrolment: a new authenticator ------------------------------------------------------------


@second_factor_exempt
@sensitive_post_parameters("code")
@never_cache
def enrol_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    next_url = _next_url(request)
    if not user.is_authenticated:
        return redirect(_with_next("accounts:login", next_url))
    assert isinstance(user, User)
    reenrol = request.session.get(REENROL_SESSION_KEY) == user.pk and second_factor_satisfied(user)
    if not reenrol:
        if second_factor_satisfied(user):
            return HttpResponseRedirect(next_url)
        if confirmed_device(user) is not None:
            # Whoever has the password only must not swap in their own authenticator.
            return redirect(_with_next("accounts:otp", next_url))
        lockout = lockout_for(user.get_username())
        if lockout is not None:
            return _refuse_locked(request, lockout)

    device = actions.start_enrolment(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        throttled = _throttle_message(device)
        if throttled:
            form.add_error("code", throttled)
        else:
            with transaction.atomic():
                locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
                ok = locked.verify_token(form.cleaned_data["code"])
            if ok:
                actions.confirm_device(user, locked)
                django_otp.login(request, locked)
                if reenrol:
                    request.session.pop(REENROL_SESSION_KEY, None)
                    messages.success(
                        request,
                        gettext("Đã thiết lập ứng dụng xác thực mới. Mã của ứng dụng cũ hết hiệu lực."),
                    )
                    return redirect("accounts:security")
                return _finish_sign_in(request, user, "enrol")
            message = gettext("Mã chưa đúng. Kiểm tra giờ trên điện thoại và nhập mã đang hiển thị.")
            if not reenrol:
                lockout = actions.note_failed_sign_in(
                    user.get_username(), ip=client_ip(request), stage="enrol"
                )
                if lockout is not None:
                    return _refuse_locked(request, lockout)
                message = _failure_message(user.get_username(), message)
            form.add_error("code", message)
    context = {
        "form": form,
        "qr_svg": _qr_svg(device),
        "secret": _grouped_secret(device),
        "issuer": getattr(settings, "OTP_TOTP_ISSUER", "CCHC"),
        "reenrol": reenrol,
        "next": request.GET.get("next", ""),
    }
    if not reenrol:
        context.update(SIGN_IN_CONTEXT)
    return render(request, "accounts/enrol.html", context)


# --- security page ------------------------------------------------------------------------------


@sensitive_post_parameters("old_password", "new_password1", "new_password2", "password")
@never_cache
@login_required
def security_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    purpose = request.POST.get("purpose", "") if request.method == "POST" else ""
    password_form = ChangePasswordForm(user, request.POST if purpose == "password" else None)
    authenticator_form = ConfirmPasswordForm(user, request.POST if purpose == "authenticator" else None)

    if purpose == "password" and password_form.is_valid():
        actions.change_password(user, password_form.cleaned_data["new_password1"])
        # Keeps this session (and its verified second factor); every other session of the account ends.
        auth.update_session_auth_hash(request, user)
        messages.success(request, gettext("Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc."))
        return redirect("accounts:security")
    backup_form = ConfirmPasswordForm(
        user, request.POST if purpose == "backup_codes" else None, auto_id="backup_%s"
    )
    if purpose == "backup_codes":
        if backup_form.is_valid():
            codes = actions.create_backup_codes(user)
            # Shown once, never stored in clear: this response is the only copy.
            return render(request, "accounts/backup_codes.html", {"codes": codes})
        if backup_form.has_error("password"):
            lockout = actions.note_failed_sign_in(user.get_username(), ip=client_ip(request), stage="reauth")
            if lockout is not None:
                return _refuse_locked(request, lockout)
    if purpose == "authenticator":
        if authenticator_form.is_valid():
            request.session[REENROL_SESSION_KEY] = user.pk
            return redirect("accounts:enrol")
        if authenticator_form.has_error("password"):
            lockout = actions.note_failed_sign_in(user.get_username(), ip=client_ip(request), stage="reauth")
            if lockout is not None:
                return _refuse_locked(request, lockout)

    return render(
        request,
        "accounts/security.html",
        {
            "password_form": password_form,
            "authenticator_form": authenticator_form,
            "device": confirmed_device(user),
            "backup_form": backup_form,
            "backup_left": backup.remaining() if (backup := actions.backup_device(user)) else None,
            "demo_waiver": skips_second_factor(user),
            "events": list(sign_in_events_for(user)[:RECENT_SIGN_INS]),
        },
    )


# --- logout -------------------------------------------------------------------------------------


@second_factor_exempt
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_authenticated:
        assert isinstance(user, User)
        actions.note_signed_out(user, ip=client_ip(request))
    auth.logout(request)
    messages.info(request, gettext("Bạn đã đăng xuất."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


# --- password reset by e-mail (Django's views; the reset never signs the user in) ------------------


def _reset_validity() -> str:
    seconds = int(settings.PASSWORD_RESET_TIMEOUT)
    if seconds % 86400 == 0:
        days = seconds // 86400
        return ngettext("%(n)s ngày", "%(n)s ngày", days) % {"n": days}
    hours = max(seconds // 3600, 1)
    return ngettext("%(n)s giờ", "%(n)s giờ", hours) % {"n": hours}


class ResetRequestView(auth_views.PasswordResetView):
    form_class = ResetRequestForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_context = SIGN_IN_CONTEXT

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        """Hand the e-mail to the worker, within the limits; the same answer in every case, so neither
        the page nor its timing says whether the address has an account or was limited."""
        from cchc.accounts.jobs import send_password_reset

        email = form.cleaned_data["email"].strip().casefold()
        ip = client_ip(self.request) or "unknown"
        limited = ratelimit.over_limit(
            f"cchc:reset:ip:{ratelimit.hashed(ip)}", int(settings.CCHC_PASSWORD_RESET_PER_IP_HOUR), 3600
        )
        limited = limited or ratelimit.over_limit(
            f"cchc:reset:email:{ratelimit.hashed(email)}",
            int(settings.CCHC_PASSWORD_RESET_PER_ADDRESS_HOUR),
            3600,
        )
        if not limited:
            with translation.override(settings.LANGUAGE_CODE):  # the e-mail is written in Vietnamese
                validity = _reset_validity()
            send_password_reset.enqueue(email, self.request.get_host(), self.request.is_secure(), validity)
        return HttpResponseRedirect(self.get_success_url())


class ResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"
    extra_context = SIGN_IN_CONTEXT

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "reset_validity": _reset_validity()}


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = ResetPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    # Never sign in from the e-mail link: the new password still needs the second factor.
    post_reset_login = False
    extra_context = SIGN_IN_CONTEXT

    def form_valid(self, form: SetPasswordForm[User]) -> HttpResponse:
        response = super().form_valid(form)
        actions.note_password_reset(form.user, ip=client_ip(self.request))
        return response


class ResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"
    extra_context = SIGN_IN_CONTEXT


reset_request_view = second_factor_exempt(ResetRequestView.as_view())
reset_done_view = second_factor_exempt(ResetDoneView.as_view())
reset_confirm_view = second_factor_exempt(ResetConfirmView.as_view())
reset_complete_view = second_factor_exempt(ResetCompleteView.as_view())
