"""The audit events the accounts app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from django.utils.translation import gettext_lazy as _

from cchc.core.events import AuditVerb


class AccountsEvents(AuditVerb, area=_("Tài khoản và đăng nhập")):
    ACCOUNT_CHANGED = "accounts.account_changed", _("Sửa tài khoản")
    ACCOUNT_CREATED = "accounts.account_created", _("Tạo tài khoản")
    BACKUP_CODES_CREATED = "accounts.backup_codes_created", _("Tạo bộ mã dự phòng đăng nhập")
    BACKUP_CODE_USED = "accounts.backup_code_used", _("Đăng nhập bằng mã dự phòng")
    LOCKOUT = "accounts.lockout", _("Tạm khoá đăng nhập do nhập sai nhiều lần")
    LOGIN = "accounts.login", _("Đăng nhập")
    LOGIN_FAILED = "accounts.login_failed", _("Đăng nhập không thành công")
    LOGIN_REFUSED = "accounts.login_refused", _("Từ chối đăng nhập")
    LOGOUT = "accounts.logout", _("Đăng xuất")
    PASSWORD_CHANGED = "accounts.password_changed", _("Đổi mật khẩu")
    PASSWORD_RESET = "accounts.password_reset", _("Đặt lại mật khẩu qua thư điện tử")
    PASSWORD_SET_BY_ADMIN = "accounts.password_set_by_admin", _("Quản trị đặt mật khẩu mới")
    TOTP_ENROLLED = "accounts.totp_enrolled", _("Thiết lập ứng dụng xác thực")
    TOTP_ENROLMENT_STARTED = "accounts.totp_enrolment_started", _("Bắt đầu thiết lập ứng dụng xác thực")
    TOTP_RESET = "accounts.totp_reset", _("Gỡ ứng dụng xác thực")
    UNLOCKED = "accounts.unlocked", _("Mở khoá đăng nhập")
