"""Survey satisfaction indices (SIPAS-style): items, elements, aspects, overall, expectations.

Pure arithmetic, no Django: the web pages and ``cchc survey-index`` both call :func:`compute`.
Formulas, defaults, the confidence-interval method and the rounding rule are documented in
docs/indices.md; the sources are docs/rules/surveys.md. The official SIPAS formulas are
STILL UNCONFIRMED (docs/rules/surveys.md), so the scale's "satisfied" levels and the aggregation rule
come from the questionnaire data, not from code.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from statistics import NormalDist
from typing import Any

import numpy as np
import numpy.typing as npt

from cchc.lib.questionnaires import AGGREGATIONS, Group, Item, Questionnaire

Z95 = NormalDist().inv_cdf(0.975)
REQUIRED_COLUMNS = ("respondent_id", "item", "answer")

Matrix = npt.NDArray[np.float64]


class ResponseError(ValueError):
    """Bad survey input. ``str(error)`` is a Vietnamese sentence naming the row and column."""

    def __init__(self, message: str, row: int | None = None, column: str | None = None) -> None:
        self.row = row
        self.column = column
        where = []
        if row is not None:
            where.append(f"Dòng {row}")
        if column is not None:
            where.append(f"cột “{column}”")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


# --- rounding and intervals --------------------------------------------------------------------


def percent(share: Fraction | float | None) -> float | None:
    """A share in [0, 1] as a percentage with two decimals, rounded half up.

    Exact shares (Fractions) are rounded on their exact decimal value, so 68.745 % gives 68.75 and
    never 68.74 through binary floating point. Float values (interval bounds) are rounded on their
    shortest decimal representation.
    """
    if share is None:
        return None
    value = Fraction(share) if isinstance(share, Fraction) else Fraction(repr(float(share)))
    hundredths = math.floor(value * 10000 + Fraction(1, 2))
    return hundredths / 100


def wilson(successes: float, n: float, z: float = Z95) -> tuple[float, float] | None:
    """Wilson score interval for a proportion; ``n`` may be an effective (non-integer) size.

    The interval is the set of p with (p̂ − p)² ≤ z² p(1 − p)/n, so it always contains p̂, stays in
    [0, 1] and keeps a non-zero width at p̂ = 0 or 1, unlike the Wald interval.
    """
    if n <= 0:
        return None
    p = successes / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z * math.sqrt(max(p * (1 - p) / n + z2 / (4 * n * n), 0.0)) / denominator
    # The clamps only undo floating-point error: mathematically lower ≤ p̂ ≤ upper already holds.
    return max(0.0, min(centre - half, p)), min(1.0, max(centre + half, p))


def fell_significantly(k_now: int, n_now: int, k_before: int, n_before: int, z: float = Z95) -> bool:
    """Has a share fallen by more than sampling noise? One-sided two-proportion z-test with a pooled
    variance: k of n now against k of n in the earlier period. No verdict (False) when either period
    has no observations or the pooled share is 0 or 1."""
    if not n_now or not n_before:
        return False
    pooled = (k_now + k_before) / (n_now + n_before)
    spread = (pooled * (1 - pooled) * (1 / n_now + 1 / n_before)) ** 0.5
    return spread > 0 and (k_before / n_before - k_now / n_now) / spread > z


def _rounded_interval(index: float | None, ci: tuple[float, float] | None) -> list[float] | None:
    if ci is None or index is None:
        return None
    low, high = percent(ci[0]), percent(ci[1])
    assert low is not None and high is not None
    return [min(low, index), max(high, index)]


# --- results -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Estimate:
    """An index with its counts. ``index`` is an exact share in [0, 1]; ``None`` without answers."""

    valid: int
    satisfied: int
    respondents: int
    index: Fraction | None
    ci95: tuple[float, float] | None
    parts: int | None = None  # parts (children) that have an index; groups only
    parts_total: int | None = None

    def as_dict(self) -> dict[str, Any]:
        index = percent(self.index)
        out: dict[str, Any] = {
            "valid": self.valid,
            "satisfied": self.satisfied,
            "index": index,
            "ci95": _rounded_interval(index, self.ci95),
            "respondents": self.respondents,
        }
        if self.parts_total is not None:
            out["parts"] = self.parts
            out["parts_total"] = self.parts_total
        return out


@dataclass(frozen=True)
class Share:
    """Share of respondents who chose an expectations option."""

    chosen: int
    respondents: int
    share: Fraction | None
    ci95: tuple[float, float] | None

    def as_dict(self) -> dict[str, Any]:
        share = percent(self.share)
        return {
            "chosen": self.chosen,
            "respondents": self.respondents,
            "share": share,
            "ci95": _rounded_interval(share, self.ci95),
        }


@dataclass(frozen=True)
class SurveyIndex:
    questionnaire: str
    aggregation: str
    default_aggregation: str
    respondents: int
    items: dict[str, Estimate]
    levels: dict[str, dict[str, Estimate]]  # level key ("elements", "aspects") → code → estimate
    overall: Estimate
    expectations: dict[str, Share]
    expectations_answered: int
    satisfied_answers: tuple[int, ...]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form: indices in percent with two decimals (the CLI prints this)."""
        out: dict[str, Any] = {
            "questionnaire": self.questionnaire,
            "aggregation": self.aggregation,
            "default_aggregation": self.default_aggregation,
            "respondents": self.respondents,
            "items": {code: est.as_dict() for code, est in self.items.items()},
        }
        for key in reversed(list(self.levels)):  # bottom-up: elements before aspects
            out[key] = {code: est.as_dict() for code, est in self.levels[key].items()}
        out["overall"] = self.overall.as_dict()
        if self.expectations:
            out["expectations"] = {
                "respondents": self.respondents,
                "answered_section": self.expectations_answered,
                "options": {code: share.as_dict() for code, share in self.expectations.items()},
            }
        out["method"] = {
            "satisfied_answers": list(self.satisfied_answers),
            "ci95_items": "wilson",
            "ci95_aggregates": "wilson, effective size from respondent-level linearisation",
            "rounding": "percent, 2 decimals, half up",
        }
        return out


# --- responses ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseTable:
    """Validated answers as matrices: one row per respondent, one column per item or option."""

    respondents: tuple[str, ...]
    item_codes: tuple[str, ...]
    answers: npt.NDArray[np.int8]  # (respondents × items); 0 = no valid answer
    option_codes: tuple[str, ...]
    chosen: npt.NDArray[np.bool_]  # (respondents × options)
    answered_options: npt.NDArray[np.bool_]  # (respondents,): any row for the expectations section


RawRow = tuple[str, str, str | int | None, int | None]  # respondent, item, answer, source line


def _range_text(values: Sequence[int]) -> str:
    if list(values) == list(range(values[0], values[-1] + 1)):
        return f"một số nguyên từ {values[0]} đến {values[-1]}"
    return "một trong các giá trị " + ", ".join(str(v) for v in values)


def collect(questionnaire: Questionnaire, rows: Iterable[RawRow]) -> ResponseTable:
    """Validate answers and build the matrices; all-or-nothing, the first error is raised.

    A missing row and an empty answer both mean "no valid answer" and leave the item's denominator
    unchanged (docs/rules/surveys.md: "–" is excluded from the denominator).
    """
    items = questionnaire.items
    options = questionnaire.options
    item_column = {item.code: n for n, item in enumerate(items)}
    option_column = {option.code: len(items) + n for n, option in enumerate(options)}
    columns = {**item_column, **option_column}
    by_lower = {code.lower(): code for code in columns}
    scale = questionnaire.scale.values
    scale_text = _range_text(scale)
    scale_values = {str(value): value for value in scale} | {"": 0}  # 0: no valid answer

    respondent_index: dict[str, int] = {}
    resp: list[int] = []
    col: list[int] = []
    val: list[int] = []
    lines: list[int] = []
    for number, (respondent, item_code, raw_answer, line) in enumerate(rows, start=1):
        row_no = line if line is not None else number
        respondent = (respondent or "").strip()
        if not respondent:
            raise ResponseError("thiếu mã người trả lời.", row_no, "respondent_id")
        code = (item_code or "").strip()
        if code not in columns:
            if not code:
                raise ResponseError("thiếu mã câu hỏi.", row_no, "item")
            hint = f" Có phải “{by_lower[code.lower()]}”?" if code.lower() in by_lower else ""
            first, last = (items[0].code, items[-1].code) if items else ("", "")
            raise ResponseError(
                f"mã câu hỏi “{code}” không có trong bộ câu hỏi {questionnaire.code} "
                f"(các mã hợp lệ từ {first} đến {last}).{hint}",
                row_no,
                "item",
            )
        answer = str(raw_answer).strip() if raw_answer is not None else ""
        if code in item_column:
            value = scale_values.get(answer, -1)
            if value < 0:
                raise ResponseError(
                    f"giá trị “{answer}” không hợp lệ: câu trả lời phải là {scale_text}, "
                    "hoặc để trống nếu người trả lời không trả lời.",
                    row_no,
                    "answer",
                )
        elif answer not in {"", "0", "1"}:
            raise ResponseError(
                f"giá trị “{answer}” không hợp lệ: phương án mong đợi “{code}” chỉ nhận 1 (có chọn), "
                "0 hoặc để trống (không chọn).",
                row_no,
                "answer",
            )
        else:
            # Options are stored 1 = chosen, 2 = seen but not chosen, so that "answered the section"
            # survives into the matrix.
            value = 1 if answer == "1" else 2
        resp.append(respondent_index.setdefault(respondent, len(respondent_index)))
        col.append(columns[code])
        val.append(value)
        lines.append(row_no)

    n_resp, n_cols = len(respondent_index), len(columns)
    r = np.asarray(resp, dtype=np.int64)
    c = np.asarray(col, dtype=np.int64)
    _reject_duplicates(r, c, np.asarray(lines, dtype=np.int64), n_cols, list(respondent_index), list(columns))
    full = np.zeros((n_resp, n_cols), dtype=np.int8)
    full[r, c] = np.asarray(val, dtype=np.int8)
    option_part = full[:, len(items) :]
    return ResponseTable(
        respondents=tuple(respondent_index),
        item_codes=tuple(item_column),
        answers=np.ascontiguousarray(full[:, : len(items)]),
        option_codes=tuple(option.code for option in options),
        chosen=option_part == 1,
        answered_options=(option_part > 0).any(axis=1),
    )


def _reject_duplicates(
    r: npt.NDArray[np.int64],
    c: npt.NDArray[np.int64],
    lines: npt.NDArray[np.int64],
    n_cols: int,
    respondents: list[str],
    codes: list[str],
) -> None:
    if r.size < 2:
        return
    key = r * n_cols + c
    order = np.argsort(key, kind="stable")  # stable: within one key, rows stay in file order
    same = key[order][1:] == key[order][:-1]
    if not same.any():
        return
    later = order[1:][same]
    earlier = order[:-1][same]
    pick = int(np.argmin(lines[later]))  # report the duplicate met first when reading the file
    first, second = int(earlier[pick]), int(later[pick])
    raise ResponseError(
        f"người trả lời “{respondents[int(r[second])]}” đã có câu trả lời cho “{codes[int(c[second])]}” "
        f"ở dòng {int(lines[first])}; mỗi người chỉ trả lời mỗi câu hỏi một lần.",
        int(lines[second]),
        "item",
    )


def read_csv(questionnaire: Questionnaire, source: Path | str | bytes) -> ResponseTable:
    """Read ``respondent_id,item,answer`` rows (UTF-8, with or without BOM; extra columns ignored).

    ``source`` is a path, or the file's bytes (an upload). Row numbers count the header as row 1,
    as a spreadsheet shows them.
    """
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise ResponseError(f"không tìm thấy tệp {path}.") from exc
        except IsADirectoryError as exc:
            raise ResponseError(f"{path} là một thư mục, không phải tệp CSV.") from exc
        except PermissionError as exc:
            raise ResponseError(f"không có quyền đọc tệp {path}.") from exc
        except OSError as exc:
            raise ResponseError(f"không đọc được tệp {path} ({exc.strerror or exc}).") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ResponseError(
            "tệp không phải văn bản UTF-8. Hãy lưu lại tệp dưới dạng “CSV UTF-8”.", line
        ) from exc
    return collect(questionnaire, _csv_rows(text))


def _csv_rows(text: str) -> Iterable[RawRow]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        while header is not None and not any(cell.strip() for cell in header):
            header = next(reader, None)
        if header is None:
            raise ResponseError("tệp rỗng: thiếu dòng tiêu đề “respondent_id,item,answer”.", 1)
        header_line = reader.line_num
        names = [cell.strip() for cell in header]
        for name in REQUIRED_COLUMNS:
            if name not in names:
                raise ResponseError(
                    "thiếu cột trong dòng tiêu đề; tệp phải có các cột respondent_id, item, answer.",
                    header_line,
                    name,
                )
            if names.count(name) > 1:
                raise ResponseError("cột bị lặp lại trong dòng tiêu đề.", header_line, name)
        at = {name: names.index(name) for name in REQUIRED_COLUMNS}
        width = max(at.values()) + 1
        who, what, answer = at["respondent_id"], at["item"], at["answer"]
        for cells in reader:
            if not cells or (not cells[0].strip() and not any(cell.strip() for cell in cells)):
                continue  # blank lines (often a trailing one) carry no answer
            if len(cells) < width:
                missing = next(name for name in REQUIRED_COLUMNS if at[name] >= len(cells))
                raise ResponseError(
                    f"dòng chỉ có {len(cells)} cột, thiếu ô của cột này "
                    "(để trống câu trả lời thì vẫn phải có dấu phẩy).",
                    reader.line_num,
                    missing,
                )
            yield cells[who], cells[what], cells[answer], reader.line_num
    except csv.Error as exc:
        raise ResponseError(
            "dòng CSV không đúng định dạng (dấu ngoặc kép không đóng hoặc ô quá dài).", reader.line_num
        ) from exc


# --- computation -------------------------------------------------------------------------------


@dataclass
class _Node:
    point: Fraction | None
    weights: Matrix  # item weights aᵢ, index = Σ aᵢ Kᵢ/Nᵢ (pooled: aᵢ = Nᵢ/ΣN); sum 1 if point is set
    mask: npt.NDArray[np.bool_]  # items under the node
    parts: int | None = None
    parts_total: int | None = None


class _Engine:
    def __init__(self, questionnaire: Questionnaire, table: ResponseTable, rule: str) -> None:
        if table.item_codes != tuple(item.code for item in questionnaire.items):
            raise ValueError("ResponseTable was built for another questionnaire")
        self.rule = rule
        self.position = {code: n for n, code in enumerate(table.item_codes)}
        answers = table.answers
        valid = answers > 0
        satisfied = np.isin(answers, sorted(questionnaire.scale.satisfied)) & valid
        self.V = valid.astype(np.float64)
        self.S = satisfied.astype(np.float64)
        self.valid_any = valid
        self.N = valid.sum(axis=0).astype(np.int64)
        self.K = satisfied.sum(axis=0).astype(np.int64)
        p = np.divide(self.K, self.N, out=np.zeros(len(self.N)), where=self.N > 0)
        # Residuals of each answer against its item share: the building block of the linearised
        # variance below.
        self.E = self.S - self.V * p

    def leaf(self, item: Item) -> _Node:
        i = self.position[item.code]
        weights = np.zeros(len(self.N))
        weights[i] = 1.0
        mask = np.zeros(len(self.N), dtype=bool)
        mask[i] = True
        point = Fraction(int(self.K[i]), int(self.N[i])) if self.N[i] > 0 else None
        return _Node(point, weights, mask)

    def group(self, children: Sequence[_Node]) -> _Node:
        mask = np.zeros(len(self.N), dtype=bool)
        for child in children:
            mask |= child.mask
        shares = [(child.point, child.weights) for child in children if child.point is not None]
        weights = np.zeros(len(self.N))
        point: Fraction | None = None
        if self.rule == "mean":
            # Mean of the parts that have answers: a part with no valid answer has no index and is
            # left out rather than counted as 0 (docs/indices.md, "Parts without answers").
            if shares:
                point = sum((share for share, _ in shares), Fraction(0)) / len(shares)
                for _, child_weights in shares:
                    weights += child_weights / len(shares)
        else:
            n = int(self.N[mask].sum())
            if n:
                point = Fraction(int(self.K[mask].sum()), n)
                weights[mask] = self.N[mask] / n
        return _Node(point, weights, mask, parts=len(shares), parts_total=len(children))

    def estimate(self, node: _Node, single_item: bool = False) -> Estimate:
        valid = int(self.N[node.mask].sum())
        satisfied = int(self.K[node.mask].sum())
        respondents = int(self.valid_any[:, node.mask].any(axis=1).sum()) if self.V.shape[0] else 0
        if node.point is None:
            ci = None
        elif single_item:
            ci = wilson(satisfied, valid)  # one answer per respondent: the answers are independent
        else:
            # Aggregates, pooled ones included: several answers come from one person, so the
            # interval uses the respondent-clustered effective size (docs/indices.md, "Intervals").
            ci = wilson(float(node.point) * (n_eff := self.effective_size(node)), n_eff)
        return Estimate(valid, satisfied, respondents, node.point, ci, node.parts, node.parts_total)

    def effective_size(self, node: _Node) -> float:
        """Effective sample size of an aggregate index, for a Wilson interval.

        The variance is taken by Taylor linearisation with respondents as independent units (the
        answers of one person may be correlated; parts are not assumed independent), Var = Σᵣ zᵣ²:
        - mean of parts, M = Σ aᵢ Kᵢ/Nᵢ with fixed weights aᵢ: zᵣ = Σᵢ aᵢ (sᵣᵢ − pᵢ vᵣᵢ)/Nᵢ;
        - pooled, the ratio M = ΣKᵢ/ΣNᵢ of respondent totals: zᵣ = Σᵢ (sᵣᵢ − M vᵣᵢ)/ΣNᵢ.
        Then n_eff = M(1 − M)/Var, truncated at the number of valid answers (as Korn and Graubard
        truncate at the sample size). At M = 0 or 1 the variance is 0, so the conservative
        respondent-level Kish size 1/Σᵣ wᵣ² is used, wᵣ being respondent r's share of the weight.
        With a single part both give exactly that part's Wilson interval.
        """
        n = self.N.astype(np.float64)
        coef = np.divide(node.weights, n, out=np.zeros(len(n)), where=n > 0)
        answers = float(n[node.weights > 0].sum())
        share = float(node.point) if node.point is not None else 0.0
        if 0.0 < share < 1.0:
            if self.rule == "pooled":
                z = (self.S[:, node.mask] - share * self.V[:, node.mask]).sum(axis=1) / answers
            else:
                z = self.E @ coef
            variance = float(z @ z)
            return min(share * (1 - share) / variance, answers) if variance > 0 else answers
        per_respondent = self.V @ coef  # each respondent's share of the weight; they sum to 1
        return 1.0 / float(per_respondent @ per_respondent)


def compute(
    questionnaire: Questionnaire, table: ResponseTable, aggregation: str | None = None
) -> SurveyIndex:
    """All indices of one response set. ``aggregation`` defaults to the questionnaire's rule."""
    rule = aggregation or questionnaire.default_aggregation
    if rule not in AGGREGATIONS:
        raise ValueError(f"Quy tắc gộp “{rule}” không hợp lệ; chỉ dùng {' hoặc '.join(AGGREGATIONS)}.")
    engine = _Engine(questionnaire, table, rule)
    items: dict[str, Estimate] = {}
    levels: dict[str, dict[str, Estimate]] = {level.key: {} for level in questionnaire.levels}

    def walk(group: Group) -> _Node:
        if group.groups:
            children = [walk(child) for child in group.groups]
        else:
            children = []
            for item in group.items:
                leaf = engine.leaf(item)
                items[item.code] = engine.estimate(leaf, single_item=True)
                children.append(leaf)
        node = engine.group(children)
        levels[group.level][group.code] = engine.estimate(node)
        return node

    root = engine.group([walk(group) for group in questionnaire.groups])
    answered = table.answered_options
    n_resp = len(table.respondents)
    expectations = {}
    for j, code in enumerate(table.option_codes):
        chosen = int(table.chosen[:, j].sum())
        expectations[code] = Share(
            chosen=chosen,
            respondents=n_resp,
            share=Fraction(chosen, n_resp) if n_resp else None,
            ci95=wilson(chosen, n_resp),
        )
    return SurveyIndex(
        questionnaire=questionnaire.code,
        aggregation=rule,
        default_aggregation=questionnaire.default_aggregation,
        respondents=n_resp,
        items=items,
        levels=levels,
        overall=engine.estimate(root),
        expectations=expectations,
        expectations_answered=int(answered.sum()),
        satisfied_answers=tuple(sorted(questionnaire.scale.satisfied)),
    )
