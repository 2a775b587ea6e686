"""Who issues and who signs an administrative document, as the organisation data suggest (Nghị định
30/2020 layout): the issuing body under its parent, the place, and the signer block. The layout itself
is drawn by ``cchc.core.official_documents``; this part reads units and heads, so it lives with them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cchc.org.models import Jurisdiction, JurisdictionLevel, Official, Unit, UnitKind

PLACE_PREFIXES = ("Thành phố ", "Tỉnh ", "Huyện ", "Quận ", "Thị xã ", "TP ", "TP. ")


def full_body_name(name: str) -> str:
    """The body's name as the header prints it: written out ("UBND" is the common short form in
    data) and in capitals (ND 30)."""
    if name.upper().startswith("UBND "):
        name = "Ủy ban nhân dân " + name[5:]
    return name.upper()


def place_name(jurisdiction: Jurisdiction) -> str:
    """The place of the place-and-date line: the area's name without its level ("Vũng Tàu")."""
    name = jurisdiction.name
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def province_of(jurisdiction: Jurisdiction) -> Jurisdiction | None:
    ids = [int(x) for x in jurisdiction.path.strip("/").split("/") if x]
    for area in Jurisdiction.objects.filter(pk__in=ids):
        if area.level == JurisdictionLevel.PROVINCE:
            return area
    return None


COMMITTEE_KINDS = (UnitKind.PEOPLES_COMMITTEE, UnitKind.WARD_COMMITTEE)


@dataclass(frozen=True)
class Letterhead:
    """Who issues and who signs, as the organisation data suggest for ``unit`` on a day."""

    parent_body: str
    issuing_body: str
    issuing_body_short: str
    place: str
    signer_prefix: str
    signer_title: str
    signer_name: str
    head: Official | None


def letterhead(unit: Unit, on: dt.date) -> Letterhead:
    """ND 30: the parent body above the issuing one (not for a people's committee, which heads its
    own area); a committee signs "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", another unit by its head's position."""
    parent = unit.parent if unit.kind not in COMMITTEE_KINDS and unit.parent_id else None
    head = unit.accountable_head(on)
    if unit.kind in COMMITTEE_KINDS:
        prefix, title = "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
    else:
        prefix, title = "", (head.position.upper() if head and head.position else "THỦ TRƯỞNG ĐƠN VỊ")
    return Letterhead(
        parent_body=full_body_name(parent.name) if parent else "",
        issuing_body=full_body_name(unit.name),
        issuing_body_short=unit.name,
        place=place_name(unit.jurisdiction),
        signer_prefix=prefix,
        signer_title=title,
        signer_name=head.full_name if head else "",
        head=head,
    )
