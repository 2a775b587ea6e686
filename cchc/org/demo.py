"""The demo organisation: the Vũng Tàu City People's Committee as of August 2022 (Công văn 7190/UBND-NV).

The units are the ones the founding letter names plus the city's other specialised agencies (ND 37/2014 as
amended by ND 108/2020 for a provincial city), its wards and commune, the one-stop offices and the
Front with the socio-political organisations. Vũ Hồng Thuận is the Deputy Chairman who signed the
seed; every other person here is fictitious.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from cchc.org.models import HeadKind, Jurisdiction, JurisdictionLevel, Official, Unit, UnitHead, UnitKind

VALID_FROM = dt.date(2020, 1, 1)


@dataclass(frozen=True)
class AgencySpec:
    code: str
    name: str
    abbreviation: str
    kind: str
    head_position: str


CITY_AGENCIES: list[AgencySpec] = [
    AgencySpec("VP", "Văn phòng HĐND và UBND thành phố", "VP", UnitKind.AGENCY, "Chánh Văn phòng"),
    AgencySpec("NV", "Phòng Nội vụ", "NV", UnitKind.AGENCY, "Trưởng phòng"),
    AgencySpec("TCKH", "Phòng Tài chính – Kế hoạch", "TCKH", UnitKind.AGENCY, "Trưởng phòng"),
    AgencySpec("VHTT", "Phòng Văn hoá và Thông tin", "VHTT", UnitKind.AGENCY, "Trưởng phòng"),
    AgencySpec("TP", "Phòng Tư pháp", "TP", UnitKind.AGENCY, "Trưởng phòng"),
    AgencySpec("TNMT", "Phòng Tài nguyên và Môi trường", "TNMT", UnitKind.AGENCY, "Trưởng phòng"),
    AgencySpec("LĐTBXH", "Phòng Lao động – Thương binh và Xã hội", "LĐTBXH", UnitKind.AGENCY, "Trưởng phòng"),
    AgencySpec("GDĐT", "Phòng Giáo dục và Đào tạo", "GDĐT", UnitKind.AGENCY, "Trưởng phòng"),
    AgencySpec("YT", "Phòng Y tế", "YT", UnitKind.AGENCY, "Trưởng phòng"),
    AgencySpec("KT", "Phòng Kinh tế", "KT", UnitKind.AGENCY, "Trưởng phòng"),
    AgencySpec("QLĐT", "Phòng Quản lý đô thị", "QLĐT", UnitKind.AGENCY, "Trưởng phòng"),
    AgencySpec("TTr", "Thanh tra thành phố", "TTr", UnitKind.AGENCY, "Chánh Thanh tra"),
]

FRONT_AND_UNIONS: list[AgencySpec] = [
    AgencySpec("MTTQ", "Ủy ban MTTQVN thành phố", "MTTQ", UnitKind.FRONT, "Chủ tịch"),
    AgencySpec("HLHPN", "Hội Liên hiệp Phụ nữ thành phố", "HLHPN", UnitKind.FRONT, "Chủ tịch"),
    AgencySpec("ĐTN", "Thành đoàn Vũng Tàu", "ĐTN", UnitKind.FRONT, "Bí thư"),
    AgencySpec("HCCB", "Hội Cựu chiến binh thành phố", "HCCB", UnitKind.FRONT, "Chủ tịch"),
    AgencySpec("HND", "Hội Nông dân thành phố", "HND", UnitKind.FRONT, "Chủ tịch"),
    AgencySpec("LĐLĐ", "Liên đoàn Lao động thành phố", "LĐLĐ", UnitKind.FRONT, "Chủ tịch"),
]

# (code suffix, name, level) — the city's sixteen wards and one commune in 2022.
WARDS: list[tuple[str, str]] = [
    ("P1", "Phường 1"),
    ("P2", "Phường 2"),
    ("P3", "Phường 3"),
    ("P4", "Phường 4"),
    ("P5", "Phường 5"),
    ("P7", "Phường 7"),
    ("P8", "Phường 8"),
    ("P9", "Phường 9"),
    ("P10", "Phường 10"),
    ("P11", "Phường 11"),
    ("P12", "Phường 12"),
    ("TN1", "Phường Thắng Nhất"),
    ("TN2", "Phường Thắng Nhì"),
    ("TT", "Phường Thắng Tam"),
    ("NAN", "Phường Nguyễn An Ninh"),
    ("RD", "Phường Rạch Dừa"),
    ("LS", "Xã Long Sơn"),
]

_FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
]
_MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Quốc", "Ngọc", "Hoài", "Đức", "Thu", "Hữu"]
_GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hòa",
    "Hùng",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phong",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vy",
    "Yến",
]


def person_name(seq: int) -> str:
    """A deterministic, plausible, fictitious Vietnamese name for the n-th demo official."""
    family = _FAMILY[seq % len(_FAMILY)]
    return f"{family} {_MIDDLE[(seq * 7) % len(_MIDDLE)]} {_GIVEN[(seq * 11) % len(_GIVEN)]}"


@dataclass
class DemoOrg:
    city: Jurisdiction
    committee: Unit
    units: dict[str, Unit]
    officials: dict[str, Official]


class _Builder:
    def __init__(self) -> None:
        self.seq = 0
        self.officials: dict[str, Official] = {}

    def jurisdiction(self, code: str, name: str, level: str, parent: Jurisdiction | None) -> Jurisdiction:
        j, _ = Jurisdiction.objects.update_or_create(
            code=code, defaults={"name": name, "level": level, "parent": parent, "valid_from": None}
        )
        return j

    def unit(
        self, code: str, name: str, kind: str, area: Jurisdiction, parent: Unit | None, abbr: str = ""
    ) -> Unit:
        u, _ = Unit.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "jurisdiction": area,
                "parent": parent,
                "abbreviation": abbr,
                "valid_from": VALID_FROM,
            },
        )
        return u

    def official(self, code: str, unit: Unit, position: str, name: str | None = None) -> Official:
        self.seq += 1
        full_name = name or person_name(self.seq)
        # E-mail local parts must be ASCII: "QLĐT-TP" → "qldt.tp".
        ascii_code = unicodedata.normalize("NFKD", code.replace("Đ", "D").replace("đ", "d"))
        slug = "".join(c for c in ascii_code if c.isascii()).lower().replace("-", ".")
        o, _ = Official.objects.update_or_create(
            code=code,
            defaults={
                "full_name": full_name,
                "position": position,
                "unit": unit,
                "email": f"{slug}@vungtau.example.gov.vn",
                "phone": f"0254{3800000 + self.seq:07d}"[:11],
            },
        )
        self.officials[code] = o
        return o

    def head(
        self, unit: Unit, official: Official, kind: str = HeadKind.HEAD, since: dt.date = VALID_FROM
    ) -> None:
        UnitHead.objects.update_or_create(
            unit=unit, official=official, kind=kind, defaults={"valid_from": since, "valid_to": None}
        )


def load_org() -> DemoOrg:
    b = _Builder()
    province = b.jurisdiction("77", "Tỉnh Bà Rịa - Vũng Tàu", JurisdictionLevel.PROVINCE, None)
    city = b.jurisdiction("747", "Thành phố Vũng Tàu", JurisdictionLevel.DISTRICT, province)
    units: dict[str, Unit] = {}

    committee = b.unit(
        "UBND-VT", "Ủy ban nhân dân thành phố Vũng Tàu", UnitKind.PEOPLES_COMMITTEE, city, None, "UBND"
    )
    units["UBND-VT"] = committee
    chairman = b.official("VT-CT", committee, "Chủ tịch UBND thành phố")
    b.head(committee, chairman)
    b.official("VT-PCT1", committee, "Phó Chủ tịch UBND thành phố", name="Vũ Hồng Thuận")
    b.official("VT-PCT2", committee, "Phó Chủ tịch UBND thành phố")

    for spec in CITY_AGENCIES:
        u = b.unit(spec.code, spec.name, spec.kind, city, committee, spec.abbreviation)
        units[spec.code] = u
        b.head(u, b.official(f"{spec.code}-TP", u, spec.head_position))
        b.official(f"{spec.code}-PP", u, "Phó " + spec.head_position[0].lower() + spec.head_position[1:])
        b.official(f"{spec.code}-CV1", u, "Chuyên viên")
        b.official(f"{spec.code}-CV2", u, "Chuyên viên")

    one_stop = b.unit(
        "BPMC-VT", "Bộ phận tiếp nhận và trả kết quả thành phố", UnitKind.ONE_STOP, city, units["VP"], "BPMC"
    )
    units["BPMC-VT"] = one_stop
    b.head(one_stop, b.official("BPMC-VT-TB", one_stop, "Trưởng bộ phận (Phó Chánh Văn phòng kiêm nhiệm)"))
    for i in range(1, 5):
        b.official(f"BPMC-VT-CC{i}", one_stop, "Công chức tiếp nhận và trả kết quả")

    for spec in FRONT_AND_UNIONS:
        u = b.unit(spec.code, spec.name, spec.kind, city, None, spec.abbreviation)
        units[spec.code] = u
        b.head(u, b.official(f"{spec.code}-CT", u, spec.head_position))
        b.official(f"{spec.code}-PCT", u, "Phó " + spec.head_position[0].lower() + spec.head_position[1:])

    for suffix, name in WARDS:
        is_commune = name.startswith("Xã")
        area = b.jurisdiction(f"747-{suffix}", name, JurisdictionLevel.COMMUNE, city)
        ward = b.unit(f"UBND-{suffix}", f"UBND {name}", UnitKind.WARD_COMMITTEE, area, committee, suffix)
        units[ward.code] = ward
        title = "xã" if is_commune else "phường"
        b.head(ward, b.official(f"{suffix}-CT", ward, f"Chủ tịch UBND {title}"))
        b.official(f"{suffix}-PCT", ward, f"Phó Chủ tịch UBND {title}")
        b.official(f"{suffix}-VPTK", ward, "Công chức Văn phòng – Thống kê")
        b.official(f"{suffix}-TPHT", ward, "Công chức Tư pháp – Hộ tịch")
        b.official(f"{suffix}-ĐC", ward, "Công chức Địa chính – Xây dựng")
        mc = b.unit(f"BPMC-{suffix}", f"Bộ phận một cửa {name}", UnitKind.ONE_STOP, area, ward)
        units[mc.code] = mc
        # The ward's vice-chairman leads its one-stop section (the demo's choice: someone answers for it).
        b.head(mc, b.officials[f"{suffix}-PCT"])
        b.official(f"{suffix}-MC1", mc, "Công chức Bộ phận một cửa")
        b.official(f"{suffix}-MC2", mc, "Công chức Bộ phận một cửa")
        front = b.unit(f"MTTQ-{suffix}", f"Ủy ban MTTQVN {name}", UnitKind.FRONT, area, units["MTTQ"])
        units[front.code] = front
        b.head(front, b.official(f"MTTQ-{suffix}-CT", front, "Chủ tịch Ủy ban MTTQVN"))

    # An acting head: Phường Thắng Tam's chairman is on long leave; the deputy is in charge.
    tt = units["UBND-TT"]
    b.head(tt, b.officials["TT-PCT"], HeadKind.ACTING, since=dt.date(2022, 7, 1))
    return DemoOrg(city=city, committee=committee, units=units, officials=b.officials)
