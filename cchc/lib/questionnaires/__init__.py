"""Questionnaire versions as data: the SIPAS designs read from JSON files in ``data/``.

Pure Python, no Django. The survey-index engine (``cchc.lib.indices``) computes from the structures
defined here; a later stage will copy them into editable database drafts. The file format is
described in docs/indices.md ("Questionnaire data format").
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

FORMAT_VERSION = 1
AGGREGATIONS = ("mean", "pooled")
# How sure we are of an item's Vietnamese text; the legend sits in every data file.
WORDING_STATES = ("confirmed", "unconfirmed", "reconstructed", "translated")
# Output keys that a questionnaire level may not take, because the engine's result uses them.
_RESERVED_KEYS = {"items", "overall", "expectations", "questionnaire", "aggregation", "respondents"}


class QuestionnaireError(ValueError):
    """A questionnaire file that cannot be used; the message is Vietnamese and names the field."""


@dataclass(frozen=True)
class Item:
    """A satisfaction question answered on the questionnaire's scale (a criterion or sub-element)."""

    code: str
    text: str
    wording: str
    source: str = ""


@dataclass(frozen=True)
class Option:
    """One choice of the expectations section; the answer is 1 (chosen) or 0/empty (not chosen)."""

    code: str
    text: str
    wording: str
    source: str = ""


@dataclass(frozen=True)
class Group:
    """A node above the items: an element, or an aspect holding elements.

    Exactly one of ``groups`` and ``items`` is used, depending on the node's level. A node may be
    empty when the specification does not give its parts; the engine then reports no index for it.
    """

    code: str
    title: str
    level: str
    groups: tuple[Group, ...] = ()
    items: tuple[Item, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)

    def all_items(self) -> Iterator[Item]:
        yield from self.items
        for child in self.groups:
            yield from child.all_items()

    @property
    def children(self) -> tuple[Group, ...] | tuple[Item, ...]:
        return self.groups if self.groups else self.items


@dataclass(frozen=True)
class Level:
    key: str  # output key, plural English ("elements", "aspects")
    label: str  # Vietnamese name shown to people ("Yếu tố")


@dataclass(frozen=True)
class Scale:
    values: tuple[int, ...]
    labels: Mapping[int, str]
    satisfied: frozenset[int]
    confirmed: bool


@dataclass(frozen=True)
class Questionnaire:
    code: str
    title: str
    scale: Scale
    default_aggregation: str
    allowed_aggregations: tuple[str, ...]
    aggregation_confirmed: bool
    levels: tuple[Level, ...]  # from the top (just under "overall") down to the level above items
    item_label: str
    groups: tuple[Group, ...]
    options: tuple[Option, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for group in self.groups for item in group.all_items())

    def groups_at(self, level_key: str) -> tuple[Group, ...]:
        found: list[Group] = []

        def walk(nodes: tuple[Group, ...]) -> None:
            for node in nodes:
                if node.level == level_key:
                    found.append(node)
                walk(node.groups)

        walk(self.groups)
        return tuple(found)


def available() -> list[str]:
    """Codes of the questionnaire versions shipped with the platform."""
    folder = resources.files(__package__).joinpath("data")
    return sorted(
        entry.name.removesuffix(".json") for entry in folder.iterdir() if entry.name.endswith(".json")
    )


def load(code: str) -> Questionnaire:
    """A shipped version by code (``sipas-2017``) or a JSON file given by path."""
    if code in available():
        text = resources.files(__package__).joinpath("data", f"{code}.json").read_text(encoding="utf-8")
        return parse(text, origin=code)
    path = Path(code)
    if path.suffix == ".json" and path.is_file():
        return load_file(path)
    known = ", ".join(available())
    raise QuestionnaireError(f"Không có bộ câu hỏi “{code}”. Các bộ câu hỏi có sẵn: {known}.")


def load_file(path: Path) -> Questionnaire:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:  # the codec's own words are English
        raise QuestionnaireError(f"Tệp bộ câu hỏi {path} không phải văn bản UTF-8.") from None
    except OSError as exc:
        raise QuestionnaireError(f"Không đọc được tệp bộ câu hỏi {path}: {exc.strerror}") from exc
    return parse(text, origin=str(path))


def parse(text: str, origin: str = "bộ câu hỏi") -> Questionnaire:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:  # the parser's own words (exc.msg) are English: the place is enough
        raise QuestionnaireError(
            f"{origin}: không phải JSON hợp lệ (sai cú pháp ở dòng {exc.lineno}, cột {exc.colno})."
        ) from exc
    except RecursionError:  # a file nested thousands deep: a traceback before
        raise QuestionnaireError(f"{origin}: JSON lồng nhau quá nhiều tầng; hệ thống không đọc.") from None
    return from_dict(data, origin=origin)


def from_dict(data: Any, origin: str = "bộ câu hỏi") -> Questionnaire:
    """Validate a questionnaire definition and build it; every error names the offending field."""
    return _Builder(origin).build(data)


class _Builder:
    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.codes: dict[str, str] = {}

    def fail(self, where: str, problem: str) -> QuestionnaireError:
        return QuestionnaireError(f"{self.origin}, trường “{where}”: {problem}")

    def text(self, data: Mapping[str, Any], key: str, where: str, required: bool = True) -> str:
        value = data.get(key, "")
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(f"{where}.{key}", "phải là một chuỗi không rỗng.")
        return value

    def claim(self, code: str, where: str) -> None:
        if code in self.codes:
            raise self.fail(where, f"mã “{code}” bị trùng với {self.codes[code]}.")
        self.codes[code] = where

    def wording(self, data: Mapping[str, Any], where: str) -> str:
        value = data.get("wording")
        if value not in WORDING_STATES:
            raise self.fail(f"{where}.wording", f"phải là một trong {', '.join(WORDING_STATES)}.")
        return str(value)

    def build(self, data: Any) -> Questionnaire:
        if not isinstance(data, dict):
            raise self.fail("(gốc)", "phải là một đối tượng JSON.")
        if data.get("format") != FORMAT_VERSION:
            raise self.fail("format", f"phải bằng {FORMAT_VERSION}.")
        code = self.text(data, "code", "(gốc)").strip()
        scale = self.scale(data.get("scale"))
        aggregation = data.get("aggregation")
        if not isinstance(aggregation, dict):
            raise self.fail("aggregation", "phải là một đối tượng có “default”.")
        allowed = aggregation.get("allowed", list(AGGREGATIONS))
        if not isinstance(allowed, list) or not allowed or any(rule not in AGGREGATIONS for rule in allowed):
            raise self.fail("aggregation.allowed", f"chỉ được chứa {', '.join(AGGREGATIONS)}.")
        default = aggregation.get("default")
        if default not in allowed:
            raise self.fail("aggregation.default", f"phải là một trong {', '.join(allowed)}.")
        levels = self.levels(data.get("levels"))
        raw_groups = data.get("groups")
        if not isinstance(raw_groups, list):
            raise self.fail("groups", "phải là một danh sách.")
        groups = tuple(self.group(raw, levels, 0, f"groups[{n}]") for n, raw in enumerate(raw_groups))
        options = self.options(data.get("expectations"))
        meta = {key: value for key, value in data.items() if key not in {"groups", "scale", "levels"}}
        return Questionnaire(
            code=code,
            title=self.text(data, "title", "(gốc)"),
            scale=scale,
            default_aggregation=str(default),
            allowed_aggregations=tuple(allowed),
            aggregation_confirmed=bool(aggregation.get("confirmed", False)),
            levels=levels,
            item_label=self.text(data, "item_label", "(gốc)"),
            groups=groups,
            options=options,
            meta=meta,
        )

    def scale(self, data: Any) -> Scale:
        if not isinstance(data, dict) or not isinstance(data.get("values"), list) or not data["values"]:
            raise self.fail("scale.values", "phải là danh sách các mức trả lời.")
        labels: dict[int, str] = {}
        for n, entry in enumerate(data["values"]):
            where = f"scale.values[{n}]"
            value = entry.get("value") if isinstance(entry, dict) else None
            # bool is an int in Python; a scale of True/False is a data-entry mistake.
            if not isinstance(value, int) or isinstance(value, bool) or value < 1 or value in labels:
                raise self.fail(where, "“value” phải là số nguyên dương, không trùng.")
            labels[value] = self.text(entry, "label", where)
        satisfied = data.get("satisfied")
        if not isinstance(satisfied, list) or not satisfied or any(v not in labels for v in satisfied):
            raise self.fail("scale.satisfied", "phải là danh sách không rỗng các mức có trong “values”.")
        return Scale(
            values=tuple(sorted(labels)),
            labels=labels,
            satisfied=frozenset(satisfied),
            confirmed=bool(data.get("confirmed", False)),
        )

    def levels(self, data: Any) -> tuple[Level, ...]:
        if not isinstance(data, list) or not data:
            raise self.fail("levels", "phải là danh sách các cấp (ví dụ yếu tố).")
        levels: list[Level] = []
        for n, entry in enumerate(data):
            where = f"levels[{n}]"
            if not isinstance(entry, dict):
                raise self.fail(where, "phải là đối tượng có “key” và “label”.")
            key = self.text(entry, "key", where)
            if key in _RESERVED_KEYS or any(level.key == key for level in levels):
                raise self.fail(f"{where}.key", f"“{key}” đã được dùng hoặc là tên dành riêng.")
            levels.append(Level(key=key, label=self.text(entry, "label", where)))
        return tuple(levels)

    def group(self, data: Any, levels: tuple[Level, ...], depth: int, where: str) -> Group:
        if not isinstance(data, dict):
            raise self.fail(where, "phải là một đối tượng.")
        code = self.text(data, "code", where).strip()
        self.claim(code, where)
        title = self.text(data, "title", where)
        meta = {key: value for key, value in data.items() if key not in {"code", "title", "groups", "items"}}
        level = levels[depth].key
        if depth + 1 < len(levels):
            if "items" in data:
                raise self.fail(
                    f"{where}.items", f"cấp “{levels[depth].label}” chứa cấp dưới, không chứa câu hỏi."
                )
            raw = data.get("groups")
            if not isinstance(raw, list):
                raise self.fail(f"{where}.groups", "phải là một danh sách (có thể rỗng).")
            children = tuple(
                self.group(child, levels, depth + 1, f"{where}.groups[{n}]") for n, child in enumerate(raw)
            )
            return Group(code=code, title=title, level=level, groups=children, meta=meta)
        if "groups" in data:
            raise self.fail(f"{where}.groups", f"cấp “{levels[depth].label}” là cấp cuối, chỉ chứa “items”.")
        raw = data.get("items")
        if not isinstance(raw, list):
            raise self.fail(f"{where}.items", "phải là một danh sách (có thể rỗng).")
        items = []
        for n, entry in enumerate(raw):
            item_where = f"{where}.items[{n}]"
            if not isinstance(entry, dict):
                raise self.fail(item_where, "phải là một đối tượng.")
            item_code = self.text(entry, "code", item_where).strip()
            self.claim(item_code, item_where)
            items.append(
                Item(
                    code=item_code,
                    text=self.text(entry, "text", item_where),
                    wording=self.wording(entry, item_where),
                    source=self.text(entry, "source", item_where, required=False),
                )
            )
        return Group(code=code, title=title, level=level, items=tuple(items), meta=meta)

    def options(self, data: Any) -> tuple[Option, ...]:
        if data is None:
            return ()
        if not isinstance(data, dict) or not isinstance(data.get("options", []), list):
            raise self.fail("expectations.options", "phải là một danh sách (có thể rỗng).")
        options = []
        for n, entry in enumerate(data.get("options", [])):
            where = f"expectations.options[{n}]"
            if not isinstance(entry, dict):
                raise self.fail(where, "phải là một đối tượng.")
            code = self.text(entry, "code", where).strip()
            self.claim(code, where)
            options.append(
                Option(
                    code=code,
                    text=self.text(entry, "text", where),
                    wording=self.wording(entry, where),
                    source=self.text(entry, "source", where, required=False),
                )
            )
        return tuple(options)
