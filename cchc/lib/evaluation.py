"""Per-dossier evaluation of how a procedure was handled: nine indicators scored 2/1/0
(docs/rules/surveys.md).

Pure arithmetic, no Django. The list is confirmed via a provincial transcription and matches a
provincial portal; the official texts (TT 01/2018, ND 118/TT 03) were not read (docs/rules/surveys.md), so the
rating bands are a setting passed in by the caller. Each scorer takes the facts it needs and returns a score,
or ``None`` when the facts are not known; ``evaluate`` totals what could be scored and says which indicators
could not be.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

MAX_PER_INDICATOR = 2
INDICATORS = 9

LABELS = {
    1: "Tổng thời gian giải quyết so với thời gian theo quy định",
    2: "Thời gian giải quyết của từng cơ quan, kể cả cơ quan phối hợp",
    3: "Số lần người dân phải đi lại để bổ sung hồ sơ",
    4: "Số cơ quan người dân phải liên hệ",
    5: "Mức độ tiếp nhận, thẩm định, trả kết quả tại Bộ phận một cửa",
    6: "Công khai thủ tục hành chính",
    7: "Thái độ của cán bộ, công chức",
    8: "Tiếp nhận, xử lý phản ánh, kiến nghị",
    9: "Cung cấp dịch vụ công trực tuyến",
}


@dataclass(frozen=True)
class Score:
    number: int
    score: int | None  # None: not computable from the data
    note: str = ""
    level: str = "dossier"  # "dossier" or "unit": indicator 8 and 9 describe the handling unit

    @property
    def label(self) -> str:
        return LABELS[self.number]


def by_comparison(finished: dt.date, due: dt.date) -> int:
    """Shorter than the time allowed: 2; equal: 1; longer: 0 (docs/rules/surveys.md indicators 1 and 2)."""
    if finished < due:
        return 2
    if finished == due:
        return 1
    return 0


def total_time(outcome: str) -> int | None:
    """Indicator 1 from the outcome engine's verdict (docs/rules/dossier-deadlines.md): early, on time,
    late."""
    return {"early": 2, "on_time": 1, "late": 0}.get(outcome)


def each_agency(steps: Sequence[tuple[dt.date | None, dt.date | None]]) -> tuple[int | None, int]:
    """Indicator 2: the worst step (finished day, step deadline day); also how many steps were scored."""
    scores = [by_comparison(done, due) for done, due in steps if done is not None and due is not None]
    return (min(scores) if scores else None), len(scores)


def supplement_trips(requests: int) -> int:
    """Indicator 3: 0 trips back → 2, 1 → 1, more → 0 (the applicant's fault cannot be told from data)."""
    if requests <= 0:
        return 2
    return 1 if requests == 1 else 0


def bodies_contacted(in_person: bool) -> int:
    """Indicator 4: online or by post, no office to visit → 2; only the one-stop office → 1."""
    return 1 if in_person else 2


def staff_attitude(outcome: str, complaints: int) -> int | None:
    """Indicator 7: early and no complaints → 2; on time and no complaints → 1; a complaint upheld → 0.
    With a complaint whose verdict is unknown, nothing can be said."""
    if complaints:
        return None
    return {"early": 2, "on_time": 1, "late": 0}.get(outcome)


def feedback_handling(handled: int, on_time: int, drawn_out: int, on_time_share: float) -> int:
    """Indicator 8: all on time or none received → 2; at least ``on_time_share`` % → 1; under that, or
    any drawn-out case → 0."""
    if drawn_out:
        return 0
    if handled == 0 or on_time == handled:
        return 2
    return 1 if Fraction(on_time, handled) * 100 >= Fraction(str(on_time_share)) else 0


def online_services(
    procedures: int,
    online_procedures: int,
    dossiers: int,
    online_dossiers: int,
    late_online: int,
    *,
    procedure_share: float,
    high: float,
    low: float,
) -> int:
    """Indicator 9: ≥ ``procedure_share`` % of the procedures at level 3/4, online share ≥ ``high`` %,
    no online dossier late → 2; level 3/4 offered, online share ``low``–``high`` %, none late → 1; else 0."""
    if late_online or procedures == 0 or dossiers == 0:
        return 0
    proc = Fraction(online_procedures, procedures) * 100
    share = Fraction(online_dossiers, dossiers) * 100
    if proc >= Fraction(str(procedure_share)) and share >= Fraction(str(high)):
        return 2
    if online_procedures > 0 and share >= Fraction(str(low)):
        return 1
    return 0


@dataclass(frozen=True)
class Evaluation:
    scores: tuple[Score, ...]

    @property
    def computed(self) -> tuple[Score, ...]:
        return tuple(s for s in self.scores if s.score is not None)

    @property
    def missing(self) -> tuple[Score, ...]:
        return tuple(s for s in self.scores if s.score is None)

    @property
    def total(self) -> int:
        return sum(s.score or 0 for s in self.computed)

    @property
    def maximum(self) -> int:
        return MAX_PER_INDICATOR * len(self.computed)

    @property
    def scaled(self) -> Fraction | None:
        """The total on the 18-point scale, from the indicators that could be scored."""
        if not self.computed:
            return None
        return Fraction(self.total * MAX_PER_INDICATOR * INDICATORS, self.maximum)


def band(score: Fraction | float | None, bands: Sequence[tuple[float, str]]) -> str:
    """The first band whose lower bound the score reaches; bands from the top down."""
    if score is None:
        return ""
    for lower, label in bands:
        if score >= Fraction(str(lower)):
            return label
    return bands[-1][1] if bands else ""
