"""The roles, shared by every app (navigation, scope, audit). Data scope follows
from the role (see ``cchc.org.queries``)."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_noop


# Labels are Vietnamese strings (they go into exports and audit summaries as they are), marked for the
# catalogue (gettext_noop); a page shows them through ``gettext``.
class Role(models.TextChoices):
    LEADER = "leader", gettext_noop("Lãnh đạo UBND")
    SECRETARIAT = "secretariat", gettext_noop("Thường trực CCHC (Phòng Nội vụ)")
    OFFICE = "office", gettext_noop("Văn phòng HĐND và UBND")
    UNIT_HEAD = "unit_head", gettext_noop("Thủ trưởng đơn vị")
    UNIT_OFFICER = "unit_officer", gettext_noop("Công chức chuyên môn")
    ONE_STOP = "one_stop", gettext_noop("Công chức Bộ phận một cửa")
    FRONT = "front", gettext_noop("Mặt trận Tổ quốc, đoàn thể")
    AUDITOR = "auditor", gettext_noop("Thanh tra, kiểm tra (chỉ xem)")


# Roles that see the whole jurisdiction (docs/architecture.md, "Rules of the house": leader, secretariat,
# office and auditor see the whole jurisdiction); every other role sees its own unit and the units below it.
JURISDICTION_WIDE = frozenset({Role.LEADER, Role.SECRETARIAT, Role.OFFICE, Role.AUDITOR})
READ_ONLY = frozenset({Role.AUDITOR})


def is_active_user(user: Any) -> bool:
    """Signed in with an account that is not switched off: the first condition of every scope rule
    (``*_for`` in each app's queries) — an anonymous visitor or a deactivated account sees nothing."""
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)
