"""One demo login per role (the roles of ``cchc.core.roles``). Flagged ``is_demo``: only these may skip the
second factor, and only while CCHC_DEMO is on."""

from __future__ import annotations

from dataclasses import dataclass

from cchc.accounts.models import User
from cchc.core.roles import Role
from cchc.org.demo import DemoOrg

DEMO_PASSWORD = "Demo@VungTau2022"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: Role
    official_code: str


DEMO_LOGINS: list[DemoLogin] = [
    DemoLogin("lanhdao", Role.LEADER, "VT-PCT1"),
    DemoLogin("noivu", Role.SECRETARIAT, "NV-CV1"),
    DemoLogin("vanphong", Role.OFFICE, "VP-CV1"),
    DemoLogin("phuong1", Role.UNIT_HEAD, "P1-CT"),
    DemoLogin("congchuc", Role.UNIT_OFFICER, "P1-VPTK"),
    DemoLogin("motcua", Role.ONE_STOP, "BPMC-VT-CC1"),
    DemoLogin("mattran", Role.FRONT, "MTTQ-CT"),
    DemoLogin("thanhtra", Role.AUDITOR, "TTr-CV1"),
]


def load_accounts(org: DemoOrg) -> list[User]:
    users = []
    for login in DEMO_LOGINS:
        official = org.officials[login.official_code]
        wide = login.role in {Role.LEADER, Role.SECRETARIAT, Role.OFFICE, Role.AUDITOR}
        user, created = User.objects.update_or_create(
            username=login.username,
            defaults={
                "role": login.role,
                "official": official,
                "jurisdiction": org.city if wide else None,
                "email": official.email,
                "is_demo": True,
                "is_active": True,
            },
        )
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        users.append(user)
    return users
