"""Indices from stored responses, through the same pure engine as ``cchc survey-index`` (cchc.lib.indices).

Responses are read once into a response matrix (one row per response, one column per item), then sliced
by unit and month with numpy; every slice goes to ``indices.compute``. Excluded responses (reviewed and
set aside) never count; responses waiting for review count, and the pages say how many there are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from cchc.lib import indices
from cchc.lib.questionnaires import Item, Questionnaire
from cchc.org.models import Unit
from cchc.surveys.conf import setting
from cchc.surveys.models import Campaign, FlagStatus, Response


@dataclass
class ResponseSet:
    """Counted responses of one campaign as a matrix, with what is needed to slice them."""

    questionnaire: Questionnaire
    ids: npt.NDArray[np.int64]
    units: npt.NDArray[np.int64]
    months: npt.NDArray[np.int64]  # year * 12 + month - 1
    table: indices.ResponseTable

    def subset(self, mask: npt.NDArray[np.bool_]) -> indices.ResponseTable:
        t = self.table
        return indices.ResponseTable(
            respondents=tuple(r for r, keep in zip(t.respondents, mask, strict=True) if keep),
            item_codes=t.item_codes,
            answers=t.answers[mask],
            option_codes=t.option_codes,
            chosen=t.chosen[mask],
            answered_options=t.answered_options[mask],
        )


def counted(qs: QuerySet[Response]) -> QuerySet[Response]:
    return qs.exclude(flag_status=FlagStatus.EXCLUDED)


def load(
    campaign: Campaign,
    *,
    units: Iterable[int] | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> ResponseSet:
    q = campaign.questionnaire.questionnaire
    qs = counted(campaign.responses.all())
    if units is not None:
        qs = qs.filter(unit_id__in=list(units))
    rows = list(qs.order_by("pk").values_list("pk", "unit_id", "submitted_at", "answers", "expectations"))
    return build(q, rows)


def build(q: Questionnaire, rows: Sequence[tuple[int, int, dt.datetime, dict[str, Any], Any]]) -> ResponseSet:
    item_codes = tuple(item.code for item in q.items)
    option_codes = tuple(option.code for option in q.options)
    col = {code: n for n, code in enumerate(item_codes)}
    opt = {code: n for n, code in enumerate(option_codes)}
    n = len(rows)
    answers = np.zeros((n, len(item_codes)), dtype=np.int8)
    chosen = np.zeros((n, len(option_codes)), dtype=bool)
    answered = np.zeros(n, dtype=bool)
    ids = np.zeros(n, dtype=np.int64)
    units = np.zeros(n, dtype=np.int64)
    months = np.zeros(n, dtype=np.int64)
    scale = set(q.scale.values)
    tz = timezone.get_current_timezone()
    for r, (pk, unit_id, at, given, expected) in enumerate(rows):
        ids[r] = pk
        units[r] = unit_id
        local = timezone.localtime(at, tz) if timezone.is_aware(at) else at
        months[r] = local.year * 12 + local.month - 1
        for code, value in (given or {}).items():
            c = col.get(code)
            # Stored answers were validated on the way in; a version change can only drop codes.
            if c is not None and value in scale:
                answers[r, c] = value
        if expected is not None and option_codes:
            answered[r] = True
            for code in expected:
                j = opt.get(code)
                if j is not None:
                    chosen[r, j] = True
    table = indices.ResponseTable(
        respondents=tuple(str(pk) for pk in ids),
        item_codes=item_codes,
        answers=answers,
        option_codes=option_codes,
        chosen=chosen,
        answered_options=answered,
    )
    return ResponseSet(q, ids, units, months, table)


def compute(rs: ResponseSet, rule: str, mask: npt.NDArray[np.bool_] | None = None) -> indices.SurveyIndex:
    table = rs.table if mask is None else rs.subset(mask)
    return indices.compute(rs.questionnaire, table, rule)


def month_key(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def month_label(key: int) -> str:
    return f"{key % 12 + 1:02d}/{key // 12}"


def period_mask(rs: ResponseSet, first: dt.date | None, last: dt.date | None) -> npt.NDArray[np.bool_]:
    mask = np.ones(len(rs.ids), dtype=bool)
    if first is not None:
        mask &= rs.months >= month_key(first)
    if last is not None:
        mask &= rs.months <= month_key(last)
    return mask


def pct(share: Fraction | float | None) -> float | None:
    return indices.percent(share)


def ci_text(estimate: indices.Estimate) -> str:
    data = estimate.as_dict()
    if data["ci95"] is None:
        return "—"
    low, high = data["ci95"]
    return f"{vn_number(low)}–{vn_number(high)}"


def vn_number(value: float | None, decimals: int = 2) -> str:
    """Vietnamese number format: decimal comma (Vietnamese first)."""
    if value is None:
        return "—"
    return f"{value:.{decimals}f}".replace(".", ",")


# --- tables for the pages ------------------------------------------------------------------------


@dataclass
class UnitRow:
    unit: Unit
    result: indices.SurveyIndex
    target: int | None = None
    responses: int = 0

    @property
    def progress(self) -> float | None:
        if not self.target:
            return None
        return round(100 * self.responses / self.target, 1)


def unit_rows(campaign: Campaign, rs: ResponseSet, units: Sequence[Unit]) -> list[UnitRow]:
    targets = dict(campaign.units.values_list("unit_id", "target"))
    rule = campaign.rule
    rows = []
    for unit in units:
        mask = rs.units == unit.pk
        rows.append(UnitRow(unit, compute(rs, rule, mask), targets.get(unit.pk), int(mask.sum())))
    return rows


@dataclass
class Weak:
    item: Item
    group_title: str
    estimate: indices.Estimate
    overall: indices.Estimate | None  # the same item over the whole campaign, for comparison

    @property
    def index(self) -> float | None:
        return pct(self.estimate.index)


def weakest(
    q: Questionnaire, result: indices.SurveyIndex, whole: indices.SurveyIndex | None = None
) -> list[Weak]:
    """The unit's criteria with the lowest index among those with enough valid answers and an index
    below the unit's own overall index (a criterion above the unit's average is not a weakness)."""
    minimum = int(setting("CCHC_SURVEY_WEAKEST_MIN_ANSWERS"))
    count = int(setting("CCHC_SURVEY_WEAKEST_COUNT"))
    titles = {}
    for group in q.groups:
        for node in (group, *group.groups):
            for item in node.items:
                titles[item.code] = node.title
    candidates = []
    for item in q.items:
        est = result.items.get(item.code)
        if est is None or est.index is None or est.valid < minimum:
            continue
        if result.overall.index is not None and est.index >= result.overall.index:
            continue
        candidates.append(
            Weak(item, titles.get(item.code, ""), est, whole.items.get(item.code) if whole else None)
        )
    candidates.sort(key=lambda w: (w.estimate.index, w.item.code))
    return candidates[:count]


@dataclass
class Trend:
    labels: list[str] = field(default_factory=list)
    series: list[dict[str, Any]] = field(default_factory=list)


def trend(campaign: Campaign, rs: ResponseSet, units: Sequence[Unit], *, whole: bool) -> Trend:
    """Monthly overall index (with its interval) per unit, and for all units when ``whole``."""
    first, last = month_key(campaign.starts_on), month_key(campaign.ends_on)
    present = rs.months[(rs.months >= first) & (rs.months <= last)]
    if present.size:
        last = min(last, int(present.max()))
    keys = list(range(first, last + 1))
    out = Trend(labels=[month_label(k) for k in keys])
    rule = campaign.rule
    groups: list[tuple[str, npt.NDArray[np.bool_]]] = []
    if whole:
        groups.append((gettext("Tất cả đơn vị"), np.ones(len(rs.ids), dtype=bool)))
    for unit in units:
        groups.append((unit.short_name or unit.name, rs.units == unit.pk))
    for label, base in groups:
        values, lows, highs, counts = [], [], [], []
        for key in keys:
            mask = base & (rs.months == key)
            result = compute(rs, rule, mask) if mask.any() else None
            data = result.overall.as_dict() if result else None
            values.append(data["index"] if data else None)
            ci = data["ci95"] if data else None
            lows.append(ci[0] if ci else None)
            highs.append(ci[1] if ci else None)
            counts.append(int(mask.sum()))
        out.series.append({"label": label, "values": values, "low": lows, "high": highs, "counts": counts})
    return out


def progress(campaign: Campaign) -> list[dict[str, Any]]:
    """Responses against the sample target per unit, and whether collection keeps pace with time."""
    counts = dict(
        counted(campaign.responses.all())
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    pending = dict(
        campaign.responses.filter(flag_status=FlagStatus.PENDING)
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    today = timezone.localdate()
    span = (campaign.ends_on - campaign.starts_on).days + 1
    elapsed = min(max((today - campaign.starts_on).days + 1, 0), span)
    expected_share = elapsed / span if span > 0 else 1.0
    rows = []
    for cu in campaign.units.select_related("unit").order_by("unit__path"):
        n = counts.get(cu.unit_id, 0)
        share = n / cu.target if cu.target else None
        rows.append(
            {
                "unit": cu.unit,
                "target": cu.target,
                "responses": n,
                "pending": pending.get(cu.unit_id, 0),
                "percent": round(100 * share, 1) if share is not None else None,
                "bar": min(100, round(100 * share)) if share is not None else 0,
                "behind": share is not None and share < expected_share * 0.8 and n < cu.target,
                "expected": round(cu.target * expected_share),
            }
        )
    return rows
