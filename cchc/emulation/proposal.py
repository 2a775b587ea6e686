"""The year's classification proposed from the data (docs/rules/emulation.md). Each figure comes from
its one definition in the app that owns it:

- **scorecard**: the unit's card of the city index of the year, scored by ``scorecards.queries.card_result``
  (the card page's and the ranking's own total);
- **late rate**: finished dossiers that were late in the period, ``dossiers.figures.summary_of_units``
  (the home pages' and the rankings' figure), over the unit and the units below it;
- **overdue tasks**: tasks led by the unit or a unit below it, overdue on the period's last day
  (``directives.queries.overdue_tasks``, the figure of every home page and of the overdue list);
- **findings**: inspection findings on the unit from visits concluded in the period (oversight);
- **discipline**: decisions on responsibility records taken in the period (oversight's decision forms).

Each criterion gives the best level it allows (its *cap*); the proposed level is the lowest cap. The
collective title follows the level, unless a member was disciplined from a warning up. A head's level is
at most the unit's (the head answers for the unit's results) and lower still for their own record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse

from cchc.directives.models import Task
from cchc.directives.queries import overdue_tasks
from cchc.dossiers.figures import summary_of_units
from cchc.dossiers.rankings import league_min_dossiers
from cchc.emulation.conf import setting
from cchc.emulation.models import RANK, Grade, Kind, Title
from cchc.org.models import HeadKind, Jurisdiction, Official, Unit
from cchc.org.queries import heads_on
from cchc.oversight.conf import decision_label, decisions
from cchc.oversight.models import CaseStage, Finding, InspectionStatus, ResponsibilityCase, Severity
from cchc.scorecards.models import Family, IndexVersion, Scorecard
from cchc.scorecards.queries import card_result

BEST = Grade.EXCELLENT.value


@dataclass
class Link:
    label: str
    url: str


@dataclass
class Criterion:
    code: str
    label: str
    value: str  # what the data say, in words
    cap: str = BEST  # the best level this criterion allows
    blocks_title: bool = False
    note: str = ""
    links: list[Link] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Proposed:
    kind: str
    unit: Unit
    official: Official | None
    grade: str
    title: str
    criteria: list[Criterion]


def lowest(*grades: str) -> str:
    return min(grades, key=lambda g: RANK[g])


def _pct(x: float) -> str:
    return f"{x * 100:.1f}".replace(".", ",") + "%"


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def units_of(area: Jurisdiction, first: dt.date, last: dt.date) -> QuerySet[Unit]:
    kinds = list(setting("CCHC_EMULATION_UNIT_KINDS"))
    return (
        Unit.objects.filter(jurisdiction__path__startswith=area.path, kind__in=kinds)
        .valid_on(last)
        .order_by("path")
    )


def _subtree(unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(path__startswith=unit.path)


# --- the criteria of a unit -------------------------------------------------------------------------


def scorecard_criterion(unit: Unit, version: IndexVersion | None) -> Criterion:
    label = "Kết quả Chỉ số CCHC của thành phố"
    card = (
        Scorecard.objects.filter(version=version, unit=unit).prefetch_related("scores").first()
        if version is not None
        else None
    )
    percent = card_result(card).percent if card is not None else None
    if card is None or percent is None:
        return Criterion(
            "scorecard",
            label,
            "Chưa có kết quả chấm điểm trong năm",
            Grade.GOOD,
            note="Không có kết quả chấm điểm thì không đề xuất mức hoàn thành xuất sắc.",
        )
    if percent >= float(setting("CCHC_EMULATION_SCORE_EXCELLENT")):
        cap = Grade.EXCELLENT
    elif percent >= float(setting("CCHC_EMULATION_SCORE_GOOD")):
        cap = Grade.GOOD
    elif percent >= float(setting("CCHC_EMULATION_SCORE_DONE")):
        cap = Grade.DONE
    else:
        cap = Grade.NOT_DONE
    value = f"{percent:.2f}".replace(".", ",") + "% số điểm" + ("" if card.frozen else " (chưa chốt điểm)")
    return Criterion(
        "scorecard",
        label,
        value,
        cap,
        links=[Link("Phiếu chấm điểm", reverse("scorecards:card", args=[card.pk]))],
    )


def late_criterion(unit: Unit, first: dt.date, last: dt.date) -> Criterion:
    label = "Tỷ lệ hồ sơ thủ tục hành chính giải quyết trễ hạn"
    summary = summary_of_units(_subtree(unit), first, last)
    minimum = league_min_dossiers()
    rate = summary.late_rate
    if rate is None or summary.finished < minimum:
        return Criterion(
            "late_rate",
            label,
            f"{summary.finished} hồ sơ giải quyết xong, chưa đủ {minimum} hồ sơ để tính tỷ lệ",
        )
    if rate <= float(setting("CCHC_EMULATION_LATE_EXCELLENT")):
        cap = Grade.EXCELLENT
    elif rate <= float(setting("CCHC_EMULATION_LATE_GOOD")):
        cap = Grade.GOOD
    else:
        cap = Grade.DONE
    links = []
    if summary.late:
        for u in _subtree(unit).order_by("path"):
            late = summary_of_units(Unit.objects.filter(pk=u.pk), first, last).late
            if late:
                query = urlencode(
                    {"unit": u.pk, "finished_from": first.isoformat(), "finished_to": last.isoformat()}
                )
                links.append(
                    Link(f"{late} hồ sơ trễ hạn của {u.name}", f"{reverse('dossiers:late')}?{query}")
                )
    return Criterion(
        "late_rate", label, f"{_pct(rate)} ({summary.late}/{summary.finished} hồ sơ)", cap, links=links
    )


def overdue_criterion(unit: Unit, area: Jurisdiction, last: dt.date) -> Criterion:
    tasks = Task.objects.filter(
        directive__jurisdiction__path__startswith=area.path, lead_unit__path__startswith=unit.path
    )
    n = overdue_tasks(tasks, last).count()
    if n <= int(setting("CCHC_EMULATION_OVERDUE_EXCELLENT")):
        cap = Grade.EXCELLENT
    elif n <= int(setting("CCHC_EMULATION_OVERDUE_GOOD")):
        cap = Grade.GOOD
    else:
        cap = Grade.DONE
    links = (
        [Link(f"{n} nhiệm vụ quá hạn", f"{reverse('directives:overdue')}?{urlencode({'don_vi': unit.pk})}")]
        if n
        else []
    )
    return Criterion(
        "overdue_tasks",
        "Nhiệm vụ do đơn vị chủ trì quá hạn",
        f"{n} nhiệm vụ quá hạn ngày {_d(last)}",
        cap,
        links=links,
    )


def findings_criterion(unit: Unit, first: dt.date, last: dt.date) -> Criterion:
    rows = list(
        Finding.objects.filter(
            unit__path__startswith=unit.path,
            inspection__status=InspectionStatus.CONCLUDED,
            inspection__concluded_on__gte=first,
            inspection__concluded_on__lte=last,
        )
        .select_related("inspection")
        .order_by("inspection__concluded_on", "pk")
    )
    serious = sum(1 for f in rows if f.severity == Severity.SERIOUS)
    recurring = sum(1 for f in rows if f.recurs_id is not None)
    cap = str(setting("CCHC_EMULATION_FINDING_CAP")) if serious or recurring else BEST
    visits: dict[int, Link] = {}
    for f in rows:
        insp = f.inspection
        if insp.pk not in visits:
            when = _d(insp.concluded_on) if insp.concluded_on else ""
            visits[insp.pk] = Link(
                f"Kết luận kiểm tra ngày {when}", reverse("oversight:inspection", args=[insp.pk])
            )
    value = f"{len(rows)} tồn tại qua kiểm tra, {serious} nghiêm trọng, {recurring} lặp lại"
    return Criterion("findings", "Tồn tại, hạn chế qua kiểm tra", value, cap, links=list(visits.values()))


def _decided(first: dt.date, last: dt.date) -> QuerySet[ResponsibilityCase]:
    return ResponsibilityCase.objects.filter(
        stage=CaseStage.DECIDED, decided_on__gte=first, decided_on__lte=last
    ).select_related("official__unit")


def discipline_criterion(unit: Unit, first: dt.date, last: dt.date) -> Criterion:
    """Members of the unit disciplined in the period. The records themselves stay private: the council
    sees how many and whether one blocks a title, never the person or the grounds (no link)."""
    disciplinary = {code for code, _label, is_discipline in decisions() if is_discipline}
    blocking = set(setting("CCHC_EMULATION_TITLE_BLOCKING_FORMS"))
    cases = [
        c
        for c in _decided(first, last).filter(official__unit__path__startswith=unit.path)
        if c.decision in disciplinary
    ]
    blocked = [c for c in cases if c.decision in blocking]
    value = f"{len(cases)} quyết định kỷ luật cán bộ, công chức của đơn vị trong năm"
    if blocked:
        value += f", trong đó {len(blocked)} từ cảnh cáo trở lên"
    return Criterion(
        "discipline",
        "Kỷ luật cán bộ, công chức của đơn vị",
        value,
        blocks_title=bool(blocked),
        note="Hồ sơ xem xét trách nhiệm là riêng tư: chỉ số lượng được nêu ở đây.",
    )


def council_criterion() -> Criterion:
    return Criterion(
        "council",
        "Tiêu chuẩn Hội đồng xác nhận",
        "Phong trào thi đua, tỷ lệ cá nhân đạt danh hiệu, đoàn kết nội bộ: CCHC không có số liệu",
        note="Hội đồng xác nhận trước khi phê duyệt; điều chỉnh (kèm lý do) nếu đơn vị không đạt.",
    )


def unit_title(grade: str, blocked: bool) -> str:
    if blocked:
        return Title.NONE
    if grade == Grade.EXCELLENT:
        return Title.EXCELLENT
    if grade == Grade.GOOD:
        return Title.ADVANCED
    return Title.NONE


def propose_unit(
    unit: Unit, area: Jurisdiction, first: dt.date, last: dt.date, version: IndexVersion | None
) -> Proposed:
    criteria = [
        scorecard_criterion(unit, version),
        late_criterion(unit, first, last),
        overdue_criterion(unit, area, last),
        findings_criterion(unit, first, last),
        discipline_criterion(unit, first, last),
        council_criterion(),
    ]
    grade = lowest(*(c.cap for c in criteria))
    blocked = any(c.blocks_title for c in criteria)
    return Proposed(Kind.UNIT, unit, None, grade, unit_title(grade, blocked), criteria)


# --- the head of a unit -----------------------------------------------------------------------------


def propose_head(unit_result: Proposed, head: Official, first: dt.date, last: dt.date) -> Proposed:
    unit = unit_result.unit
    own = Criterion(
        "unit_result",
        "Kết quả của đơn vị do người đứng đầu phụ trách",
        f"Đơn vị được đề xuất: {Grade(unit_result.grade).label}",
        unit_result.grade,
        note="Người đứng đầu không được xếp loại cao hơn kết quả của đơn vị mình phụ trách.",
    )
    disciplinary = {code for code, _label, is_discipline in decisions() if is_discipline}
    cases = list(_decided(first, last).filter(official=head))
    punished = [c for c in cases if c.decision in disciplinary]
    reminded = [
        c for c in cases if c.decision not in disciplinary and c.as_head and c.decision != "khong-xu-ly"
    ]
    if punished:
        record = Criterion(
            "head_discipline",
            "Kỷ luật của người đứng đầu trong năm",
            f"Có quyết định {decision_label(punished[0].decision).lower()} trong năm",
            Grade.NOT_DONE,
            note="Bị kỷ luật trong năm đánh giá thì xếp loại không hoàn thành nhiệm vụ.",
        )
    elif reminded:
        record = Criterion(
            "head_discipline",
            "Kỷ luật của người đứng đầu trong năm",
            f"Trách nhiệm người đứng đầu: {decision_label(reminded[0].decision).lower()}",
            str(setting("CCHC_EMULATION_HEAD_REMINDER_CAP")),
        )
    else:
        record = Criterion("head_discipline", "Kỷ luật của người đứng đầu trong năm", "Không có")
    record.note = (record.note + " " if record.note else "") + "Hồ sơ là riêng tư: không nêu nội dung."
    grade = lowest(own.cap, record.cap)
    return Proposed(Kind.HEAD, unit, head, grade, Title.NONE, [own, record])


# --- the whole area ---------------------------------------------------------------------------------


def period_of(year: int, today: dt.date) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)


def propose(area: Jurisdiction, year: int, today: dt.date) -> list[Proposed]:
    first, last = period_of(year, today)
    version = IndexVersion.objects.filter(jurisdiction=area, family=Family.CITY, year=year).first()
    units = list(units_of(area, first, last))
    heads = heads_on([u.pk for u in units], last)
    out: list[Proposed] = []
    for unit in units:
        result = propose_unit(unit, area, first, last, version)
        out.append(result)
        head = heads.get(unit.pk, {}).get(HeadKind.HEAD)
        if head is not None:
            out.append(propose_head(result, head, first, last))
    return out
