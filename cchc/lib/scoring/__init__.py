"""Index sets as versioned data: a tree of criteria with maximum points, read from a JSON file per year.

Pure Python, no Django. One format serves every scorecard: the Decision 766 service-quality index
(``data/qd766-2022.json``), and the PAR INDEX and a city's own reform index when they are added. The
format is described in docs/indices.md ("Index-set files"). A file is refused, with its line and the
criterion's path named, when a maximum is missing or a criterion's parts could score more than the
criterion itself.

Scoring helpers live here too, so every index scores a rate the same way:
``rate_points(rate, target, max) = min(max, max × rate ÷ target)``, rounded half up to 2 decimals.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any, Final

from cchc.lib import bad_text
from cchc.lib.refusal import Refusal, Refused, gettext_noop

FORMAT_VERSION: Final = 1
# How a criterion gets its points: the unit scores itself with evidence; Internal Affairs appraises;
# CCHC computes it from its own records; a survey result is entered; an official result is imported.
RULES: Final = ("self_assessed", "appraised", "computed", "survey", "imported")
RULE_NAMES: Final = {
    "self_assessed": "tự đánh giá có tài liệu kiểm chứng",
    "appraised": "thẩm định",
    "computed": "tính từ dữ liệu CCHC",
    "survey": "điều tra xã hội học",
    "imported": "nhập kết quả công bố",
}
MAX_BYTES: Final = 2_000_000
_FILE = re.compile(r"^(?P<family>[a-z0-9]+)-(?P<year>\d{4})\.json$")
_NODE_KEYS: Final = frozenset(
    {"code", "title", "max_points", "rule", "figure", "target", "children", "deductions", "bonuses"}
    | {"confirmed", "source", "note"}
)


class IndexSetError(Refused, ValueError):
    """An index-set file that cannot be used; the message is Vietnamese and names the line and the
    criterion."""


@dataclass(frozen=True)
class Adjustment:
    """A deduction or bonus a criterion allows, up to ``max_points``."""

    code: str
    title: str
    max_points: Fraction
    line: int


@dataclass(frozen=True)
class Criterion:
    code: str
    title: str
    max_points: Fraction
    rule: str | None  # leaves only
    figure: str | None  # for computed leaves: which figure of the engine feeds it
    target: Fraction | None  # for rate figures: the rate that earns the maximum
    children: tuple[Criterion, ...]
    deductions: tuple[Adjustment, ...]
    bonuses: tuple[Adjustment, ...]
    confirmed: bool
    source: str
    note: str
    line: int

    def leaves(self) -> Iterator[Criterion]:
        if not self.children:
            yield self
        for child in self.children:
            yield from child.leaves()


@dataclass(frozen=True)
class Band:
    min_points: Fraction
    label: str
    confirmed: bool


@dataclass(frozen=True)
class IndexSet:
    family: str
    year: int
    title: str
    legal_basis: str
    max_points: Fraction
    bands: tuple[Band, ...]  # highest first
    children: tuple[Criterion, ...]
    name: str  # the file's name, for messages

    def leaves(self) -> Iterator[Criterion]:
        for child in self.children:
            yield from child.leaves()

    def band(self, points: Fraction | float) -> str | None:
        for band in self.bands:
            if points >= band.min_points:
                return band.label
        return None


# --- scoring -------------------------------------------------------------------------------------


def rate_points(rate: Fraction, target: Fraction, max_points: Fraction) -> Fraction:
    """``min(max, max × rate ÷ target)``: the rate indicators' rule (Decision 766 formula sheet)."""
    if target <= 0:
        return max_points
    return min(max_points, max_points * rate / target)


def rounded(value: Fraction, places: int = 2) -> float:
    """Half up on the exact value (60.055 → 60.06, where float ``round`` gives 60.05)."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


# --- reading -------------------------------------------------------------------------------------


class _Located(dict[str, Any]):
    """A JSON object that remembers the line it starts on."""

    line = 0


def _decode(text: str) -> Any:
    newlines = [i for i, c in enumerate(text) if c == "\n"]
    decoder = json.JSONDecoder()

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[_Located, int]:
        obj, end = json.decoder.JSONObject(s_and_end, *args)  # type: ignore[attr-defined]
        located = _Located(obj)
        located.line = bisect.bisect_left(newlines, s_and_end[1]) + 1
        return located, end

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    # The C scanner ignores parse_object; the pure-Python one calls it (the files are small).
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder.decode(text)


def load_text(text: str, name: str, *, figures: Collection[str] | None = None) -> IndexSet:
    """Parse and check one index-set file. ``figures``: the figure ids the computing engine knows (a
    computed criterion naming another one is refused)."""
    try:
        data = _decode(text)
    except json.JSONDecodeError as exc:
        raise IndexSetError(
            Refusal(
                gettext_noop(
                    "Tệp bộ chỉ số %(name)s, dòng %(line)s, cột %(column)s: JSON không hợp lệ (sai cú pháp)."
                ),
                {"name": name, "line": exc.lineno, "column": exc.colno},
            )
        ) from None
    except RecursionError:
        raise IndexSetError(
            Refusal(gettext_noop("Tệp bộ chỉ số %(name)s: JSON lồng nhau quá sâu."), {"name": name})
        ) from None
    # An escaped NUL or lone surrogate would reach the criteria's stored texts (and PostgreSQL refuses them).
    if (fault := bad_text.fault(f"Tệp bộ chỉ số {name}", data)) is not None:
        raise IndexSetError(fault)
    return _Reader(name, figures).index_set(data)


def load_file(path: str | Path, *, figures: Collection[str] | None = None) -> IndexSet:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise IndexSetError(f"Không tìm thấy tệp bộ chỉ số {p}.") from None
    except OSError as exc:
        raise IndexSetError(f"Không đọc được tệp bộ chỉ số {p}: {exc.strerror}.") from None
    if len(raw) > MAX_BYTES:
        raise IndexSetError(f"Tệp bộ chỉ số {p.name} quá lớn (tối đa {MAX_BYTES // 1_000_000} MB).")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise IndexSetError(f"Tệp bộ chỉ số {p.name} không phải văn bản UTF-8.") from None
    return load_text(text, p.name, figures=figures)


def bundled_years(family: str) -> list[int]:
    """Years of the sets shipped for ``family`` (files ``data/<family>-<year>.json``), ascending."""
    years = []
    for entry in resources.files(__package__).joinpath("data").iterdir():
        m = _FILE.match(entry.name)
        if m and m["family"] == family:
            years.append(int(m["year"]))
    return sorted(years)


def bundled(family: str, year: int, *, figures: Collection[str] | None = None) -> IndexSet:
    """The set in force for ``year``: the latest shipped one dated that year or earlier."""
    years = [y for y in bundled_years(family) if y <= year]
    if not years:
        raise IndexSetError(f"Không có bộ chỉ số {family} áp dụng cho năm {year}.")
    entry = resources.files(__package__).joinpath("data", f"{family}-{years[-1]}.json")
    return load_text(entry.read_text(encoding="utf-8"), entry.name, figures=figures)


class _Reader:
    def __init__(self, name: str, figures: Collection[str] | None) -> None:
        self.name, self.figures = name, figures
        self.codes: dict[str, int] = {}

    def fail(self, line: int, path: str, message: str) -> IndexSetError:
        where = f", dòng {line}" if line else ""
        at = f" ({path})" if path else ""
        return IndexSetError(f"Tệp bộ chỉ số {self.name}{where}{at}: {message}")

    def index_set(self, data: Any) -> IndexSet:
        if not isinstance(data, Mapping):
            raise self.fail(1, "", "phải là một đối tượng JSON.")
        line = getattr(data, "line", 1)
        if data.get("format") != FORMAT_VERSION:
            raise self.fail(line, "", f'"format" phải là {FORMAT_VERSION}.')
        family = self.text(data, "family", line, "")
        year = data.get("year")
        if type(year) is not int or not 2000 <= year <= 2100:
            raise self.fail(line, "", '"year" phải là một năm (ví dụ 2022).')
        title = self.text(data, "title", line, "")
        max_points = self.points(data, line, "")
        bands = self.bands(data.get("bands"), line)
        children = self.children(data, "", line)
        if not children:
            raise self.fail(line, "", 'bộ chỉ số phải có ít nhất một tiêu chí ("children").')
        self.within(children, max_points, line, "")
        return IndexSet(
            family=family,
            year=year,
            title=title,
            legal_basis=str(data.get("legal_basis", "")),
            max_points=max_points,
            bands=bands,
            children=children,
            name=self.name,
        )

    def text(self, obj: Mapping[str, Any], key: str, line: int, path: str) -> str:
        value = obj.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(line, path, f'thiếu "{key}" (chuỗi ký tự).')
        return value.strip()

    def points(self, obj: Mapping[str, Any], line: int, path: str, key: str = "max_points") -> Fraction:
        if key not in obj:
            raise self.fail(line, path, f"thiếu điểm tối đa ({key}).")
        return self.number(obj[key], line, path, key, minimum=Fraction(0))

    def number(self, value: Any, line: int, path: str, key: str, *, minimum: Fraction) -> Fraction:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(line, path, f"{key} phải là một số.")
        exact = Fraction(str(value))
        if exact < minimum or exact > 1000:
            raise self.fail(line, path, f"{key} = {value} nằm ngoài khoảng cho phép.")
        return exact

    def bands(self, value: Any, line: int) -> tuple[Band, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.fail(line, "bands", "phải là một danh sách.")
        out = []
        for item in value:
            item_line = getattr(item, "line", line)
            if not isinstance(item, Mapping):
                raise self.fail(item_line, "bands", "mỗi xếp loại phải là một đối tượng JSON.")
            out.append(
                Band(
                    self.number(item.get("min"), item_line, "bands", "min", minimum=Fraction(0)),
                    self.text(item, "label", item_line, "bands"),
                    bool(item.get("confirmed", False)),
                )
            )
        out.sort(key=lambda b: b.min_points, reverse=True)
        return tuple(out)

    def children(self, obj: Mapping[str, Any], path: str, line: int) -> tuple[Criterion, ...]:
        value = obj.get("children", [])
        if not isinstance(value, list):
            raise self.fail(line, path, '"children" phải là một danh sách.')
        return tuple(self.criterion(item, path, line) for item in value)

    def criterion(self, obj: Any, parent: str, parent_line: int) -> Criterion:
        line = getattr(obj, "line", parent_line)
        if not isinstance(obj, Mapping):
            raise self.fail(line, parent, "mỗi tiêu chí phải là một đối tượng JSON.")
        code = self.text(obj, "code", line, parent)
        path = f"{parent} › {code}" if parent else code
        if code in self.codes:
            raise self.fail(line, path, f"mã tiêu chí trùng với dòng {self.codes[code]}.")
        self.codes[code] = line
        unknown = sorted(set(obj) - _NODE_KEYS)
        if unknown:
            raise self.fail(line, path, f"khóa không hỗ trợ: {', '.join(unknown)}.")
        title = self.text(obj, "title", line, path)
        max_points = self.points(obj, line, path)
        children = self.children(obj, path, line)
        rule, figure, target = self.rule(obj, line, path, leaf=not children)
        self.within(children, max_points, line, path)
        return Criterion(
            code=code,
            title=title,
            max_points=max_points,
            rule=rule,
            figure=figure,
            target=target,
            children=children,
            deductions=self.adjustments(obj, "deductions", line, path),
            bonuses=self.adjustments(obj, "bonuses", line, path),
            confirmed=bool(obj.get("confirmed", False)),
            source=str(obj.get("source", "")),
            note=str(obj.get("note", "")),
            line=line,
        )

    def rule(
        self, obj: Mapping[str, Any], line: int, path: str, *, leaf: bool
    ) -> tuple[str | None, str | None, Fraction | None]:
        rule = obj.get("rule")
        if not leaf:
            if rule is not None or "figure" in obj or "target" in obj:
                raise self.fail(line, path, "chỉ tiêu chí không có tiêu chí con mới có cách chấm (rule).")
            return None, None, None
        if rule not in RULES:
            raise self.fail(line, path, f'cách chấm "rule" phải là một trong: {", ".join(RULES)}.')
        figure = obj.get("figure")
        if figure is not None and (not isinstance(figure, str) or rule != "computed"):
            raise self.fail(line, path, '"figure" chỉ dùng cho tiêu chí tính từ dữ liệu (rule "computed").')
        if figure is not None and self.figures is not None and figure not in self.figures:
            raise self.fail(line, path, f'số liệu "{figure}" không có trong bộ máy tính.')
        target = None
        if "target" in obj:
            target = self.number(obj["target"], line, path, "target", minimum=Fraction(0))
            if not 0 < target <= 1:
                raise self.fail(line, path, "target là một tỷ lệ lớn hơn 0 và không quá 1.")
        return rule, figure, target

    def adjustments(self, obj: Mapping[str, Any], key: str, line: int, path: str) -> tuple[Adjustment, ...]:
        value = obj.get(key, [])
        if not isinstance(value, list):
            raise self.fail(line, path, f'"{key}" phải là một danh sách.')
        out = []
        for item in value:
            item_line = getattr(item, "line", line)
            if not isinstance(item, Mapping):
                raise self.fail(item_line, path, f'mỗi mục trong "{key}" phải là một đối tượng JSON.')
            code = self.text(item, "code", item_line, path)
            title = self.text(item, "title", item_line, path)
            out.append(Adjustment(code, title, self.points(item, item_line, path), item_line))
        return tuple(out)

    def within(self, children: tuple[Criterion, ...], max_points: Fraction, line: int, path: str) -> None:
        total = sum((c.max_points for c in children), Fraction(0))
        if total > max_points:
            raise self.fail(
                line,
                path,
                f"tổng điểm tối đa của các tiêu chí con ({_shown(total)}) vượt điểm tối đa "
                f"({_shown(max_points)}).",
            )


def _shown(value: Fraction) -> str:
    return f"{rounded(value):g}".replace(".", ",")
