"""Demo step: the city index of the demo year for every agency and ward, with a spread of scores and
cards at every stage, the province's published PAR INDEX and SIPAS results, and solutions whose tasks
are in every state (none yet, within time, overdue, awaiting confirmation, done while the criterion
still loses points, cancelled).

The points of the cards are written as the record of a year already under way (the demo needs a
finished appraisal for most units); tasks are given through the scorecards' own action as the demo
leader, and moved through the directives' actions. Dates come from the demo clock. Idempotent.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone

from cchc.accounts.models import User
from cchc.core import demo_clock
from cchc.core.events import DEMO_ACTOR
from cchc.directives import actions as directive_actions
from cchc.directives.models import Directive
from cchc.org.models import Jurisdiction, Unit, UnitKind
from cchc.scorecards import actions, actions_solutions, cards
from cchc.scorecards.models import Family, IndexVersion, Scorecard, Solution, Stage

CITY = "747"
ACTOR = DEMO_ACTOR
PUBLISHED = Path(__file__).parent / "data" / "published-results.csv"
# Units whose reform work lags (the same places the dossier demo makes slow), and the strongest ones.
QUALITY = {"UBND-TN2": 0.58, "UBND-P10": 0.64, "QLĐT": 0.62, "UBND-LS": 0.7, "UBND-P1": 0.93, "UBND-P7": 0.95}
STILL_SELF = {"UBND-P1", "UBND-P4"}  # the demo ward officer can still self-assess Phường 1
SUBMITTED = {"UBND-P5", "UBND-P8", "TP"}
SCORED_EVERY = 4  # every fourth appraised card is already scored
SOLUTION_TEXT = {
    "self_assessed": "Rà soát, bổ sung tài liệu kiểm chứng và thực hiện đúng kế hoạch trong quý tới",
    "computed": "Phân công cán bộ theo dõi hằng tuần, nhắc hạn từng hồ sơ, nhiệm vụ trước ngày đến hạn",
    "appraised": "Chấn chỉnh kỷ luật, kỷ cương hành chính; kiểm tra đột xuất hằng tháng",
    "survey": "Niêm yết quy trình, tập huấn kỹ năng giao tiếp cho công chức một cửa",
}


def load_scorecards_demo() -> str:
    city = Jurisdiction.objects.get(code=CITY)
    published = actions.import_published(ACTOR, PUBLISHED.read_bytes())
    year = demo_clock.demo_year()
    version = IndexVersion.objects.filter(jurisdiction=city, family=Family.CITY, year=year).first()
    if version is None or version.frozen_at is None:
        version = actions.load_version(ACTOR, city, year)
    units = list(
        Unit.objects.filter(
            jurisdiction__path__startswith=city.path, kind__in=[UnitKind.AGENCY, UnitKind.WARD_COMMITTEE]
        ).order_by("code")
    )
    opened = actions.open_cards(ACTOR, version, units)
    actions.refresh_computed(version, demo_clock.today())
    s = cards.index_set(version)
    appraised = 0
    for card in opened:
        if card.stage == Stage.SCORED:
            continue
        appraised += _fill(card, s, appraised)
    tasks = _solutions(version, s)
    return (
        f"Chỉ số CCHC {year}: {len(opened)} phiếu chấm điểm ({appraised} đã thẩm định), "
        f"{published} kết quả PAR INDEX, SIPAS đã công bố, {tasks} nhiệm vụ khắc phục"
    )


def _fill(card: Scorecard, s: Any, appraised_so_far: int) -> int:
    code = card.unit.code
    rng = random.Random(f"scorecards-{code}")
    quality = QUALITY.get(code, rng.uniform(0.74, 0.97))
    stage = Stage.SELF if code in STILL_SELF else Stage.SUBMITTED if code in SUBMITTED else Stage.APPRAISED
    rows = {r.code: r for r in card.scores.all()}
    for leaf in s.leaves():
        row = rows[leaf.code]
        share = min(1.0, max(0.0, quality + rng.uniform(-0.12, 0.1)))
        points = Decimal(str(round(float(leaf.max_points) * share * 4) / 4))
        row.self_points = row.appraised_points = None
        row.appraisal_comment = row.unit_answer = ""
        row.answered_at = None
        row.adjustment = Decimal(0)
        if leaf.rule == "self_assessed":
            if stage != Stage.SELF or rng.random() < 0.6:
                row.self_points = min(Decimal(str(float(leaf.max_points))), points + Decimal("0.5"))
                row.self_note = "Đã thực hiện theo kế hoạch; có văn bản kèm theo"
            if stage == Stage.APPRAISED and row.self_points is not None and rng.random() < 0.35:
                row.appraised_points = points
                row.appraisal_comment = "Tài liệu kiểm chứng chưa đủ để công nhận toàn bộ điểm tự chấm"
                if rng.random() < 0.4:
                    row.unit_answer = "Đơn vị bổ sung văn bản số 45/BC-UBND; đề nghị xem xét lại"
                    row.answered_at = timezone.now()
        elif leaf.rule in ("appraised", "survey") and stage == Stage.APPRAISED:
            row.appraised_points = points
        if leaf.deductions and stage == Stage.APPRAISED and rng.random() < 0.3:
            row.adjustment = -Decimal(str(float(leaf.deductions[0].max_points)))
            row.appraisal_comment = row.appraisal_comment or leaf.deductions[0].title
        row.save()
    now = timezone.now()
    card.stage = stage
    card.submitted_at = now if stage != Stage.SELF else None
    card.appraised_at = now if stage == Stage.APPRAISED else None
    card.save(update_fields=["stage", "submitted_at", "appraised_at"])
    if stage == Stage.APPRAISED and appraised_so_far % SCORED_EVERY == SCORED_EVERY - 1:
        result = cards.score(s, {r.code: r for r in card.scores.all()})
        card.stage, card.scored_at, card.total = Stage.SCORED, now, Decimal(str(result.total))
        card.save(update_fields=["stage", "scored_at", "total"])
    return 1 if stage == Stage.APPRAISED else 0


def _solutions(version: IndexVersion, s: Any) -> int:
    """Solutions for the criteria losing the most points, their tasks in every state (once)."""
    if Solution.objects.filter(score__scorecard__version=version).exists():
        return Solution.objects.filter(score__scorecard__version=version, task__isnull=False).count()
    leader = User.objects.filter(username="lanhdao").first()
    directive = Directive.objects.filter(number="7190", symbol="UBND-NV").order_by("-date").first()
    losing = []
    for card in version.scorecards.exclude(stage__in=[Stage.SELF]).select_related("unit"):
        result = cards.score(s, {r.code: r for r in card.scores.all()})
        losing += [
            (line.lost, card, line) for line in result.lines if line.lost and line.lost >= 1 and line.row
        ]
    losing.sort(key=lambda x: (-x[0], x[1].unit.code, x[2].code))
    today = demo_clock.today()
    states = ("none", "open", "overdue", "awaiting", "done", "cancelled", "open", "done")
    made = 0
    for (_, _, line), state in zip(losing, states, strict=False):
        row = line.row
        assert row is not None  # only lines with a row were kept
        row.cause = row.cause or "Chưa bố trí đủ nhân lực theo dõi; quy trình nội bộ chưa được cập nhật"
        row.save(update_fields=["cause"])
        sol = Solution.objects.create(
            score=row, text=SOLUTION_TEXT.get(line.criterion.rule or "", "Khắc phục")
        )
        if state == "none" or leader is None or directive is None:
            continue
        due = today + dt.timedelta(days=30) if state == "open" else today - dt.timedelta(days=12)
        task = actions_solutions.make_task(leader, sol, directive=directive, due=due)
        made += 1
        if state in ("awaiting", "done"):
            directive_actions.report_completion(
                ACTOR, task, note="Đã ban hành quy trình và phân công theo dõi", on=due
            )
        if state == "done":
            directive_actions.confirm_completion(ACTOR, task, on=due + dt.timedelta(days=1))
        if state == "cancelled":
            directive_actions.cancel_task(
                ACTOR, task, reason="Gộp vào nhiệm vụ khác của kế hoạch CCHC năm", on=due
            )
    return made
