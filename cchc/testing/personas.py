"""Named personas, one per role, in a small two-ward city. Shared by every app's tests.

    world = build_world()
    world.users["ward_officer"]   # Trần Thị Bình, officer of Phường 1
    world.units["p1"]             # UBND Phường 1

Every persona has a TOTP device with a known key (``TOTP_KEY``), so browser tests can pass the real
second-factor step and client tests can use ``login_verified``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from cchc.accounts.models import User
from cchc.core.roles import Role
from cchc.org.models import HeadKind, Jurisdiction, JurisdictionLevel, Official, Unit, UnitHead, UnitKind

PASSWORD = "Mat-khau-thu-nghiem-2022"
TOTP_KEY = "3132333435363738393031323334353637383930"  # RFC 6238 test secret, hex


@dataclass
class World:
    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    officials: dict[str, Official] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)


# persona key → (official code, name, position, unit key, role)
PERSONAS: list[tuple[str, str, str, str, str, Role]] = [
    ("leader", "CB-LD", "Nguyễn Văn An", "Chủ tịch UBND thành phố", "ubnd", Role.LEADER),
    ("secretariat", "CB-NV", "Lê Thị Hoa", "Chuyên viên Phòng Nội vụ", "nv", Role.SECRETARIAT),
    ("office", "CB-VP", "Phạm Quốc Huy", "Chánh Văn phòng", "vp", Role.OFFICE),
    ("unit_head", "CB-P1-CT", "Hoàng Minh Đức", "Chủ tịch UBND Phường 1", "p1", Role.UNIT_HEAD),
    ("ward_officer", "CB-P1-CV", "Trần Thị Bình", "Công chức Văn phòng – Thống kê", "p1", Role.UNIT_OFFICER),
    (
        "other_ward_officer",
        "CB-P2-CV",
        "Đỗ Văn Cường",
        "Công chức Tư pháp – Hộ tịch",
        "p2",
        Role.UNIT_OFFICER,
    ),
    ("one_stop", "CB-P1-MC", "Vũ Thị Mai", "Công chức Bộ phận một cửa", "p1_mc", Role.ONE_STOP),
    ("front", "CB-MT", "Bùi Văn Tâm", "Phó Chủ tịch Ủy ban MTTQVN thành phố", "mttq", Role.FRONT),
    ("auditor", "CB-TT", "Ngô Thị Lan", "Thanh tra viên", "tt", Role.AUDITOR),
]

# The persona keys, one per persona above: every "each persona on each URL" test walks this one tuple,
# so a persona added above is walked by all of them.
PERSONA_KEYS: tuple[str, ...] = tuple(key for key, *_ in PERSONAS)


def build_world() -> World:
    w = World()
    prov = Jurisdiction.objects.create(
        code="77", name="Tỉnh Bà Rịa - Vũng Tàu", level=JurisdictionLevel.PROVINCE
    )
    city = Jurisdiction.objects.create(
        code="747", name="Thành phố Vũng Tàu", level=JurisdictionLevel.DISTRICT, parent=prov
    )
    w1 = Jurisdiction.objects.create(
        code="26506", name="Phường 1", level=JurisdictionLevel.COMMUNE, parent=city
    )
    w2 = Jurisdiction.objects.create(
        code="26508", name="Phường 2", level=JurisdictionLevel.COMMUNE, parent=city
    )
    w.jurisdictions = {"province": prov, "city": city, "p1": w1, "p2": w2}

    def unit(
        key: str, code: str, name: str, kind: str, area: Jurisdiction, parent: Unit | None, abbr: str = ""
    ) -> Unit:
        u = Unit.objects.create(
            code=code, name=name, kind=kind, jurisdiction=area, parent=parent, abbreviation=abbr
        )
        w.units[key] = u
        return u

    ubnd = unit(
        "ubnd",
        "UBND-VT",
        "Ủy ban nhân dân thành phố Vũng Tàu",
        UnitKind.PEOPLES_COMMITTEE,
        city,
        None,
        "UBND",
    )
    unit("nv", "NV", "Phòng Nội vụ", UnitKind.AGENCY, city, ubnd, "NV")
    unit("vp", "VP", "Văn phòng HĐND và UBND thành phố", UnitKind.AGENCY, city, ubnd, "VP")
    unit("tt", "TTr", "Thanh tra thành phố", UnitKind.AGENCY, city, ubnd, "TTr")
    unit("mttq", "MTTQ", "Ủy ban MTTQVN thành phố", UnitKind.FRONT, city, None, "MTTQ")
    p1 = unit("p1", "P1", "UBND Phường 1", UnitKind.WARD_COMMITTEE, w1, ubnd, "P1")
    unit("p1_mc", "P1-MC", "Bộ phận một cửa Phường 1", UnitKind.ONE_STOP, w1, p1)
    unit("p2", "P2", "UBND Phường 2", UnitKind.WARD_COMMITTEE, w2, ubnd, "P2")

    for key, code, name, position, unit_key, role in PERSONAS:
        off = Official.objects.create(
            code=code,
            full_name=name,
            position=position,
            unit=w.units[unit_key],
            email=f"{key}@example.test",
            phone="0254" + code[-4:].replace("-", "0"),
        )
        w.officials[key] = off
        is_wide = role in {Role.LEADER, Role.SECRETARIAT, Role.OFFICE, Role.AUDITOR}
        user = User.objects.create_user(
            username=key,
            password=PASSWORD,
            email=off.email,
            role=role,
            official=off,
            jurisdiction=city if is_wide else None,
        )
        TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", key=TOTP_KEY, confirmed=True)
        w.users[key] = user
    UnitHead.objects.create(
        unit=p1, official=w.officials["unit_head"], kind=HeadKind.HEAD, valid_from=dt.date(2021, 1, 1)
    )
    UnitHead.objects.create(unit=ubnd, official=w.officials["leader"], kind=HeadKind.HEAD)
    return w


def login_verified(client: Client, user: User) -> Client:
    """Sign in as ``user`` with the second factor already passed (for view tests, not browser tests)."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def totp_now(key_hex: str = TOTP_KEY, at: Any = None) -> str:
    """The current 6-digit code for a hex key (what the official's phone app would show)."""
    import hashlib
    import hmac
    import struct
    import time

    counter = int((at if at is not None else time.time()) // 30)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"
