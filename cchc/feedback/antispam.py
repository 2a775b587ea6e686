"""Keeping the public form usable without any internet service (no CAPTCHA provider).

Four guards, each cheap: a honeypot field people never see; a time trap (a form sent back faster
than a person can type is a script's); rate limits per address and per phone number in the cache;
and duplicate linking (``intake``), which turns a flood of repeats of one matter into one case.
The cache is the project's (``CACHES``): with Redis, limits hold across web workers; with the local
memory cache, per worker process.
"""

from __future__ import annotations

import hashlib
import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest

from cchc.accounts.policy import client_ip
from cchc.feedback.conf import setting

HONEYPOT_FIELD = "website"
STAMP_FIELD = "started"
_SALT = "cchc.feedback.form-stamp"

TOO_MANY_FROM_ADDRESS = (
    "Có quá nhiều phản ánh được gửi từ địa chỉ mạng của bạn trong một giờ. Vui lòng thử lại sau, "
    "hoặc gọi đường dây nóng."
)
TOO_MANY_FROM_PHONE = (
    "Số điện thoại này đã gửi nhiều phản ánh trong hôm nay. Nếu cần bổ sung, vui lòng dùng trang theo "
    "dõi phản ánh với mã đã nhận."
)
TOO_FAST = "Biểu mẫu được gửi quá nhanh. Vui lòng kiểm tra lại nội dung rồi bấm Gửi lại."


def address(request: HttpRequest) -> str:
    if setting("CCHC_FEEDBACK_TRUST_X_FORWARDED_FOR"):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            # The right-most entry is the one our proxy appended; the left ones are the client's to forge
            # (a new address per request would escape every limit).
            return forwarded.split(",")[-1].strip()
    return client_ip(request) or "unknown"


def hash_address(ip: str) -> str:
    """Kept on the petition to spot floods later, without storing the address itself."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()[:32]


# A stamp is good for a day (a citizen may leave the form open), and for one petition only.
STAMP_MAX_AGE = 24 * 3600
STAMP_BAD = "Biểu mẫu đã quá hạn hoặc không hợp lệ. Vui lòng tải lại trang rồi gửi lại."
STAMP_USED = "Biểu mẫu này đã được gửi một lần. Vui lòng tải lại trang nếu muốn gửi phản ánh khác."


def form_stamp() -> str:
    """Signed (SECRET_KEY) time the form was shown, with a random nonce that makes it single-use."""
    return signing.dumps({"t": time.time(), "n": secrets.token_urlsafe(12)}, salt=_SALT)


def _stamp(stamp: str) -> dict[str, object] | None:
    try:
        data = signing.loads(stamp, salt=_SALT, max_age=STAMP_MAX_AGE)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("t"), float | int) or not data.get("n"):
        return None
    return data


def _used_key(data: dict[str, object]) -> str:
    return f"cchc:feedback:stamp:{data['n']}"


def stamp_problem(stamp: str) -> str:
    """Why the form's time stamp is refused ("" when it is fine): forged or expired, sent back faster
    than a person types, or already used for a petition."""
    minimum = float(setting("CCHC_FEEDBACK_MIN_FILL_SECONDS"))
    if not stamp:
        return TOO_FAST if minimum > 0 else ""
    data = _stamp(stamp)
    if data is None:
        return STAMP_BAD
    if minimum > 0 and time.time() - float(data["t"]) < minimum:  # type: ignore[arg-type]
        return TOO_FAST
    if cache.get(_used_key(data)):
        return STAMP_USED
    return ""


def use_stamp(stamp: str) -> bool:
    """Mark the stamp used, atomically; False when another request used it first."""
    data = _stamp(stamp) if stamp else None
    if data is None:
        return True  # no stamp to spend (the time trap is off)
    return bool(cache.add(_used_key(data), 1, timeout=STAMP_MAX_AGE))


def _count(key: str, window: int) -> int:
    cache.add(key, 0, timeout=window)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def rate_limited(request: HttpRequest, phone: str) -> str:
    """Count one submission; the message to show if it goes over a limit, else ""."""
    if not setting("CCHC_FEEDBACK_RATE_LIMITS"):
        return ""
    ip_key = hash_address(address(request))
    if _count(f"cchc:feedback:ip:{ip_key}", 3600) > int(setting("CCHC_FEEDBACK_RATE_PER_IP_HOUR")):
        return TOO_MANY_FROM_ADDRESS
    if phone:
        phone_key = hashlib.sha256(phone.encode()).hexdigest()[:32]
        if _count(f"cchc:feedback:phone:{phone_key}", 86400) > int(
            setting("CCHC_FEEDBACK_RATE_PER_PHONE_DAY")
        ):
            return TOO_MANY_FROM_PHONE
    return ""


def key_rate_limited(key_id: int, setting_name: str = "CCHC_OPEN311_RATE_PER_KEY_HOUR") -> bool:
    """Requests per key per hour over the limit named by ``setting_name`` (Open311 writes, IOC reads)."""
    if not setting("CCHC_FEEDBACK_RATE_LIMITS"):
        return False
    return _count(f"cchc:apikey:{key_id}", 3600) > int(setting(setting_name))
