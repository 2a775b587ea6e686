"""The roles, shared by every app (navigation, scope, audit). Data scope follows
from the role (see ``cchc.org.queries``)."""

from django.db import models


class Role(models.TextChoices):
    LEADER = "leader", "Lãnh đạo UBND"
    SECRETARIAT = "secretariat", "Thường trực CCHC (Phòng Nội vụ)"
    OFFICE = "office", "Văn phòng HĐND và UBND"
    UNIT_HEAD = "unit_head", "Thủ trưởng đơn vị"
    UNIT_OFFICER = "unit_officer", "Công chức chuyên môn"
    ONE_STOP = "one_stop", "Công chức Bộ phận một cửa"
    FRONT = "front", "Mặt trận Tổ quốc, đoàn thể"
    AUDITOR = "auditor", "Thanh tra, kiểm tra (chỉ xem)"


# Roles that see the whole jurisdiction (docs/architecture.md, "Rules of the house": leader, secretariat,
# office and auditor see the whole jurisdiction); every other role sees its own unit and the units below it.
JURISDICTION_WIDE = frozenset({Role.LEADER, Role.SECRETARIAT, Role.OFFICE, Role.AUDITOR})
READ_ONLY = frozenset({Role.AUDITOR})
