"""Sign-in rules: who may skip the second factor, when a user name is locked, which device verifies.

Reads only; the state changes (failures, devices, audit rows) live in ``actions.py``.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from cchc.accounts.models import LoginFailure

# How long a half-finished sign-in (password given, code not yet) keeps its session alive.
PENDING_SIGN_IN_SECONDS = 10 * 60


def max_failures() -> int:
    return int(getattr(settings, "CCHC_LOGIN_MAX_FAILURES", 5))


def lockout_window() -> dt.timedelta:
    return dt.timedelta(minutes=int(getattr(settings, "CCHC_LOGIN_LOCKOUT_MINUTES", 15)))


def skips_second_factor(user: Any) -> bool:
    """Only a demo installation waives the code, and only for the accounts it flagged as demo ones.

    A setting may turn the second factor off for the demo only (docs/security.md). Both
    switches are checked, so that CCHC_DEMO_WITHOUT_2FA left on by mistake in a real installation
    (CCHC_DEMO off) waives nothing.
    """
    return bool(
        getattr(settings, "CCHC_DEMO", False)
        and getattr(settings, "CCHC_DEMO_WITHOUT_2FA", False)
        and getattr(user, "is_demo", False)
    )


def second_factor_satisfied(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_verified", lambda: False)():
        return True
    return skips_second_factor(user)


def confirmed_device(user: Any) -> TOTPDevice | None:
    """The authenticator the user proves themselves with (re-enrolment keeps exactly one)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def username_key(username: str) -> str:
    # Failures are counted per typed name, case-insensitively, so that "Leader" and "leader" share
    # one counter. Unknown names get a counter too: the lockout answer must not reveal which exist.
    return username.strip().casefold()[:150]


@dataclass(frozen=True)
class Lockout:
    until: dt.datetime
    by_address: bool = False

    @property
    def local_until(self) -> dt.datetime:
        return timezone.localtime(self.until)

    def message(self) -> str:
        at = self.local_until
        if self.by_address:
            # Not a refusal: the address's own users still get in with the code (views.login_view).
            return gettext(
                "Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này, nên đến "
                "%(time)s ngày %(date)s hệ thống cần cả mật khẩu và mã xác thực 6 số "
                "(hoặc một mã dự phòng) trong cùng một lần gửi."
            ) % {"time": f"{at:%H:%M}", "date": f"{at:%d/%m/%Y}"}
        return gettext(
            "Tên đăng nhập này đang tạm khoá vì nhập sai quá %(n)s lần. "
            "Vui lòng thử lại sau %(time)s ngày %(date)s. "
            "Nếu quên mật khẩu, bạn có thể đặt lại mật khẩu ngay bây giờ rồi đăng nhập sau thời điểm trên."
        ) % {"n": max_failures(), "time": f"{at:%H:%M}", "date": f"{at:%d/%m/%Y}"}


def lockout_for(username: str, now: dt.datetime | None = None) -> Lockout | None:
    """The lockout in force for this user name, if any.

    A lockout starts with the failure that makes CCHC_LOGIN_MAX_FAILURES failures within
    CCHC_LOGIN_LOCKOUT_MINUTES, and lasts CCHC_LOGIN_LOCKOUT_MINUTES from that failure. Attempts
    refused during a lockout are not recorded as failures, so they do not extend it.
    """
    now = now or timezone.now()
    window = lockout_window()
    key = username_key(username)
    latest = LoginFailure.objects.filter(username=key).order_by("-at").values_list("at", flat=True).first()
    if latest is None or latest <= now - window:
        return None
    recent = LoginFailure.objects.filter(username=key, at__gt=latest - window, at__lte=latest).count()
    if recent >= max_failures():
        return Lockout(until=latest + window)
    return None


def ip_max_failures() -> int:
    return int(getattr(settings, "CCHC_LOGIN_MAX_FAILURES_PER_IP", 50))


def address_lockout_for(ip: str | None, now: dt.datetime | None = None) -> Lockout | None:
    """The refusal in force for a network address, if any.

    The per-name lockout never stops password spraying — one guess at each of many names — so failures
    are also counted per address, any name. The threshold is high (a ward's whole office may sit behind
    one address) and off when 0. Like the per-name lockout, it lasts CCHC_LOGIN_LOCKOUT_MINUTES from
    the failure that reached it.
    """
    limit = ip_max_failures()
    if not ip or limit <= 0:
        return None
    now = now or timezone.now()
    window = lockout_window()
    latest = LoginFailure.objects.filter(ip=ip).order_by("-at").values_list("at", flat=True).first()
    if latest is None or latest <= now - window:
        return None
    recent = LoginFailure.objects.filter(ip=ip, at__gt=latest - window, at__lte=latest).count()
    if recent >= limit:
        return Lockout(until=latest + window, by_address=True)
    return None


def attempts_left(username: str, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    since = now - lockout_window()
    recent = LoginFailure.objects.filter(username=username_key(username), at__gt=since).count()
    return max(max_failures() - recent, 0)


def client_ip(request: HttpRequest) -> str | None:
    # Behind the TLS proxy (SECURE_PROXY_SSL_HEADER is set then), REMOTE_ADDR is the proxy's; the
    # proxy appends the address it saw to X-Forwarded-For, so the right-most entry is trustworthy.
    raw = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            raw = forwarded.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return None
