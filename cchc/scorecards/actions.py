"""Every change to scorecards: the year's index version, each unit's card through self-assessment,
appraisal, the unit's answer and scoring (which freezes it), evidence, causes and solutions. Each
action checks ``access`` and writes an audit event."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from cchc.core.events import record
from cchc.lib.scoring import IndexSetError, bundled, load_text
from cchc.org.models import Jurisdiction, Unit
from cchc.scorecards import cards, city_figures, published
from cchc.scorecards.access import access
from cchc.scorecards.audit_events import ScorecardsEvents
from cchc.scorecards.models import (
    CriterionScore,
    Evidence,
    Family,
    IndexVersion,
    PublishedResult,
    Scorecard,
    Stage,
)

EVIDENCE_TYPES = frozenset(
    {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png", ".odt", ".ods"}
)


class ScorecardError(ValueError):
    """A change that cannot be made; the message is Vietnamese and says why."""


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


# --- the year's index version -------------------------------------------------------------------------


def _text_of_bundled(family: str, year: int) -> tuple[str, str]:
    s = bundled(family, year, figures=city_figures.FIGURES)
    from cchc.lib import scoring

    path = Path(scoring.__file__).parent / "data" / s.name
    return path.read_text(encoding="utf-8"), s.name


@transaction.atomic
def load_version(
    actor: Any,
    area: Jurisdiction,
    year: int,
    *,
    text: str | None = None,
    name: str = "",
    family: str = Family.CITY,
) -> IndexVersion:
    """Set the index version a year is scored with: the shipped file (``text`` None) or one the
    secretariat provides. Refused with the file's line named when the file is wrong, and refused once
    a card of the year is scored."""
    if text is None:
        text, name = _text_of_bundled(family, year)
    try:
        load_text(text, name or f"{family}-{year}.json", figures=city_figures.FIGURES)
    except IndexSetError as exc:
        raise ScorecardError(str(exc)) from None
    version = (
        IndexVersion.objects.select_for_update().filter(jurisdiction=area, family=family, year=year).first()
    )
    if version is not None and version.frozen_at is not None:
        raise ScorecardError(
            gettext("Bộ chỉ số năm %(year)s đã chốt điểm, không thay được.") % {"year": year}
        )
    if version is None:
        version = IndexVersion(jurisdiction=area, family=family, year=year)
    version.text, version.file_name = text, (name or f"{family}-{year}.json")[:120]
    version.save()
    record(
        actor,
        ScorecardsEvents.VERSION_LOADED,
        version,
        summary=f"Bộ chỉ số {family} năm {year}: {version.file_name}",
    )
    return version


@transaction.atomic
def open_cards(actor: Any, version: IndexVersion, units: list[Unit]) -> list[Scorecard]:
    """One card per unit with a row per leaf criterion (existing cards are kept)."""
    s = cards.index_set(version)
    out = []
    for unit in units:
        card, _ = Scorecard.objects.get_or_create(version=version, unit=unit)
        have = set(card.scores.values_list("code", flat=True))
        CriterionScore.objects.bulk_create(
            [CriterionScore(scorecard=card, code=leaf.code) for leaf in s.leaves() if leaf.code not in have]
        )
        out.append(card)
    record(
        actor, ScorecardsEvents.CARDS_OPENED, version, summary=f"Mở phiếu chấm điểm cho {len(units)} đơn vị"
    )
    return out


def refresh_for(actor: Any, version: IndexVersion, today: dt.date) -> int:
    """Internal Affairs refreshes the computed criteria of the year's open cards from CCHC's records."""
    from cchc.core.roles import Role

    if not (getattr(actor, "is_superuser", False) or getattr(actor, "role", "") == Role.SECRETARIAT):
        raise PermissionDenied(gettext("Chỉ Phòng Nội vụ cập nhật số liệu tính từ dữ liệu CCHC."))
    n = refresh_computed(version, today)
    record(
        actor,
        ScorecardsEvents.FIGURES_REFRESHED,
        version,
        summary=f"Cập nhật {n} số liệu tiêu chí tính tự động",
    )
    return n


def refresh_computed(version: IndexVersion, today: dt.date) -> int:
    """Fill the computed criteria of every open card from CCHC's records (frozen cards keep theirs)."""
    s = cards.index_set(version)
    computed = {leaf.code: str(leaf.figure) for leaf in s.leaves() if leaf.rule == "computed"}
    open_cards_ = list(version.scorecards.exclude(stage=Stage.SCORED).select_related("unit"))
    if not open_cards_:
        return 0
    figs = city_figures.for_units([c.unit for c in open_cards_], version.year, version.jurisdiction, today)
    n = 0
    for card in open_cards_:
        for row in card.scores.filter(code__in=list(computed)):
            f = figs[card.unit_id].get(computed[row.code])
            row.figure = (
                {
                    "numerator": f.numerator,
                    "denominator": f.denominator,
                    "rate": round(f.rate, 4),
                    "url": f.url,
                }
                if f is not None
                else {}
            )
            row.save(update_fields=["figure"])
            n += 1
    return n


# --- the unit's self-assessment -----------------------------------------------------------------------


def _points(raw: Any, max_points: Fraction) -> Decimal:
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ScorecardError(
            gettext("Điểm «%(value)s» không phải là số.") % {"value": str(raw)[:20]}
        ) from None
    if not value.is_finite() or value < 0 or Fraction(value) > max_points:
        raise ScorecardError(gettext("Điểm phải từ 0 đến %(max)s.") % {"max": f"{float(max_points):g}"})
    return value.quantize(Decimal("0.01"))


def _leaf(score: CriterionScore) -> Any:
    s = cards.index_set(score.scorecard.version)
    for leaf in s.leaves():
        if leaf.code == score.code:
            return leaf
    raise ScorecardError(gettext("Tiêu chí %(code)s không có trong bộ chỉ số.") % {"code": score.code})


@transaction.atomic
def self_assess(actor: Any, score: CriterionScore, *, points: Any, note: str) -> CriterionScore:
    card = score.scorecard
    _require(
        access(actor, card).self_assess, "Chỉ đơn vị được tự đánh giá phiếu của mình khi phiếu còn ở đơn vị."
    )
    leaf = _leaf(score)
    if leaf.rule != "self_assessed":
        raise ScorecardError(gettext("Tiêu chí %(code)s không do đơn vị tự chấm.") % {"code": leaf.code})
    score.self_points = _points(points, leaf.max_points)
    score.self_note = note.strip()[:4000]
    score.save(update_fields=["self_points", "self_note"])
    record(
        actor,
        ScorecardsEvents.SELF_ASSESSED,
        score,
        summary=f"{card.unit.name} tự chấm {leaf.code}: {score.self_points}",
    )
    return score


@transaction.atomic
def add_evidence(
    actor: Any, score: CriterionScore, *, name: str, link: str = "", file: UploadedFile | None = None
) -> Evidence:
    card = score.scorecard
    _require(
        access(actor, card).self_assess, "Chỉ đơn vị được thêm tài liệu kiểm chứng khi phiếu còn ở đơn vị."
    )
    if not link and file is None:
        raise ScorecardError(gettext("Cần một tệp hoặc một đường dẫn tài liệu kiểm chứng."))
    if file is not None:
        if Path(file.name or "").suffix.lower() not in EVIDENCE_TYPES:
            raise ScorecardError(gettext("Tệp kiểm chứng phải là PDF, Word, Excel hoặc ảnh (JPG, PNG)."))
        limit = int(settings.CCHC_EVIDENCE_MAX_MB) * 1024 * 1024
        if (file.size or 0) > limit:
            raise ScorecardError(
                gettext("Tệp kiểm chứng lớn quá %(mb)s MB.") % {"mb": settings.CCHC_EVIDENCE_MAX_MB}
            )
    title = (name.strip() or ((file.name or "") if file is not None else link) or "tài liệu")[:255]
    ev = Evidence.objects.create(score=score, name=title, link=link[:500], file=file or "", added_by=actor)
    record(actor, ScorecardsEvents.EVIDENCE_ADDED, score, summary=f"{card.unit.name} {score.code}: {title}")
    return ev


@transaction.atomic
def submit(actor: Any, card: Scorecard) -> Scorecard:
    _require(access(actor, card).submit, "Chỉ thủ trưởng đơn vị gửi phiếu tự đánh giá.")
    s = cards.index_set(card.version)
    own = {r.code: r for r in card.scores.all()}
    missing = [
        leaf.code
        for leaf in s.leaves()
        if leaf.rule == "self_assessed"
        and own.get(leaf.code) is not None
        and own[leaf.code].self_points is None
    ]
    if missing:
        raise ScorecardError(gettext("Chưa tự chấm các tiêu chí: %(codes)s.") % {"codes": ", ".join(missing)})
    card.stage, card.submitted_at = Stage.SUBMITTED, timezone.now()
    card.save(update_fields=["stage", "submitted_at"])
    record(actor, ScorecardsEvents.SUBMITTED, card, summary=f"{card.unit.name} gửi phiếu tự đánh giá")
    return card


# --- appraisal by Internal Affairs --------------------------------------------------------------------


@transaction.atomic
def appraise(
    actor: Any, score: CriterionScore, *, points: Any, comment: str, adjustment: Any = "0"
) -> CriterionScore:
    card = score.scorecard
    _require(access(actor, card).appraise, "Chỉ Phòng Nội vụ thẩm định phiếu đã gửi.")
    leaf = _leaf(score)
    if leaf.rule == "computed":
        raise ScorecardError(
            gettext("Tiêu chí %(code)s tính từ dữ liệu, không chấm tay.") % {"code": leaf.code}
        )
    score.appraised_points = None if str(points).strip() == "" else _points(points, leaf.max_points)
    low, high = cards.adjustment_limits(leaf)
    try:
        adj = Decimal(str(adjustment or "0").strip().replace(",", "."))
    except InvalidOperation:
        raise ScorecardError(gettext("Điểm trừ, cộng phải là số.")) from None
    if not adj.is_finite() or not low <= Fraction(adj) <= high:
        raise ScorecardError(
            gettext("Điểm trừ, cộng của tiêu chí %(code)s phải từ %(low)s đến %(high)s.")
            % {"code": leaf.code, "low": f"{float(low):g}", "high": f"{float(high):g}"}
        )
    score.adjustment = adj.quantize(Decimal("0.01"))
    score.appraisal_comment = comment.strip()[:4000]
    score.save(update_fields=["appraised_points", "appraisal_comment", "adjustment"])
    record(
        actor,
        ScorecardsEvents.APPRAISED,
        score,
        summary=f"Thẩm định {card.unit.name} {leaf.code}: {score.appraised_points}",
        data={"comment": score.appraisal_comment[:200], "adjustment": str(score.adjustment)},
    )
    return score


@transaction.atomic
def finish_appraisal(actor: Any, card: Scorecard) -> Scorecard:
    _require(
        access(actor, card).appraise and card.stage == Stage.SUBMITTED, "Phiếu không ở bước chờ thẩm định."
    )
    card.stage, card.appraised_at = Stage.APPRAISED, timezone.now()
    card.save(update_fields=["stage", "appraised_at"])
    record(
        actor, ScorecardsEvents.APPRAISAL_FINISHED, card, summary=f"Đã thẩm định phiếu của {card.unit.name}"
    )
    return card


@transaction.atomic
def answer(actor: Any, score: CriterionScore, *, text: str) -> CriterionScore:
    card = score.scorecard
    _require(access(actor, card).answer, "Đơn vị chỉ phản hồi kết quả thẩm định của phiếu mình.")
    if score.answered_at is not None:
        raise ScorecardError(
            gettext("Đơn vị đã phản hồi tiêu chí %(code)s; mỗi tiêu chí chỉ phản hồi một lần.")
            % {"code": score.code}
        )
    if not text.strip():
        raise ScorecardError(gettext("Cần nội dung phản hồi."))
    score.unit_answer, score.answered_at = text.strip()[:4000], timezone.now()
    score.save(update_fields=["unit_answer", "answered_at"])
    record(actor, ScorecardsEvents.ANSWERED, score, summary=f"{card.unit.name} phản hồi {score.code}")
    return score


@transaction.atomic
def freeze(actor: Any, card: Scorecard) -> Scorecard:
    """Score the card: its total is written and it changes no more; the year's index version is frozen."""
    _require(access(actor, card).freeze, "Chỉ Phòng Nội vụ chốt điểm phiếu đã thẩm định.")
    result = cards.score(cards.index_set(card.version), {r.code: r for r in card.scores.all()})
    card.stage, card.scored_at, card.total = Stage.SCORED, timezone.now(), Decimal(str(result.total))
    card.save(update_fields=["stage", "scored_at", "total"])
    version = card.version
    if version.frozen_at is None:
        version.frozen_at = card.scored_at
        version.save(update_fields=["frozen_at"])
    record(actor, ScorecardsEvents.SCORED, card, summary=f"Chốt điểm {card.unit.name}: {result.total}")
    return card


@transaction.atomic
def write_cause(actor: Any, score: CriterionScore, *, cause: str) -> CriterionScore:
    _require(access(actor, score.scorecard).plan, "Không có quyền ghi nguyên nhân cho phiếu này.")
    score.cause = cause.strip()[:4000]
    score.save(update_fields=["cause"])
    record(actor, ScorecardsEvents.CAUSE_WRITTEN, score, summary=f"Nguyên nhân mất điểm {score.code}")
    return score


@transaction.atomic
def import_published(actor: Any, data: bytes) -> int:
    """Write every row of a published-results file (replacing the same index, year, area and component),
    or nothing (``published.parse`` refuses a bad file with every faulty row named)."""
    rows = published.parse(data)
    for r in rows:
        key = {k: r.pop(k) for k in ("family", "year", "area_id", "component")}
        PublishedResult.objects.update_or_create(**key, defaults=r)
    record(
        actor,
        ScorecardsEvents.PUBLISHED_IMPORTED,
        None,
        object_type="scorecards.publishedresult",
        summary=f"{len(rows)} kết quả công bố",
    )
    return len(rows)
