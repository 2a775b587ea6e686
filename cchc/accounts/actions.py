"""State changes of accounts and sign-in. Each writes an audit event (DEVELOPERS.md, actions rule).

Sign-in events are recorded against the account (object ``accounts.user``) so that the security page
can list a person's own recent sign-ins from the audit trail.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from cchc.accounts import backup_codes
from cchc.accounts.audit_events import AccountsEvents
from cchc.accounts.models import BackupCode, BackupCodeDevice, LoginFailure, User
from cchc.accounts.policy import Lockout, lockout_for, lockout_window, max_failures, username_key
from cchc.core.events import AuditVerb, record
from cchc.core.roles import JURISDICTION_WIDE, Role
from cchc.org.models import Jurisdiction, Official

logger = logging.getLogger(__name__)

DEVICE_NAME = "Ứng dụng xác thực"
FAILURE_RETENTION = dt.timedelta(days=30)

# Verbs of the sign-in trail (the security page lists these).
SIGNED_IN = AccountsEvents.LOGIN
SIGN_IN_FAILED = AccountsEvents.LOGIN_FAILED
LOCKED_OUT = AccountsEvents.LOCKOUT
SIGN_IN_REFUSED = AccountsEvents.LOGIN_REFUSED
SIGNED_OUT = AccountsEvents.LOGOUT
SIGN_IN_VERBS = (SIGNED_IN, SIGN_IN_FAILED, LOCKED_OUT, SIGN_IN_REFUSED)

STAGE_LABELS = {
    "password": "sai mật khẩu",
    "otp": "sai mã xác thực",
    "enrol": "sai mã khi thiết lập ứng dụng xác thực",
    "reauth": "sai mật khẩu khi xác nhận lại",
}
METHOD_LABELS = {
    "totp": "mật khẩu và mã xác thực",
    "enrol": "mật khẩu và thiết lập ứng dụng xác thực",
    "demo": "tài khoản trình diễn, không cần mã xác thực",
    "backup_code": "mật khẩu và mã dự phòng",
}


# --- accounts ---------------------------------------------------------------------------------


def create_account(
    actor: Any,
    *,
    username: str,
    password: str,
    role: str,
    official: Official | None = None,
    jurisdiction: Jurisdiction | None = None,
    is_demo: bool = False,
    email: str = "",
) -> User:
    """Create an official's login. Raises ``ValidationError`` (Vietnamese, per field) and changes
    nothing when the input is wrong."""
    username = username.strip()
    errors: dict[str, list[str]] = {}
    if not username:
        errors.setdefault("username", []).append("Tên đăng nhập không được để trống.")
    else:
        try:
            UnicodeUsernameValidator()(username)
        except ValidationError:
            errors.setdefault("username", []).append(
                f"Tên đăng nhập “{username}” chỉ được gồm chữ, số và các ký tự @ . + - _."
            )
        # Names differing only in case would share one lockout counter (policy.username_key).
        if User.objects.filter(username__iexact=username).exists():
            errors.setdefault("username", []).append(f"Tên đăng nhập “{username}” đã có người dùng.")
    if role not in Role.values:
        allowed = ", ".join(f"{r.value} ({r.label})" for r in Role)
        errors.setdefault("role", []).append(f"Vai trò “{role}” không hợp lệ. Chọn một trong: {allowed}.")
    elif role in JURISDICTION_WIDE:
        if jurisdiction is None and official is None:
            errors.setdefault("jurisdiction", []).append(
                f"Vai trò “{Role(role).label}” xem toàn địa bàn: cần chọn địa bàn hoặc cán bộ."
            )
    elif official is None:
        errors.setdefault("official", []).append(
            f"Vai trò “{Role(role).label}” làm việc trong một đơn vị: cần chọn cán bộ (có đơn vị)."
        )
    if official is not None and User.objects.filter(official=official).exists():
        errors.setdefault("official", []).append(
            f"Cán bộ “{official.full_name}” ({official.code}) đã có tài khoản."
        )
    if not email and official is not None:
        email = official.email
    candidate = User(username=username, email=email, official=official)
    try:
        validate_password(password, user=candidate)
    except ValidationError as exc:
        errors.setdefault("password", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        user = User.objects.create_user(
            username=username,
            password=password,
            email=email,
            role=role,
            official=official,
            jurisdiction=jurisdiction,
            is_demo=is_demo,
        )
        record(
            actor,
            AccountsEvents.ACCOUNT_CREATED,
            user,
            summary=f"Tạo tài khoản {username} ({Role(role).label})" + (" — trình diễn" if is_demo else ""),
            data={
                "username": username,
                "role": role,
                "official": official.code if official else None,
                "jurisdiction": jurisdiction.code if jurisdiction else None,
                "is_demo": is_demo,
            },
        )
    return user


# --- sign-in trail ----------------------------------------------------------------------------


def _account_named(username: str) -> User | None:
    # The same lookup as ModelBackend, so that the trail names the account the password was tried on.
    return User.objects.filter(username=username).first()


def claim_attempt(username: str, *, ip: str | None) -> tuple[LoginFailure | None, Lockout | None]:
    """Take one of the CCHC_LOGIN_MAX_FAILURES places before a password or code is checked.

    The place is a failure row written first, then counted: of any number of parallel attempts (on any
    number of processes), the k-th to commit sees at least k rows, so at most the limit see a count
    within it. A wrong answer keeps the row as its failure; a right one gives it back
    (``release_attempt``); a refused attempt removes it, so refusals never extend a lockout.
    """
    lockout = lockout_for(username)
    if lockout is not None:
        return None, lockout
    key = username_key(username)
    claim = LoginFailure.objects.create(username=key, ip=ip)
    taken = LoginFailure.objects.filter(username=key, at__gt=claim.at - lockout_window()).count()
    if taken > max_failures():
        claim.delete()
        return None, lockout_for(username) or Lockout(until=claim.at + lockout_window())
    return claim, None


def release_attempt(claim: LoginFailure | None) -> None:
    if claim is not None:
        LoginFailure.objects.filter(pk=claim.pk).delete()


def note_failed_sign_in(
    username: str, *, ip: str | None, stage: str, claim: LoginFailure | None = None
) -> Lockout | None:
    """Count a wrong password or code against the user name; return the lockout it triggers. With a
    ``claim`` (``claim_attempt``) the failure is already counted."""
    user = _account_named(username)
    with transaction.atomic():
        # Rows far older than any lockout window only fill the table; the audit trail keeps history.
        LoginFailure.objects.filter(at__lt=timezone.now() - FAILURE_RETENTION).delete()
        if claim is None:
            LoginFailure.objects.create(username=username_key(username), ip=ip)
        _sign_in_event(
            username,
            user,
            SIGN_IN_FAILED,
            f"Đăng nhập không thành công ({STAGE_LABELS.get(stage, stage)})",
            {"ip": ip, "stage": stage},
        )
        lockout = lockout_for(username)
        if lockout is not None:
            # Attempts refused during a lockout are not recorded, so a lockout seen right after a
            # recorded failure was started by it.
            _sign_in_event(
                username,
                user,
                LOCKED_OUT,
                f"Tạm khoá đăng nhập đến {lockout.local_until:%H:%M %d/%m/%Y}",
                {"ip": ip, "until": lockout.until.isoformat()},
            )
    return lockout


def note_refused_sign_in(username: str, *, ip: str | None, lockout: Lockout) -> None:
    _sign_in_event(
        username,
        _account_named(username),
        SIGN_IN_REFUSED,
        "Từ chối đăng nhập vì địa chỉ mạng đang tạm chặn do nhập sai nhiều lần"
        if lockout.by_address
        else "Từ chối đăng nhập vì tên đăng nhập đang tạm khoá",
        {"ip": ip, "until": lockout.until.isoformat(), "by_address": lockout.by_address},
    )


def note_signed_in(user: User, *, ip: str | None, method: str) -> None:
    """The whole sign-in succeeded (password, then code or the demo waiver): clear the failures."""
    with transaction.atomic():
        LoginFailure.objects.filter(username=username_key(user.get_username())).delete()
        record(
            user,
            SIGNED_IN,
            user,
            summary=f"Đăng nhập thành công ({METHOD_LABELS.get(method, method)})",
            data={"ip": ip, "method": method},
        )


def note_signed_out(user: User, *, ip: str | None) -> None:
    record(user, SIGNED_OUT, user, summary="Đăng xuất", data={"ip": ip})


def _sign_in_event(
    username: str, user: User | None, verb: AuditVerb, summary: str, data: dict[str, Any]
) -> None:
    record(
        username[:150],
        verb,
        user,
        object_type="accounts.user",
        summary=summary,
        data={"username": username[:150], **data},
    )


def unlock(actor: Any, username: str) -> int:
    """An administrator lifts a lockout early (e.g. after checking the official's identity)."""
    with transaction.atomic():
        count, _ = LoginFailure.objects.filter(username=username_key(username)).delete()
        record(
            actor,
            AccountsEvents.UNLOCKED,
            _account_named(username),
            object_type="accounts.user",
            summary=f"Mở khoá đăng nhập cho {username}",
            data={"username": username, "failures_cleared": count},
        )
    return count


# --- authenticator ----------------------------------------------------------------------------


def start_enrolment(user: User) -> TOTPDevice:
    """The pending authenticator shown as a QR code; the same one until confirmed, so a reload keeps
    the code the official may already have scanned."""
    pending = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if pending is not None:
        return pending
    with transaction.atomic():
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
        record(
            user, AccountsEvents.TOTP_ENROLMENT_STARTED, user, summary="Bắt đầu thiết lập ứng dụng xác thực"
        )
    return device


def confirm_device(user: User, device: TOTPDevice) -> None:
    """The official proved the new authenticator works: it becomes the only one."""
    with transaction.atomic():
        replaced = TOTPDevice.objects.filter(user=user).exclude(pk=device.pk)
        had_previous = replaced.filter(confirmed=True).exists()
        replaced.delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        record(
            user,
            AccountsEvents.TOTP_ENROLLED,
            user,
            summary="Thiết lập lại ứng dụng xác thực" if had_previous else "Thiết lập ứng dụng xác thực",
            data={"replaced_previous": had_previous},
        )
    if had_previous:
        _notify(
            user,
            "Ứng dụng xác thực của bạn vừa được thiết lập lại",
            "Tài khoản CCHC của bạn vừa được gắn với một ứng dụng xác thực mới; mã của ứng dụng cũ "
            "không còn dùng được.",
        )


def reset_authenticator(actor: Any, user: User) -> int:
    """An administrator removes a lost phone's authenticator: the official enrols again at the next
    sign-in, after the password."""
    with transaction.atomic():
        count, _ = TOTPDevice.objects.filter(user=user).delete()
        record(
            actor,
            AccountsEvents.TOTP_RESET,
            user,
            summary=f"Quản trị gỡ ứng dụng xác thực của {user.get_username()}",
            data={"devices_removed": count},
        )
    _notify(
        user,
        "Ứng dụng xác thực của bạn đã được gỡ",
        "Quản trị hệ thống đã gỡ ứng dụng xác thực khỏi tài khoản CCHC của bạn. Lần đăng nhập tới, "
        "bạn sẽ được hướng dẫn thiết lập lại.",
    )
    return count


# --- backup codes -----------------------------------------------------------------------------


def create_backup_codes(user: User) -> list[str]:
    """A new sheet of one-time codes; the previous sheet stops working. The codes are returned once,
    to be shown and printed; only their digests are kept."""
    codes = backup_codes.generate()
    with transaction.atomic():
        device, _ = BackupCodeDevice.objects.get_or_create(
            user=user, defaults={"name": "Mã dự phòng", "confirmed": True}
        )
        had_previous = device.codes.exists()
        device.codes.all().delete()
        BackupCode.objects.bulk_create(
            BackupCode(device=device, digest=backup_codes.digest(user.pk, c)) for c in codes
        )
        record(
            user,
            AccountsEvents.BACKUP_CODES_CREATED,
            user,
            summary="Tạo bộ mã dự phòng mới" + (" (bộ cũ hết hiệu lực)" if had_previous else ""),
            data={"count": len(codes), "replaced_previous": had_previous},
        )
    _notify(
        user,
        "Bộ mã dự phòng CCHC của bạn vừa được tạo",
        "Một bộ mã dự phòng mới vừa được tạo cho tài khoản CCHC của bạn; các mã cũ (nếu có) không còn "
        "dùng được. Hãy cất giữ bản in ở nơi an toàn.",
    )
    return [backup_codes.shown(c) for c in codes]


def backup_device(user: User) -> BackupCodeDevice | None:
    return BackupCodeDevice.objects.filter(user=user, confirmed=True).first()


def note_backup_code_used(user: User, device: BackupCodeDevice) -> None:
    left = device.remaining()
    record(
        user,
        AccountsEvents.BACKUP_CODE_USED,
        user,
        summary=f"Đăng nhập bằng một mã dự phòng, còn {left} mã",
        data={"remaining": left},
    )
    _notify(
        user,
        "Một mã dự phòng CCHC của bạn vừa được dùng",
        f"Tài khoản CCHC của bạn vừa đăng nhập bằng một mã dự phòng; còn {left} mã chưa dùng. "
        "Nếu điện thoại bị mất, hãy thiết lập lại ứng dụng xác thực trong trang Bảo mật tài khoản.",
    )


# --- passwords --------------------------------------------------------------------------------


def change_password(user: User, new_password: str) -> None:
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        record(user, AccountsEvents.PASSWORD_CHANGED, user, summary="Đổi mật khẩu")
    _notify(
        user,
        "Mật khẩu CCHC của bạn vừa được thay đổi",
        "Mật khẩu tài khoản CCHC của bạn vừa được thay đổi.",
    )


def note_password_set_by_admin(actor: Any, user: User) -> None:
    """An administrator set this account's password in the admin (Django's form saved it)."""
    record(actor, AccountsEvents.PASSWORD_SET_BY_ADMIN, user, summary=f"Quản trị đặt mật khẩu mới cho {user}")
    _notify(
        user,
        "Quản trị hệ thống vừa đặt mật khẩu mới cho tài khoản của bạn",
        "Quản trị hệ thống vừa đặt một mật khẩu mới cho tài khoản CCHC của bạn.",
    )


def note_password_reset(user: User, *, ip: str | None) -> None:
    record(
        user.get_username(),
        AccountsEvents.PASSWORD_RESET,
        user,
        summary="Đặt lại mật khẩu qua thư điện tử",
        data={"ip": ip},
    )


def _notify(user: User, subject: str, lead: str) -> None:
    if not user.email:
        return
    body = (
        f"Kính gửi {user.get_full_name() or user.get_username()},\n\n{lead}\n\n"
        "Nếu không phải bạn thực hiện, hãy báo ngay cho quản trị hệ thống của đơn vị.\n\n"
        "Hệ thống theo dõi cải cách hành chính (CCHC)\n"
    )
    # After commit, like every message: a change that rolls back (an admin form's transaction, say)
    # must not be announced.
    transaction.on_commit(lambda: _send_notice(user.pk, f"[CCHC] {subject}", body, user.email))


def _send_notice(pk: int, subject: str, body: str, email: str) -> None:
    try:
        send_mail(subject, body, None, [email])
    except Exception:
        # A mail server outage must not undo a password change already made.
        logger.exception("Không gửi được thư thông báo bảo mật cho tài khoản %s", pk)
