"""The nine-indicator evaluation of one dossier (docs/rules/surveys.md), computed from the data the platform
has.

What the data allow (docs/surveys.md, "Per-dossier evaluation"):

1. total time — the outcome engine's verdict (early / on time / late);
2. each agency's time — every step's finish against its own deadline (the worst step counts);
3. trips back — the number of supplement requests (whether a second one was the applicant's fault is
   not recorded, so it scores 0 as the table says for "more than 1");
4. bodies contacted — the channel: online or by post 2, in person at the one-stop office 1; the data do
   not show whether the applicant also had to go elsewhere;
5. share received, appraised and returned at the one-stop office — NOT computable: it needs the
   delegation thresholds per procedure and level, which the catalogue does not hold;
6. publication of the procedure — NOT computable: publication records are not kept;
7. staff attitude — the outcome and petitions about the dossier (a petition's verdict "upheld" is not
   recorded, so a dossier with a petition is left unscored);
8. feedback handling — the handling unit's petitions answered in the twelve months before;
9. online services — the handling unit's procedures at level 3/4 and online dossiers in the same months.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from cchc.lib import evaluation as ev
from cchc.surveys.conf import setting

WINDOW_DAYS = 365


def _day(value: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(value).date() if value is not None else None


def _window(dossier: Any) -> tuple[dt.date, dt.date]:
    end = _day(dossier.end_at) or _day(dossier.returned_at) or timezone.localdate()
    return end - dt.timedelta(days=WINDOW_DAYS - 1), end


def unit_feedback(unit_id: int, first: dt.date, last: dt.date) -> tuple[int, int, int] | None:
    """(handled, handled on time, drawn-out open cases) for the unit's petitions in the window."""
    try:
        from cchc.feedback.models import OPEN_STATUSES, PAKN_KINDS, Petition
    except ImportError:  # the feedback app is not installed
        return None
    handled = Petition.objects.filter(
        unit_id=unit_id, kind__in=PAKN_KINDS, handled_on__gte=first, handled_on__lte=last
    )
    drawn_out = Petition.objects.filter(
        unit_id=unit_id, kind__in=PAKN_KINDS, status__in=OPEN_STATUSES, due_on__lt=last, received_on__lte=last
    ).count()
    return handled.count(), handled.filter(handled_on_time=True).count(), drawn_out


def unit_online(unit_id: int, first: dt.date, last: dt.date) -> tuple[int, int, int, int, int]:
    """(procedures, procedures at level 3/4, dossiers received, received online, online finished late)."""
    from cchc.dossiers.models import Channel, Dossier, OnlineLevel, Outcome, Procedure

    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(first, dt.time.min, tzinfo=tz)
    stop = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    received = Dossier.objects.filter(handling_unit_id=unit_id, received_at__gte=start, received_at__lt=stop)
    procedure_ids = set(received.values_list("procedure_id", flat=True).distinct())
    procedures = Procedure.objects.filter(pk__in=procedure_ids)
    online_procedures = procedures.filter(online_level__in=[OnlineLevel.PARTIAL, OnlineLevel.FULL]).count()
    late_online = Dossier.objects.filter(
        handling_unit_id=unit_id,
        channel=Channel.ONLINE,
        outcome=Outcome.LATE,
        finished_on__gte=first,
        finished_on__lte=last,
    ).count()
    return (
        len(procedure_ids),
        online_procedures,
        received.count(),
        received.filter(channel=Channel.ONLINE).count(),
        late_online,
    )


# ``ev.LABELS`` (lib, no Django) marked for the catalogue; a page shows them with {% translate %}.
_LABELS_FOR_THE_CATALOGUE = (
    gettext_noop("Tổng thời gian giải quyết so với thời gian theo quy định"),
    gettext_noop("Thời gian giải quyết của từng cơ quan, kể cả cơ quan phối hợp"),
    gettext_noop("Số lần người dân phải đi lại để bổ sung hồ sơ"),
    gettext_noop("Số cơ quan người dân phải liên hệ"),
    gettext_noop("Mức độ tiếp nhận, thẩm định, trả kết quả tại Bộ phận một cửa"),
    gettext_noop("Công khai thủ tục hành chính"),
    gettext_noop("Thái độ của cán bộ, công chức"),
    gettext_noop("Tiếp nhận, xử lý phản ánh, kiến nghị"),
    gettext_noop("Cung cấp dịch vụ công trực tuyến"),
)


def evaluate(dossier: Any, cache: dict[Any, Any] | None = None) -> ev.Evaluation:
    """The nine indicators for one dossier; ``cache`` shares the unit-level figures across dossiers."""
    from cchc.dossiers.models import Channel

    cache = {} if cache is None else cache
    outcome = dossier.outcome or ""
    finished = outcome in ("early", "on_time", "late")
    scores: list[ev.Score] = []

    s1 = ev.total_time(outcome)
    scores.append(ev.Score(1, s1, "" if s1 is not None else gettext("Hồ sơ chưa giải quyết xong.")))

    steps = [(_day(s.finished_at), _day(s.deadline_at)) for s in dossier.steps.all()]
    s2, scored = ev.each_agency(steps)
    note2 = ""
    if s2 is None:
        note2 = gettext("Các bước xử lý chưa có hạn của bước hoặc thời điểm hoàn thành.")
    elif scored < len(steps):
        note2 = gettext("Tính trên %(scored)s/%(steps)s bước có đủ hạn và thời điểm hoàn thành.") % {
            "scored": scored,
            "steps": len(steps),
        }
    scores.append(ev.Score(2, s2, note2))

    trips = len(dossier.supplements.all())
    scores.append(
        ev.Score(
            3,
            ev.supplement_trips(trips),
            gettext("%(trips)s lần yêu cầu bổ sung.") % {"trips": trips}
            + (" " + gettext("Không xác định được lỗi có do người nộp hay không.") if trips > 1 else ""),
        )
    )

    in_person = dossier.channel == Channel.IN_PERSON
    scores.append(
        ev.Score(
            4,
            ev.bodies_contacted(in_person),
            gettext("Nộp trực tiếp tại Bộ phận một cửa.")
            if in_person
            else gettext("Nộp trực tuyến hoặc qua bưu chính."),
        )
    )
    scores.append(
        ev.Score(
            5,
            None,
            gettext(
                "Cần tỷ lệ thủ tục được ủy quyền tiếp nhận, thẩm định, trả kết quả tại Bộ phận một cửa; "
                "danh mục thủ tục chưa có dữ liệu này."
            ),
        )
    )
    scores.append(
        ev.Score(6, None, gettext("Chưa có dữ liệu niêm yết, công khai thủ tục (tại trụ sở và trên mạng)."))
    )

    complaints = _complaints(dossier)
    s7 = ev.staff_attitude(outcome, complaints) if finished else None
    if not finished:
        note7 = gettext("Hồ sơ chưa giải quyết xong.")
    elif complaints:
        note7 = gettext(
            "Có %(complaints)s phản ánh về hồ sơ này; chưa ghi nhận phản ánh có đúng hay không."
        ) % {"complaints": complaints}
    else:
        note7 = gettext("Không có phản ánh về hồ sơ.")
    scores.append(ev.Score(7, s7, note7))

    first, last = _window(dossier)
    key8 = ("feedback", dossier.handling_unit_id, last)
    if key8 not in cache:
        cache[key8] = unit_feedback(dossier.handling_unit_id, first, last)
    fb = cache[key8]
    if fb is None:
        scores.append(ev.Score(8, None, gettext("Chưa có phân hệ phản ánh, kiến nghị."), level="unit"))
    else:
        handled, on_time, drawn = fb
        scores.append(
            ev.Score(
                8,
                ev.feedback_handling(
                    handled, on_time, drawn, float(setting("CCHC_SURVEY_FEEDBACK_ON_TIME_SHARE"))
                ),
                (
                    gettext(
                        "Đơn vị giải quyết, 12 tháng đến %(last)s: %(on_time)s/%(handled)s phản ánh trả lời "
                        "đúng hạn, %(drawn)s phản ánh quá hạn chưa xong."
                    )
                    if drawn
                    else gettext(
                        "Đơn vị giải quyết, 12 tháng đến %(last)s: %(on_time)s/%(handled)s phản ánh trả lời "
                        "đúng hạn."
                    )
                )
                % {"last": f"{last:%d/%m/%Y}", "on_time": on_time, "handled": handled, "drawn": drawn},
                level="unit",
            )
        )
    key9 = ("online", dossier.handling_unit_id, last)
    if key9 not in cache:
        cache[key9] = unit_online(dossier.handling_unit_id, first, last)
    procs, online_procs, dossiers, online, late_online = cache[key9]
    scores.append(
        ev.Score(
            9,
            ev.online_services(
                procs,
                online_procs,
                dossiers,
                online,
                late_online,
                procedure_share=float(setting("CCHC_SURVEY_ONLINE_PROCEDURE_SHARE")),
                high=float(setting("CCHC_SURVEY_ONLINE_DOSSIER_SHARE_HIGH")),
                low=float(setting("CCHC_SURVEY_ONLINE_DOSSIER_SHARE_LOW")),
            ),
            gettext(
                "Đơn vị giải quyết, 12 tháng đến %(last)s: %(online_procs)s/%(procs)s thủ tục mức 3, 4; "
                "%(online)s/%(dossiers)s hồ sơ trực tuyến; %(late_online)s hồ sơ trực tuyến trễ hạn."
            )
            % {
                "last": f"{last:%d/%m/%Y}",
                "online_procs": online_procs,
                "procs": procs,
                "online": online,
                "dossiers": dossiers,
                "late_online": late_online,
            },
            level="unit",
        )
    )
    return ev.Evaluation(tuple(scores))


def _complaints(dossier: Any) -> int:
    try:
        from cchc.feedback.models import Petition
    except ImportError:
        return 0
    return Petition.objects.filter(dossier=dossier).count()


def band_of(evaluation: ev.Evaluation) -> str:
    return ev.band(evaluation.scaled, setting("CCHC_SURVEY_EVALUATION_BANDS"))
