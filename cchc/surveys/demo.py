"""Demo step: a year of satisfaction surveys and dossier ratings for the demo city (``load_surveys_demo``,
wired into ``cchc load-demo`` by the lead; run it after the organisation and, for ratings, the dossiers).

What it shows, so that the screens tell a story:

* the shipped questionnaires imported (sipas-2017 in use and frozen, sipas-2022 as a draft);
* the official SIPAS figures as published (docs/rules/surveys.md: national 2019, 2020, 2022–2024 and
  Bà Rịa – Vũng Tàu 2021), typed in with their sources, never computed;
* a campaign over the twelve months up to yesterday (``cchc.core.demo_clock``) over the 17 wards and
  the city's one-stop office, with sample targets from the
  sample practice of docs/rules/surveys.md and about one target's worth of responses per unit over the year,
  from the QR code on return slips (tied to returned dossiers when the dossier demo is loaded), the
  kiosk and paper forms; closed and published;
* one ward clearly weaker on one element: Phường Thắng Nhì on E3 (the civil servants handling the
  work, 55–60 % satisfied against about 85 % elsewhere), better from two weeks after directive
  7190/UBND-NV (replayed about four months before the demo's today) — the same ward whose land
  officer runs late in the dossier demo;
* three-level ratings for about 15 % of the returned dossiers, attached to their handling officials,
  worse for late dossiers and, until that directive took effect, for the dossiers of that ward's
  civil-status officer
  (so the training-needs page names someone);
* an open campaign for the current year with a kiosk at the Phường 1 one-stop office, a few
  responses, two suspicious ones waiting for review and a paper form whose two entries disagree.

Everything is drawn from one ``random.Random`` with a fixed seed. Idempotent: a second run finds the
demo campaigns and adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone

from cchc.core import demo_clock
from cchc.core.events import DEMO_ACTOR
from cchc.org.models import Jurisdiction, Unit
from cchc.surveys import actions
from cchc.surveys.models import (
    Campaign,
    CampaignUnit,
    DossierRating,
    FigureScope,
    FlagStatus,
    Kiosk,
    PaperEntry,
    PaperForm,
    PaperStatus,
    PublishedFigure,
    QuestionnaireVersion,
    RatedOfficial,
    RatingLevel,
    RespondentType,
    Response,
    ResponseChannel,
)

ACTOR = DEMO_ACTOR
SEED = 2022
# The demo's closed campaign is named after its months ("… 12/2025–11/2026"); found again by this prefix.
YEAR_CAMPAIGN = "Khảo sát mức độ hài lòng về sự phục vụ hành chính"
KIOSK_TOKEN = "demo-ki-ot-phuong-1"
WEAK_UNIT = "UBND-TN2"
WEAK_ELEMENT = "E3"
SLOW_OFFICIAL = "TN2-TPHT"
RATING_SHARE = 0.15
BATCH = 2000

# docs/rules/surveys.md, as published; sources as the spec names them.
FIGURES: list[dict[str, Any]] = [
    {
        "year": 2019,
        "scope": FigureScope.NATIONAL,
        "value": "84.45",
        "source": "TTXVN, moitruong.net.vn",
    },
    {
        "year": 2020,
        "scope": FigureScope.NATIONAL,
        "value": "85.48",
        "source": "TTXVN, moitruong.net.vn",
    },
    {
        "year": 2021,
        "scope": FigureScope.PROVINCE,
        "area_name": "Tỉnh Bà Rịa - Vũng Tàu",
        "value": "86.72",
        "rank": "38/63",
        "source": "baobariavungtau.com.vn, 07/2022",
    },
    {
        "year": 2022,
        "scope": FigureScope.NATIONAL,
        "value": "80.08",
        "range_note": "Các tỉnh từ 72,54 % đến 87,59 %; thiết kế mới",
        "source": "Sở Nội vụ Đà Nẵng qua thuonghieucongluan.com.vn; baoquangninh",
    },
    {
        "year": 2023,
        "scope": FigureScope.NATIONAL,
        "value": "82.66",
        "range_note": "Các tỉnh từ 75,03 % đến 90,61 %",
        "source": "baotintuc.vn; vietnamplus.vn; nvsk.vnanet.vn",
    },
    {
        "year": 2024,
        "scope": FigureScope.NATIONAL,
        "value": "83.94",
        "range_note": "Công bố ngày 6/4/2025",
        "source": "news.laodong.vn (EN); vietnam.vn",
    },
]


def load_surveys_demo() -> str:
    city = Jurisdiction.objects.filter(code="747").first()
    if city is None:
        return "bỏ qua: chưa có tổ chức bộ máy trình diễn (chạy bước tổ chức trước)"
    with transaction.atomic():
        version, _ = actions.import_shipped(ACTOR, "sipas-2017")
        actions.import_shipped(ACTOR, "sipas-2022")
        figures = _figures()
    units = _units()
    if not units:
        return "bỏ qua: chưa có đơn vị phường, xã trình diễn"
    year = Campaign.objects.filter(is_demo=True, name__startswith=YEAR_CAMPAIGN).first()
    made = ratings = 0
    if year is None:
        with transaction.atomic():
            year, made, ratings = _year_campaign(city, version, units)
    current = _current_campaign(city, version, units)
    n = Response.objects.filter(campaign=year).count()
    return (
        f"{QuestionnaireVersion.objects.count()} bộ câu hỏi, {figures} chỉ số SIPAS đã công bố, "
        f"đợt “{year.name}”: "
        f"{n} phiếu ({made} mới), {DossierRating.objects.filter(is_demo=True).count()} đánh giá hồ sơ "
        f"({ratings} mới); đợt đang mở: “{current.name}”"
    )


def _figures() -> int:
    for data in FIGURES:
        exists = PublishedFigure.objects.filter(
            year=data["year"], scope=data["scope"], area_name=data.get("area_name", "")
        ).exists()
        if not exists:
            actions.save_figure(ACTOR, data)
    return PublishedFigure.objects.count()


def _units() -> list[Unit]:
    from cchc.org.demo import WARDS

    codes = [f"UBND-{suffix}" for suffix, _ in WARDS] + ["BPMC-VT"]
    found = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    return [found[c] for c in codes if c in found]


# --- answers -------------------------------------------------------------------------------------


def _period() -> tuple[dt.date, dt.date]:
    """The closed campaign's days: the demo's twelve months, to yesterday (no answer dated later than
    the moment the demo is loaded)."""
    return demo_clock.year_start(), demo_clock.today() - dt.timedelta(days=1)


def _improved(day: dt.date) -> bool:
    """Whether directive 7190/UBND-NV had taken effect (two weeks after the demo's letter)."""
    return day >= demo_clock.letter_date() + dt.timedelta(days=14)


def _satisfied_share(unit: Unit, element: str, day: dt.date, base: dict[str, float]) -> float:
    share = base[unit.code]
    if unit.code == WEAK_UNIT and element == WEAK_ELEMENT:
        # Clearly weaker on one element, better after directive 7190/UBND-NV.
        share = 0.66 if _improved(day) else 0.55
    return share


def _answers(rng: random.Random, q: Any, unit: Unit, day: dt.date, base: dict[str, float]) -> dict[str, int]:
    mood = rng.gauss(0, 0.07)
    out: dict[str, int] = {}
    for group in q.groups:
        for item in group.items:
            missing = 0.25 if group.code == "E5" else 0.03  # not everyone has sent feedback (E5)
            if rng.random() < missing:
                continue
            p = min(
                max(_satisfied_share(unit, group.code, day, base) + mood + rng.gauss(0, 0.03), 0.02), 0.99
            )
            if rng.random() < p:
                out[item.code] = 5 if rng.random() < 0.35 else 4
            else:
                r = rng.random()
                out[item.code] = 3 if r < 0.6 else (2 if r < 0.9 else 1)
    return out


def _when(rng: random.Random, day: dt.date) -> dt.datetime:
    minute = rng.randrange(7 * 60 + 30, 16 * 60 + 30)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(minute // 60, minute % 60)))


def _returned_dossiers(unit: Unit) -> list[tuple[int, Any]]:
    from cchc.dossiers.models import Dossier, Status

    return list(
        Dossier.objects.filter(
            receiving_unit__path__startswith=unit.path,
            status=Status.RETURNED,
            returned_at__date__range=_period(),
        )
        .order_by("pk")
        .values_list("pk", "returned_at")
    )


def _year_campaign(
    city: Jurisdiction, version: QuestionnaireVersion, units: list[Unit]
) -> tuple[Campaign, int, int]:
    rng = random.Random(SEED)
    first, last = _period()
    campaign = actions.create_campaign(
        ACTOR,
        name=f"{YEAR_CAMPAIGN} {first:%m/%Y}–{last:%m/%Y}",
        questionnaire=version,
        starts_on=first,
        ends_on=last,
        units=units,
        jurisdiction=city,
        note="Khảo sát thường xuyên tại Bộ phận một cửa các phường, xã và thành phố (dữ liệu trình diễn).",
    )
    Campaign.objects.filter(pk=campaign.pk).update(is_demo=True)
    actions.open_campaign(ACTOR, campaign)
    q = version.questionnaire
    base = {u.code: 0.80 + rng.random() * 0.10 for u in units}
    kiosks = {
        u.code: _kiosk(u, f"Máy tính bảng {u.short_name or u.name}", f"demo-ki-ot-{u.code.lower()}")
        for u in units[:3]
    }
    targets = dict(CampaignUnit.objects.filter(campaign=campaign).values_list("unit_id", "target"))
    rows: list[Response] = []
    linked: list[tuple[int, dt.datetime, dict[str, int]]] = []
    for unit in units:
        pool = _returned_dossiers(unit)
        rng.shuffle(pool)
        n = round(targets[unit.pk] * rng.uniform(0.88, 1.08))
        for _ in range(n):
            r = rng.random()
            dossier_id = None
            if r < 0.55 and pool:
                dossier_id, returned = pool.pop()
                at = timezone.localtime(returned) + dt.timedelta(
                    days=rng.choice([0, 0, 1, 2]), hours=rng.randint(1, 6)
                )
                channel = ResponseChannel.LINK
            else:
                day = first + dt.timedelta(days=rng.randrange((last - first).days + 1))
                while day.weekday() >= 5 and day > first:
                    day -= dt.timedelta(days=1)
                at = _when(rng, day)
                channel = (
                    ResponseChannel.KIOSK if (r < 0.8 and unit.code in kiosks) else ResponseChannel.PAPER
                )
            if timezone.localtime(at).date() > last:
                at = _when(rng, last)
            answers = _answers(rng, q, unit, timezone.localtime(at).date(), base)
            rows.append(
                Response(
                    campaign=campaign,
                    unit=unit,
                    channel=channel,
                    dossier_id=dossier_id,
                    kiosk=kiosks.get(unit.code) if channel == ResponseChannel.KIOSK else None,
                    submitted_at=at,
                    duration_seconds=rng.randint(70, 420),
                    answers=answers,
                    respondent_type=RespondentType.ORGANISATION
                    if rng.random() < 0.12
                    else RespondentType.CITIZEN,
                    is_demo=True,
                )
            )
            if dossier_id is not None:
                linked.append((dossier_id, at, answers))
    # Two suspicious ones, reviewed: one kept, one set aside (never deleted).
    same = {item.code: 5 for item in q.items}
    for n, keep in enumerate((True, False)):
        rows.append(
            Response(
                campaign=campaign,
                unit=units[n],
                channel=ResponseChannel.KIOSK if units[n].code in kiosks else ResponseChannel.PAPER,
                kiosk=kiosks.get(units[n].code),
                submitted_at=_when(rng, min(demo_clock.recent(10, 3 + n), last)),
                duration_seconds=9,
                answers=same,
                flag_status=FlagStatus.KEPT if keep else FlagStatus.EXCLUDED,
                flag_reasons=["same_fast"],
                review_note="Người dân trả lời nhanh nhưng đúng ý (đã hỏi lại tại quầy)."
                if keep
                else "Nhân viên bấm thử máy.",
                reviewed_at=_when(rng, min(demo_clock.recent(10, 5), last)),
                is_demo=True,
            )
        )
    Response.objects.bulk_create(rows, batch_size=BATCH)
    ratings = _ratings(rng, linked)
    actions.close_campaign(ACTOR, campaign)
    actions.publish_campaign(ACTOR, campaign)
    return campaign, len(rows), ratings


def _kiosk(unit: Unit, name: str, token: str) -> Kiosk:
    kiosk = Kiosk.objects.filter(token=token).first()
    return kiosk or actions.create_kiosk(ACTOR, name=name, unit=unit, token=token)


def _ratings(rng: random.Random, linked: list[tuple[int, dt.datetime, dict[str, int]]]) -> int:
    """Three-level ratings: every dossier answered through its link, and a share of the others."""
    try:
        from cchc.dossiers.models import Dossier, DossierStep, Outcome, Status
    except ImportError:  # pragma: no cover - the dossier app is part of the platform
        return 0
    from cchc.org.models import Official

    slow = Official.objects.filter(code=SLOW_OFFICIAL).values_list("pk", flat=True).first()
    chosen: dict[int, tuple[dt.datetime, float | None]] = {}
    for dossier_id, at, answers in linked:
        mean = sum(answers.values()) / len(answers) if answers else None
        chosen[dossier_id] = (at, mean)
    others = Dossier.objects.filter(status=Status.RETURNED, returned_at__date__range=_period()).exclude(
        pk__in=list(chosen)
    )
    for dossier_id, returned in others.order_by("pk").values_list("pk", "returned_at").iterator():
        if rng.random() < RATING_SHARE:
            chosen[dossier_id] = (timezone.localtime(returned) + dt.timedelta(hours=rng.randint(1, 48)), None)
    if not chosen:
        return 0
    ids = sorted(chosen)
    facts: dict[int, dict[str, Any]] = {}
    officials: dict[int, list[tuple[int, int | None]]] = defaultdict(list)
    for start in range(0, len(ids), BATCH):
        part = ids[start : start + BATCH]
        for pk, unit_id, outcome in Dossier.objects.filter(pk__in=part).values_list(
            "pk", "handling_unit_id", "outcome"
        ):
            facts[pk] = {"unit": unit_id, "late": outcome == Outcome.LATE}
        for dossier_id, official_id, unit_id in DossierStep.objects.filter(
            dossier_id__in=part, official__isnull=False
        ).values_list("dossier_id", "official_id", "unit_id"):
            if all(o != official_id for o, _ in officials[dossier_id]):
                officials[dossier_id].append((official_id, unit_id))
    rows = []
    for pk in ids:
        at, mean = chosen[pk]
        p_not = 0.04 + (0.30 if facts[pk]["late"] else 0.0)
        if slow is not None and any(o == slow for o, _ in officials[pk]):
            p_not += 0.06 if _improved(timezone.localtime(at).date()) else 0.20
        if mean is not None:  # the same person answered the survey: the rating agrees with it
            p_not = max(p_not, 0.6 if mean < 3 else (0.15 if mean < 3.8 else 0.03))
        r = rng.random()
        if r < p_not:
            level = RatingLevel.NOT_SATISFIED
        else:
            level = RatingLevel.VERY_SATISFIED if rng.random() < 0.5 else RatingLevel.SATISFIED
        channel = (
            ResponseChannel.LINK
            if mean is not None
            else rng.choice([ResponseChannel.LINK, ResponseChannel.KIOSK])
        )
        rows.append(
            DossierRating(
                dossier_id=pk,
                level=level,
                channel=channel,
                rated_at=at,
                unit_id=facts[pk]["unit"],
                is_demo=True,
            )
        )
    DossierRating.objects.bulk_create(rows, batch_size=BATCH)
    rating_ids = dict(DossierRating.objects.filter(dossier_id__in=ids).values_list("dossier_id", "pk"))
    levels = {r.dossier_id: r.level for r in rows}
    links = [
        RatedOfficial(rating_id=rating_ids[pk], official_id=o, unit_id=u, level=levels[pk])
        for pk in ids
        for o, u in officials[pk]
    ]
    RatedOfficial.objects.bulk_create(links, batch_size=BATCH)
    return len(rows)


def _current_campaign(city: Jurisdiction, version: QuestionnaireVersion, units: list[Unit]) -> Campaign:
    """This year's open campaign, so the QR codes, the kiosk and paper entry work in the demo."""
    today = demo_clock.today()
    name = f"Khảo sát thường xuyên năm {today.year}"
    existing = Campaign.objects.filter(is_demo=True, name=name).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        campaign = actions.create_campaign(
            ACTOR,
            name=name,
            questionnaire=version,
            starts_on=dt.date(today.year, 1, 1),
            ends_on=dt.date(today.year, 12, 31),
            units=units,
            jurisdiction=city,
        )
        Campaign.objects.filter(pk=campaign.pk).update(is_demo=True)
        actions.open_campaign(ACTOR, campaign)
        p1 = next((u for u in units if u.code == "UBND-P1"), units[0])
        one_stop = Unit.objects.filter(code="BPMC-P1").first() or p1
        kiosk = _kiosk(one_stop, "Máy tính bảng quầy 1 — Bộ phận một cửa Phường 1", KIOSK_TOKEN)
        rng = random.Random(SEED + today.year)
        q = version.questionnaire
        base = {u.code: 0.84 for u in units}
        rows = []
        for n in range(12):
            day = today - dt.timedelta(days=n % 6)
            rows.append(
                Response(
                    campaign=campaign,
                    unit=p1,
                    channel=ResponseChannel.KIOSK,
                    kiosk=kiosk,
                    submitted_at=_when(rng, day)
                    if day < today
                    else timezone.now() - dt.timedelta(minutes=90 + n),
                    duration_seconds=rng.randint(80, 300),
                    answers=_answers(rng, q, p1, day, base),
                    respondent_type=RespondentType.CITIZEN,
                    is_demo=True,
                )
            )
        same = {item.code: 4 for item in q.items}
        rows.append(
            Response(
                campaign=campaign,
                unit=p1,
                channel=ResponseChannel.KIOSK,
                kiosk=kiosk,
                submitted_at=timezone.now() - dt.timedelta(minutes=30),
                duration_seconds=8,
                answers=same,
                flag_status=FlagStatus.PENDING,
                flag_reasons=["same_fast"],
                is_demo=True,
            )
        )
        rows.append(
            Response(
                campaign=campaign,
                unit=p1,
                channel=ResponseChannel.KIOSK,
                kiosk=kiosk,
                submitted_at=timezone.now() - dt.timedelta(minutes=29),
                duration_seconds=7,
                answers=same,
                flag_status=FlagStatus.PENDING,
                flag_reasons=["same_fast", "duplicate"],
                is_demo=True,
            )
        )
        Response.objects.bulk_create(rows)
        _paper_mismatch(campaign, p1, q)
    return campaign


def _paper_mismatch(campaign: Campaign, unit: Unit, q: Any) -> None:
    """A paper form typed by two people who read one answer differently: waiting for reconciliation."""
    from cchc.accounts.models import User

    found = {u.username: u for u in User.objects.filter(username__in=["noivu", "motcua"])}
    people = [found[name] for name in ("noivu", "motcua") if name in found]
    if len(people) < 2:
        return
    form = PaperForm.objects.create(campaign=campaign, serial="P1-0001", status=PaperStatus.MISMATCH)
    first = {item.code: 4 for item in q.items}
    second = dict(first, **{q.items[9].code: 1})
    for seq, (who, answers) in enumerate(((people[0], first), (people[1], second)), start=1):
        PaperEntry.objects.create(
            form=form,
            seq=seq,
            entered_by=who,
            unit=unit,
            filled_on=timezone.localdate(),
            answers=answers,
            respondent_type=RespondentType.CITIZEN,
        )
    from cchc.surveys.actions.paper import differences

    entries = list(form.entries.order_by("seq"))
    form.mismatches = differences(form, entries[0], entries[1])
    form.save(update_fields=["mismatches"])
