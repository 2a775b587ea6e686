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
  (``surveys.ratings.unit_distribution``).

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
from cchc.directives.models import Task
from cchc.directives.report import state_as_of
from cchc.dossiers.models import Apology, Dossier, Outcome
from cchc.dossiers.queries import CAUSE_LABELS
from cchc.feedback.models import Kind as PetitionKind
from cchc.feedback.models import Petition
from cchc.lib.deadlines import State
from cchc.lib.dossier_period import Period
from cchc.org.models import Unit
from cchc.reports import dossier_results
from cchc.reports import petitions as pet
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
    }


def _add(into: dict[str, Any], more: dict[str, Any]) -> None:
    for key, value in more.items():
        if isinstance(value, dict):
            _add(into.setdefault(key, {}), value)
        elif isinstance(value, int) and not isinstance(value, bool):
            into[key] = into.get(key, 0) + value
        else:
            into.setdefault(key, value)


def assemble(parts: Iterable[dict[str, Any]], period: Period) -> dict[str, Any]:
    """The city's figures: the sum of its units' approved figures."""
    out: dict[str, Any] = {}
    for figures in parts:
        _add(out, {k: v for k, v in figures.items() if k not in ("from", "to")})
    out["from"], out["to"] = period.start.isoformat(), period.end.isoformat()
    return out


def rate(numerator: int, denominator: int) -> str:
    return (
        f"{100 * numerator / denominator:.1f}".replace(".", ",") + " %" if denominator else "chưa có số liệu"
    )


def figure_lines(figures: dict[str, Any]) -> dict[str, list[str]]:
    """The sentences printed under each section, from the figures (frozen or drafted)."""
    if not figures:
        return {}
    t = figures.get("tasks", {})
    d = figures.get("dossiers", {})
    p = figures.get("petitions", {})
    s = figures.get("satisfaction", {})
    g = d.get  # short names keep the sentences readable

    done = t.get("done_on_time", 0) + t.get("done_late", 0) + t.get("done_no_deadline", 0)
    lines: dict[str, list[str]] = {
        "chi_dao": [
            f"Tổng số nhiệm vụ cải cách hành chính theo dõi trong kỳ: {t.get('total', 0)}; đã hoàn "
            f"thành {done} (đúng hạn {t.get('done_on_time', 0)}, quá hạn {t.get('done_late', 0)}); đã báo "
            f"cáo, chờ xác nhận {t.get('awaiting_confirmation', 0)}; đang thực hiện trong hạn "
            f"{t.get('open_within', 0)}, quá hạn {t.get('open_overdue', 0)}."
        ]
        + [
            f"Thực hiện {ref}: {sum(c.values())} nhiệm vụ, hoàn thành "
            f"{c.get('done_on_time', 0) + c.get('done_late', 0) + c.get('done_no_deadline', 0)}, quá hạn "
            f"{c.get('open_overdue', 0)}."
            for ref, c in t.get("by_directive", {}).items()
        ],
    }
    finished = d.get("finished", 0)
    causes = d.get("late_causes", {})
    cause_text = "; ".join(
        f"{CAUSE_LABELS[k].lower()}: {n}" for k, n in causes.items() if n and k in CAUSE_LABELS
    )
    rated = s.get("very", 0) + s.get("satisfied", 0) + s.get("not_satisfied", 0)
    lines["tthc"] = [
        f"Tổng số hồ sơ thủ tục hành chính tiếp nhận, giải quyết trong kỳ: {g('in_period', 0)} (từ kỳ "
        f"trước chuyển sang {g('carried_over', 0)}; tiếp nhận mới {g('received', 0)}, trong đó trực "
        f"tuyến {g('received_online', 0)}, trực tiếp {g('received_direct', 0)}, qua dịch vụ bưu chính "
        f"công ích {g('received_postal', 0)}).",
        f"Đã giải quyết {finished} hồ sơ: trước hạn {g('finished_early', 0)}, đúng hạn "
        f"{g('finished_on_time', 0)}, quá hạn {g('finished_late', 0)}; tỷ lệ giải quyết đúng hạn "
        f"{rate(g('finished_early', 0) + g('finished_on_time', 0), finished)}. Đang giải quyết "
        f"{g('open', 0)} hồ sơ: trong hạn {g('open_within_time', 0)}, quá hạn {g('open_overdue', 0)}.",
        "Nguyên nhân hồ sơ quá hạn: "
        + (cause_text + "." if cause_text else "không có hồ sơ quá hạn trong kỳ."),
        f"Số văn bản xin lỗi tổ chức, cá nhân do giải quyết hồ sơ quá hạn: {d.get('apologies', 0)}.",
        f"Tiếp nhận {p.get('received', 0)} phản ánh, kiến nghị (trong đó {p.get('accountability', 0)} "
        f"yêu cầu giải trình); đã trả lời đúng hạn {p.get('answered_on_time', 0)}, trễ hạn "
        f"{p.get('answered_late', 0)}; đang xử lý trong hạn {p.get('open_within_time', 0)}, quá hạn "
        f"{p.get('open_overdue', 0)}.",
        f"Kết quả đánh giá sự hài lòng: {rated} lượt đánh giá, rất hài lòng {s.get('very', 0)}, hài lòng "
        f"{s.get('satisfied', 0)}, không hài lòng {s.get('not_satisfied', 0)}; tỷ lệ hài lòng "
        f"{rate(s.get('very', 0) + s.get('satisfied', 0), rated)}.",
    ]
    return lines


GROUP_LABELS: Final = {
    "tasks": "Nhiệm vụ",
    "dossiers": "Hồ sơ thủ tục hành chính",
    "petitions": "Phản ánh, kiến nghị",
    "satisfaction": "Đánh giá sự hài lòng",
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
}


def label(path: str) -> str:
    """A figure's name for people ("dossiers.finished_late" → "Hồ sơ thủ tục hành chính — giải quyết
    quá hạn"); a directive's reference is kept as it is."""
    parts = path.split(".")
    out = [GROUP_LABELS.get(parts[0], parts[0])]
    for part in parts[1:]:
        if part in ("by_directive", "late_causes"):
            continue
        out.append(KEY_LABELS.get(part, part))
    return " — ".join(out)


def differences(
    frozen: dict[str, Any], fresh: dict[str, Any], prefix: str = ""
) -> list[tuple[str, Any, Any]]:
    """(path, sent, counted again) for every figure that differs between the sent report and a new count."""
    out: list[tuple[str, Any, Any]] = []
    for key in sorted(set(frozen) | set(fresh)):
        a, b = frozen.get(key), fresh.get(key)
        path = f"{prefix}{key}"
        if isinstance(a, dict) or isinstance(b, dict):
            out.extend(differences(a or {}, b or {}, path + "."))
        elif a != b:
            out.append((path, a, b))
    return out
