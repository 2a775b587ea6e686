"""The figures of a periodic reform report, drafted from every module, and its narrative sections.

A unit's figures (``unit_figures``) come from the modules' own definitions, for the unit and the units
below it, over the report's period:

- tasks: every countable task led by the unit, given by the period's last day and not finished before
  its first day, judged at its last day by the task report's rule (``directives.report.state_as_of``),
  also per directive;
- dossiers: the dossier-results report's total row (``dossier_results``, the engine of ``cchc
  report-tthc``) and the causes stored on the dossiers finished late in the period;
- apology letters issued in the period for the unit's dossiers;
- petitions: the petition-results report's total (``petitions.report``), with the accountability
  requests among those received;
- satisfaction: the three-level ratings of the unit's dossiers rated in the period
  (``surveys.ratings.unit_distribution``);
- scorecards: the units' cards in the city's reform index (points, the criteria losing points and how
  far their solutions have got) and their Decision 766 totals (``scorecards.report_figures``);
- inspections: visits carried out and concluded in the period, the findings and how many were
  remedied, recommendations overdue at its end (``oversight.report_figures``).

The city's figures (``assemble``) are the sums of its units' approved figures — what each unit signed
for, not a fresh count — with the rates worked out again from the sums.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any, Final

from django.db.models import Q

from cchc.calendar.queries import work_calendar_for
from cchc.core.templatetags.vn_format import vn_number
from cchc.directives.models import Task
from cchc.directives.report import state_as_of
from cchc.dossiers.models import Apology, Dossier, Outcome
from cchc.dossiers.queries import CAUSE_LABELS
from cchc.feedback.models import Kind as PetitionKind
from cchc.feedback.models import Petition
from cchc.lib.deadlines import State
from cchc.lib.dossier_period import Period
from cchc.org.models import Unit
from cchc.oversight import report_figures as inspection_figures
from cchc.reports import dossier_results
from cchc.reports import petitions as pet
from cchc.scorecards import report_figures as scorecard_figures
from cchc.surveys.ratings import unit_distribution

# The outline of the report body (docs/reports.md, "The periodic reform report"): the work of directing
# the programme, the six reform areas of the State administrative reform master programme 2021–2030
# (Nghị quyết 76/NQ-CP), then shortcomings, next tasks and proposals. Each section's text is edited
# by the unit; the figures are printed under the sections they belong to.
SECTIONS: Final = (
    ("chi_dao", "1. Công tác chỉ đạo, điều hành cải cách hành chính"),
    ("the_che", "2. Cải cách thể chế"),
    ("tthc", "3. Cải cách thủ tục hành chính"),
    ("bo_may", "4. Cải cách tổ chức bộ máy hành chính nhà nước"),
    ("cong_vu", "5. Cải cách chế độ công vụ"),
    ("tai_chinh", "6. Cải cách tài chính công"),
    ("so_hoa", "7. Xây dựng và phát triển chính quyền điện tử, chính quyền số"),
    ("ton_tai", "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"),
    ("nhiem_vu", "III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI"),
    ("kien_nghi", "IV. ĐỀ XUẤT, KIẾN NGHỊ"),
)
SECTION_KEYS: Final = tuple(k for k, _ in SECTIONS)
SECTION_MAX: Final = 20_000  # characters per section
TASK_KEYS: Final = tuple(s.value for s in State)


def _start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=dossier_results.LOCAL)


def task_figures(units: Iterable[int], period: Period) -> dict[str, Any]:
    tasks = (
        Task.objects.countable()
        .filter(lead_unit__in=list(units), deadline__start_date__lte=period.end)
        .filter(Q(deadline__done_on__isnull=True) | Q(deadline__done_on__gte=period.start))
        .select_related("deadline", "directive")
    )
    states: Counter[str] = Counter()
    by_directive: dict[str, Counter[str]] = {}
    for t in tasks:
        s = state_as_of(t, period.end).value
        states[s] += 1
        ref = t.directive.reference or f"#{t.directive_id}"
        by_directive.setdefault(ref, Counter())[s] += 1
    out: dict[str, Any] = {key: states.get(key, 0) for key in TASK_KEYS}
    out["total"] = sum(states.values())
    out["by_directive"] = {
        ref: {key: c.get(key, 0) for key in TASK_KEYS} for ref, c in sorted(by_directive.items())
    }
    return out


def dossier_figures(unit: Unit, unit_ids: list[int], period: Period) -> dict[str, Any]:
    handled = Dossier.objects.filter(handling_unit__in=unit_ids)
    doc = dossier_results.document(handled, period, work_calendar_for(unit.jurisdiction))
    out: dict[str, Any] = dict(doc["total"])
    out.pop("on_time_rate", None)
    causes: Counter[str] = Counter()
    late = handled.filter(outcome=Outcome.LATE, finished_on__gte=period.start, finished_on__lte=period.end)
    for stored in late.values_list("late_causes", flat=True):
        kinds = {c.get("kind") for c in (stored or []) if isinstance(c, dict)} or {"unattributed"}
        for kind in kinds:
            causes[kind if kind in CAUSE_LABELS else "unattributed"] += 1
    out["late_causes"] = {kind: causes.get(kind, 0) for kind in CAUSE_LABELS}
    out["apologies"] = Apology.objects.filter(
        dossier__handling_unit__in=unit_ids,
        issued_at__gte=_start(period.start),
        issued_at__lt=_start(period.end + dt.timedelta(days=1)),
    ).count()
    return out


def petition_figures(unit_ids: list[int], period: Period) -> dict[str, Any]:
    units = Unit.objects.filter(pk__in=unit_ids)
    _, total = pet.report(period.start, period.end, Petition.objects.all(), units)
    f = total.figures
    return {
        "received": f.received,
        "answered_on_time": f.answered_on_time,
        "answered_late": f.answered_late,
        "open_within_time": f.open_within_time,
        "open_overdue": f.open_overdue,
        "accountability": total.by_kind.get(PetitionKind.ACCOUNTABILITY, 0),
    }


def unit_figures(unit: Unit, period: Period) -> dict[str, Any]:
    """Every module's figures for the unit and the units below it."""
    ids = list(unit.subtree().values_list("pk", flat=True))
    sat = unit_distribution(unit, period.start, period.end)
    return {
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "tasks": task_figures(ids, period),
        "dossiers": dossier_figures(unit, ids, period),
        "petitions": petition_figures(ids, period),
        "satisfaction": {"very": sat.very, "satisfied": sat.satisfied, "not_satisfied": sat.not_satisfied},
        **scorecard_figures.unit_figures(unit, ids, period),
        "inspections": inspection_figures.unit_figures(ids, period),
    }


def _add(into: dict[str, Any], more: dict[str, Any]) -> None:
    # Counts add up; points (floats, two decimals) too; names and years are kept from the first unit
    # that has one.
    for key, value in more.items():
        if isinstance(value, dict):
            _add(into.setdefault(key, {}), value)
        elif isinstance(value, int) and not isinstance(value, bool):
            into[key] = into.get(key, 0) + value
        elif isinstance(value, float):
            into[key] = round(into.get(key, 0) + value, 2)
        elif not into.get(key):
            into[key] = value


def assemble(parts: Iterable[dict[str, Any]], period: Period) -> dict[str, Any]:
    """The city's figures: the sum of its units' approved figures."""
    out: dict[str, Any] = {}
    for figures in parts:
        _add(out, {k: v for k, v in figures.items() if k not in ("from", "to")})
    out["from"], out["to"] = period.start.isoformat(), period.end.isoformat()
    return out


def rate(numerator: float, denominator: float) -> str:
    return (
        f"{100 * numerator / denominator:.1f}".replace(".", ",") + " %" if denominator else "chưa có số liệu"
    )


def n(value: Any) -> str:
    """A count as Vietnamese readers write it (18.929)."""
    return vn_number(value or 0)


def points(value: Any) -> str:
    """Points with up to two decimals after a comma (78,25; 80)."""
    text = vn_number(round(float(value or 0), 2), 2)
    return text.rstrip("0").rstrip(",") if "," in text else text


LOSSES_SHOWN: Final = 5  # criteria losing the most points printed in the report


def scorecard_lines(c: dict[str, Any]) -> list[str]:
    """The city reform index: the cards, their points, and the criteria losing the most points with
    how far their solutions have got."""
    year = c.get("year") or ""
    if not c.get("cards"):
        return [
            f"Chưa có phiếu chấm điểm Chỉ số cải cách hành chính năm {year} của đơn vị."
            if year
            else "Chưa có bộ Chỉ số cải cách hành chính của thành phố cho kỳ báo cáo."
        ]
    got, top = float(c.get("points") or 0), float(c.get("max_points") or 0)
    out = [
        f"Chỉ số cải cách hành chính năm {year}: {n(c['cards'])} phiếu chấm điểm "
        f"({n(c.get('final'))} đã chốt điểm); đạt {points(got)} trên {points(top)} điểm của các tiêu "
        f"chí đã chấm, tỷ lệ {rate(got, top)}."
    ]
    by_loss = sorted((c.get("losses") or {}).items(), key=lambda kv: (-float(kv[1].get("lost") or 0), kv[0]))
    for code, loss in by_loss[:LOSSES_SHOWN]:
        out.append(
            f"Tiêu chí {code} «{loss.get('title', '')}» mất {points(loss.get('lost'))} điểm "
            f"({n(loss.get('units'))} đơn vị); giải pháp khắc phục: {n(loss.get('solutions'))}, đã giao "
            f"{n(loss.get('tasks'))} nhiệm vụ, hoàn thành {n(loss.get('tasks_done'))}."
        )
    return out


def inspection_lines(i: dict[str, Any]) -> list[str]:
    g = i.get
    return [
        f"Kiểm tra công tác cải cách hành chính: {n(g('visits'))} cuộc kiểm tra thực hiện trong kỳ, "
        f"{n(g('concluded'))} cuộc đã có kết luận; phát hiện {n(g('findings'))} tồn tại, hạn chế "
        f"(nghiêm trọng {n(g('findings_serious'))}, lặp lại {n(g('findings_recurring'))}), đã khắc phục "
        f"xong {n(g('findings_remedied'))}; {n(g('recommendations_overdue'))} kiến nghị khắc phục quá hạn "
        f"chưa được xác nhận đến cuối kỳ."
    ]


def index766_lines(x: dict[str, Any]) -> list[str]:
    units = x.get("units") or 0
    head = (
        "Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực "
        "hiện thủ tục hành chính, dịch vụ công (Quyết định 766/QĐ-TTg)"
    )
    if not units:
        return [f"{head}: chưa có số liệu trong kỳ."]
    pts, top = float(x.get("points") or 0), float(x.get("max_points") or 0)
    if units == 1:
        return [f"{head}: đạt {points(pts)}/{points(top)} điểm."]
    return [
        f"{head}: {n(units)} đơn vị có số liệu, điểm bình quân {points(pts / units)}/{points(top / units)}."
    ]


def figure_lines(figures: dict[str, Any]) -> dict[str, list[str]]:
    """The sentences printed under each section, from the figures (frozen or drafted). A group a stored
    report was approved without (counted before its module existed) prints nothing."""
    if not figures:
        return {}
    t = figures.get("tasks", {})
    d = figures.get("dossiers", {})
    p = figures.get("petitions", {})
    s = figures.get("satisfaction", {})

    def g(key: str) -> str:  # a dossier figure, short so the sentences stay readable
        return n(d.get(key))

    done = t.get("done_on_time", 0) + t.get("done_late", 0) + t.get("done_no_deadline", 0)
    lines: dict[str, list[str]] = {
        "chi_dao": [
            f"Tổng số nhiệm vụ cải cách hành chính theo dõi trong kỳ: {n(t.get('total'))}; đã hoàn "
            f"thành {n(done)} (đúng hạn {n(t.get('done_on_time'))}, quá hạn {n(t.get('done_late'))}); đã "
            f"báo cáo, chờ xác nhận {n(t.get('awaiting_confirmation'))}; đang thực hiện trong hạn "
            f"{n(t.get('open_within'))}, quá hạn {n(t.get('open_overdue'))}."
        ]
        + [
            f"Thực hiện {ref}: {n(sum(c.values()))} nhiệm vụ, hoàn thành "
            f"{n(c.get('done_on_time', 0) + c.get('done_late', 0) + c.get('done_no_deadline', 0))}, quá hạn "
            f"{n(c.get('open_overdue'))}."
            for ref, c in t.get("by_directive", {}).items()
        ],
    }
    if "inspections" in figures:
        lines["chi_dao"] += inspection_lines(figures["inspections"])
    if "scorecards" in figures:
        lines["chi_dao"] += scorecard_lines(figures["scorecards"])
    finished = d.get("finished", 0)
    causes = d.get("late_causes", {})
    cause_text = "; ".join(
        f"{CAUSE_LABELS[k].lower()}: {n(v)}" for k, v in causes.items() if v and k in CAUSE_LABELS
    )
    rated = s.get("very", 0) + s.get("satisfied", 0) + s.get("not_satisfied", 0)
    lines["tthc"] = [
        f"Tổng số hồ sơ thủ tục hành chính tiếp nhận, giải quyết trong kỳ: {g('in_period')} (từ kỳ "
        f"trước chuyển sang {g('carried_over')}; tiếp nhận mới {g('received')}, trong đó trực "
        f"tuyến {g('received_online')}, trực tiếp {g('received_direct')}, qua dịch vụ bưu chính "
        f"công ích {g('received_postal')}).",
        f"Đã giải quyết {n(finished)} hồ sơ: trước hạn {g('finished_early')}, đúng hạn "
        f"{g('finished_on_time')}, quá hạn {g('finished_late')}; tỷ lệ giải quyết đúng hạn "
        f"{rate(d.get('finished_early', 0) + d.get('finished_on_time', 0), finished)}. Đang giải quyết "
        f"{g('open')} hồ sơ: trong hạn {g('open_within_time')}, quá hạn {g('open_overdue')}.",
        "Nguyên nhân hồ sơ quá hạn: "
        + (cause_text + "." if cause_text else "không có hồ sơ quá hạn trong kỳ."),
        f"Số văn bản xin lỗi tổ chức, cá nhân do giải quyết hồ sơ quá hạn: {g('apologies')}.",
        f"Tiếp nhận {n(p.get('received'))} phản ánh, kiến nghị (trong đó {n(p.get('accountability'))} "
        f"yêu cầu giải trình); đã trả lời đúng hạn {n(p.get('answered_on_time'))}, trễ hạn "
        f"{n(p.get('answered_late'))}; đang xử lý trong hạn {n(p.get('open_within_time'))}, quá hạn "
        f"{n(p.get('open_overdue'))}.",
        f"Kết quả đánh giá sự hài lòng: {n(rated)} lượt đánh giá, rất hài lòng {n(s.get('very'))}, hài lòng "
        f"{n(s.get('satisfied'))}, không hài lòng {n(s.get('not_satisfied'))}; tỷ lệ hài lòng "
        f"{rate(s.get('very', 0) + s.get('satisfied', 0), rated)}.",
    ]
    if "index766" in figures:
        lines["tthc"] += index766_lines(figures["index766"])
    return lines


GROUP_LABELS: Final = {
    "tasks": "Nhiệm vụ",
    "dossiers": "Hồ sơ thủ tục hành chính",
    "petitions": "Phản ánh, kiến nghị",
    "satisfaction": "Đánh giá sự hài lòng",
    "scorecards": "Chỉ số cải cách hành chính",
    "index766": "Bộ chỉ số theo Quyết định 766/QĐ-TTg",
    "inspections": "Kiểm tra cải cách hành chính",
}
KEY_LABELS: Final = {
    "total": "tổng số",
    "in_period": "tổng số nhận giải quyết",
    "received": "tiếp nhận mới",
    "received_online": "tiếp nhận trực tuyến",
    "received_direct": "tiếp nhận trực tiếp",
    "received_postal": "tiếp nhận qua bưu chính",
    "carried_over": "từ kỳ trước",
    "finished": "đã giải quyết",
    "finished_early": "giải quyết trước hạn",
    "finished_on_time": "giải quyết đúng hạn",
    "finished_late": "giải quyết quá hạn",
    "open": "đang giải quyết",
    "open_within_time": "đang xử lý trong hạn",
    "open_overdue": "đang xử lý quá hạn",
    "apologies": "văn bản xin lỗi",
    "answered_on_time": "trả lời đúng hạn",
    "answered_late": "trả lời trễ hạn",
    "accountability": "yêu cầu giải trình",
    "very": "rất hài lòng",
    "satisfied": "hài lòng",
    "not_satisfied": "không hài lòng",
    "open_within": "đang thực hiện trong hạn",
    "open_no_deadline": "đang thực hiện, không có hạn",
    "awaiting_confirmation": "chờ xác nhận hoàn thành",
    "done_on_time": "hoàn thành đúng hạn",
    "done_late": "hoàn thành quá hạn",
    "done_no_deadline": "hoàn thành, không có hạn",
    **{k: f"nguyên nhân trễ hạn: {v.lower()}" for k, v in CAUSE_LABELS.items()},
    "year": "năm của bộ chỉ số",
    "cards": "số phiếu chấm điểm",
    "final": "phiếu đã chốt điểm",
    "points": "điểm đạt được",
    "max_points": "điểm tối đa",
    "units": "số đơn vị",
    "title": "tên tiêu chí",
    "lost": "điểm bị mất",
    "solutions": "giải pháp khắc phục",
    "tasks": "nhiệm vụ đã giao",
    "tasks_done": "nhiệm vụ đã hoàn thành",
    "visits": "cuộc kiểm tra thực hiện",
    "concluded": "cuộc kiểm tra đã kết luận",
    "findings": "tồn tại, hạn chế phát hiện",
    "findings_serious": "tồn tại nghiêm trọng",
    "findings_recurring": "tồn tại lặp lại",
    "findings_remedied": "tồn tại đã khắc phục xong",
    "recommendations_overdue": "kiến nghị quá hạn chưa xác nhận",
}


def label(path: str) -> str:
    """A figure's name for people ("dossiers.finished_late" → "Hồ sơ thủ tục hành chính — giải quyết
    quá hạn"); a directive's reference is kept as it is, and so is a criterion's code
    ("scorecards.losses.3.1.lost" → "… — tiêu chí 3.1 — điểm bị mất")."""
    parts = path.split(".")
    out = [GROUP_LABELS.get(parts[0], parts[0])]
    if parts[1:2] == ["losses"] and len(parts) > 3:
        return " — ".join([*out, "tiêu chí " + ".".join(parts[2:-1]), KEY_LABELS.get(parts[-1], parts[-1])])
    for part in parts[1:]:
        if part in ("by_directive", "late_causes"):
            continue
        out.append(KEY_LABELS.get(part, part))
    return " — ".join(out)


def differences(
    frozen: dict[str, Any], fresh: dict[str, Any], prefix: str = ""
) -> list[tuple[str, Any, Any]]:
    """(path, sent, counted again) for every figure that differs between the sent report and a new count.
    A whole group the sent report does not have (approved before its module was counted) is not
    compared: it was never sent, so nothing of it changed."""
    out: list[tuple[str, Any, Any]] = []
    for key in sorted(set(frozen) | set(fresh)):
        a, b = frozen.get(key), fresh.get(key)
        path = f"{prefix}{key}"
        if not prefix and key not in frozen and isinstance(b, dict):
            continue
        if isinstance(a, dict) or isinstance(b, dict):
            out.extend(differences(a or {}, b or {}, path + "."))
        elif a != b:
            out.append((path, a, b))
    return out
