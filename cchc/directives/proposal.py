"""From the reader's proposal to the review form: which units each proposed task names.

The reader (``cchc.lib.docreader``) matches names against a list of units we give it and never
guesses. On top of that, a directive often addresses a *group* ("Thủ trưởng các cơ quan chuyên môn",
"Chủ tịch UBND các phường, xã", "các đoàn thể chính trị - xã hội"): such a name is proposed as the whole
group, which the confirm step fans out into one task per unit (ND 39/2022: one lead per task,
docs/rules/directive-tasks.md [CONFIRMED]). A vague name ("các cơ quan, đơn vị có liên quan") is neither a
unit nor a group: it is shown as unmatched for a person to resolve.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_noop

from cchc.directives.models import DocType, Recurrence
from cchc.lib.docreader import KnownUnit, match_unit
from cchc.lib.docreader.text import comparable
from cchc.org.models import Jurisdiction, Unit, UnitKind, UnitQuerySet


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    pattern: re.Pattern[str]


# Patterns run on ``comparable`` text (NFC, folded tones, lower case).
GROUPS: tuple[Group, ...] = (
    Group(
        "agencies",
        gettext_noop("Tất cả cơ quan chuyên môn"),
        re.compile(r"các (?:cơ quan chuyên môn|phòng, ban|phòng ban|sở, ban, ngành|sở, ngành)"),
    ),
    Group(
        "wards",
        gettext_noop("Tất cả UBND phường, xã"),
        re.compile(r"(?:các (?:phường|xã|thị trấn)\b|cấp xã\b|cấp phường\b)"),
    ),
    Group(
        "fronts",
        gettext_noop("Tất cả Ủy ban MTTQ và đoàn thể cùng cấp"),
        re.compile(r"(?:các đoàn thể|các tổ chức chính trị - xã hội)"),
    ),
)
GROUP_CHOICES = [(g.key, g.label) for g in GROUPS]
# A group name qualified like this is a vague reference, not the whole group.
_VAGUE = re.compile(r"(?:có liên quan|liên quan)\b")
# Kinds that may lead or coordinate a task (the committee gives tasks; it is not given them here).
ASSIGNABLE_KINDS = (
    UnitKind.AGENCY,
    UnitKind.WARD_COMMITTEE,
    UnitKind.FRONT,
    UnitKind.ONE_STOP,
    UnitKind.OTHER,
)


def assignable_units(jurisdiction: Jurisdiction, day: dt.date | None = None) -> UnitQuerySet:
    qs = Unit.objects.filter(jurisdiction__path__startswith=jurisdiction.path, kind__in=ASSIGNABLE_KINDS)
    qs = qs.valid_on(day) if day else qs.current()
    return qs.order_by("kind", "name")


def group_members(key: str, jurisdiction: Jurisdiction, day: dt.date | None = None) -> list[Unit]:
    """The units a group stands for: the agencies and the Front with the unions at the directive's own
    level, the ward committees anywhere below it."""
    units = assignable_units(jurisdiction, day)
    if key == "agencies":
        qs = units.filter(kind=UnitKind.AGENCY, jurisdiction=jurisdiction)
    elif key == "wards":
        qs = units.filter(kind=UnitKind.WARD_COMMITTEE)
    elif key == "fronts":
        qs = units.filter(kind=UnitKind.FRONT, jurisdiction=jurisdiction)
    else:
        return []
    return list(qs.order_by("path"))


def group_of(name: str) -> str | None:
    key = comparable(name)
    if _VAGUE.search(key):
        return None
    for g in GROUPS:
        if g.pattern.search(key):
            return g.key
    return None


def known_units(units: list[Unit]) -> list[KnownUnit]:
    return [
        KnownUnit(u.code, u.name, [u.short_name] if u.short_name else [], u.abbreviation or None)
        for u in units
    ]


@dataclass
class Resolved:
    groups: list[str]
    units: list[Unit]
    unmatched: list[str]


def resolve(names: list[str], units: list[Unit]) -> Resolved:
    """Each name: a group, else a known unit (by the reader's no-guess matching), else unmatched."""
    by_code = {u.code: u for u in units}
    known = known_units(units)
    out = Resolved([], [], [])
    for name in names:
        group = group_of(name)
        if group:
            if group not in out.groups:
                out.groups.append(group)
            continue
        match = match_unit(name, known)
        if match.unit and match.unit in by_code:
            unit = by_code[match.unit]
            if unit not in out.units:
                out.units.append(unit)
        else:
            out.unmatched.append(name)
    return out


# --- metadata ---------------------------------------------------------------------------------------


def doc_type_of(label: str | None) -> str:
    if not label:
        return ""
    key = comparable(label)
    for value, text in DocType.choices:
        if comparable(str(text)) == key:
            return str(value)
    return DocType.OTHER.value


RECURRENCE_FROM_READER = {
    "monthly": Recurrence.MONTHLY,
    "quarterly": Recurrence.QUARTERLY,
    "half_yearly": Recurrence.HALF_YEARLY,
    "yearly": Recurrence.YEARLY,
    "continuous": Recurrence.CONTINUOUS,
    # Daily and weekly duties are ongoing work, not dated reports: followed as "thường xuyên".
    "daily": Recurrence.CONTINUOUS,
    "weekly": Recurrence.CONTINUOUS,
}


def metadata_initial(proposal: dict[str, Any], committee_names: list[str]) -> dict[str, Any]:
    signer = proposal.get("signer") or {}
    issuer = proposal.get("issuer") or ""
    issued_here = any(comparable(issuer) == comparable(n) for n in committee_names if n)
    return {
        "direction": "issued" if issued_here else "received",
        "issuer": issuer,
        "parent_issuer": proposal.get("parent_issuer") or "",
        "number": proposal.get("number") or "",
        "symbol": proposal.get("symbol") or "",
        "date": _date(proposal.get("date")),
        "place": proposal.get("place") or "",
        "doc_type": doc_type_of(proposal.get("doc_type")),
        "subject": proposal.get("subject") or "",
        "signer_authority": signer.get("authority") or "",
        "signer_position": _signer_position(signer),
        "signer_name": signer.get("name") or "",
        "recipients": "\n".join(proposal.get("recipients") or []),
        "cc": "\n".join(proposal.get("cc") or []),
    }


def _signer_position(signer: dict[str, Any]) -> str:
    # "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH": keep both halves, as printed.
    parts = [signer.get("on_behalf_of"), signer.get("position")]
    return " – ".join(p for p in parts if p)


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def link_initial(proposal: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for c in proposal.get("cited_documents") or []:
        if not c.get("number"):
            continue
        relation = c.get("relation") or "cites"
        rows.append(
            {
                "kind": relation if relation in ("implements", "based_on", "cites") else "cites",
                "reference": f"{c['number']}/{c.get('symbol') or ''}".rstrip("/"),
                "cited_date": _date(c.get("date")),
                "doc_type": c.get("type") or "",
                "issuer": c.get("issuer") or "",
                "description": (c.get("text") or "")[:500],
            }
        )
    return rows


def task_initial(proposal: dict[str, Any], units: list[Unit]) -> list[dict[str, Any]]:
    rows = []
    for t in proposal.get("tasks") or []:
        lead = resolve(t.get("lead") or t.get("assignees") or [], units)
        coord = resolve(t.get("coordinating") or [], units)
        recurrence = RECURRENCE_FROM_READER.get(t.get("recurrence") or "", "")
        phrase = " · ".join(x for x in (t.get("deadline_text"), t.get("recurrence_text")) if x)
        rows.append(
            {
                "section": t.get("section") or "",
                "text": t.get("text") or "",
                "lead_groups": lead.groups,
                "lead_units": [u.pk for u in lead.units],
                "lead_unmatched": "; ".join(lead.unmatched),
                "coord_groups": coord.groups,
                "coord_units": [u.pk for u in coord.units if u not in lead.units],
                "coord_unmatched": "; ".join(coord.unmatched),
                "due": _date(t.get("deadline")),
                "recurrence": str(recurrence),
                "deadline_text": phrase[:200],
            }
        )
    return rows
