"""The audit events the accounts app writes: its whole vocabulary, one member per verb.

``cchc.core.events.record`` takes only members of an ``AuditVerb`` subclass, so a verb is written in one
place and the audit page, filters and tests read the same names. The stored value is the string.
"""

from cchc.core.events import AuditVerb


class AccountsEvents(AuditVerb):
    ACCOUNT_CHANGED = "accounts.account_changed"
    ACCOUNT_CREATED = "accounts.account_created"
    BACKUP_CODES_CREATED = "accounts.backup_codes_created"
    BACKUP_CODE_USED = "accounts.backup_code_used"
    LOCKOUT = "accounts.lockout"
    LOGIN = "accounts.login"
    LOGIN_FAILED = "accounts.login_failed"
    LOGIN_REFUSED = "accounts.login_refused"
    LOGOUT = "accounts.logout"
    PASSWORD_CHANGED = "accounts.password_changed"
    PASSWORD_RESET = "accounts.password_reset"
    PASSWORD_SET_BY_ADMIN = "accounts.password_set_by_admin"
    TOTP_ENROLLED = "accounts.totp_enrolled"
    TOTP_ENROLMENT_STARTED = "accounts.totp_enrolment_started"
    TOTP_RESET = "accounts.totp_reset"
    UNLOCKED = "accounts.unlocked"
