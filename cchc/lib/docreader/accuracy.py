"""Per-field accuracy of the reader on the hand-written corpus in docs/reader-corpus/.

Each ``NN-name.txt`` has a ``NN-name.expected.json`` written by reading the document. Fields listed
in its ``not_in_text`` (for example the signature of a document stored only up to its first pages)
are not scored. Run ``python -m cchc.lib.docreader.accuracy --write`` to refresh the table in
docs/directive-reader.md; a test checks that the table there matches what the reader does now.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from .reader import read_file
from .text import comparable

HEADER_FIELDS = (
    "issuer",
    "parent_issuer",
    "number",
    "symbol",
    "date",
    "place",
    "doc_type",
    "subject",
    "recipients",
)
SIGNER_FIELDS = ("authority", "position", "on_behalf_of", "name")
TASK_FIELDS = ("section", "assignees", "lead", "coordinating", "text", "deadline", "recurrence")
TABLE_START = "<!-- accuracy-table:start -->"
TABLE_END = "<!-- accuracy-table:end -->"


def _norm(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        return comparable(value)
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    return value


def _citation_key(c: dict[str, Any]) -> tuple[Any, ...]:
    return (_norm(c.get("type")), c.get("number"), _norm(c.get("symbol")), c.get("date"))


@dataclass
class DocScore:
    name: str
    fields: dict[str, bool] = field(default_factory=dict)
    task_fields: dict[str, list[bool]] = field(default_factory=dict)
    tasks_expected: int = 0
    tasks_found: int = 0
    tasks_matched: int = 0
    tasks_exact: int = 0
    held_out: bool = False
    notes: list[str] = field(default_factory=list)


def _pair_tasks(expected: list[dict[str, Any]], got: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Pair each expected task with the produced task whose text is most alike (≥ 0.6), one to one."""
    pairs: list[tuple[float, int, int]] = []
    for i, e in enumerate(expected):
        for j, g in enumerate(got):
            ratio = SequenceMatcher(None, _norm(e["text"])[:300], _norm(g["text"])[:300]).ratio()
            if ratio >= 0.6:
                pairs.append((ratio, i, j))
    pairs.sort(reverse=True)
    used_e: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i in used_e or j in used_g:
            continue
        used_e.add(i)
        used_g.add(j)
        out.append((i, j))
    return sorted(out)


def score_document(txt: Path, expected: dict[str, Any]) -> DocScore:
    got = read_file(txt).as_dict()
    s = DocScore(txt.stem, held_out=bool(expected.get("held_out")))
    skip = set(expected.get("not_in_text", []))
    for f in HEADER_FIELDS:
        if f not in skip:
            s.fields[f] = _norm(got[f]) == _norm(expected[f])
    if "signer" not in skip:
        for f in SIGNER_FIELDS:
            s.fields[f"signer.{f}"] = _norm(got["signer"].get(f)) == _norm(expected["signer"].get(f))
    if "cc" not in skip:
        s.fields["cc"] = _norm(got["cc"]) == _norm(expected["cc"])
    s.fields["cited_documents"] = sorted(map(_citation_key, got["cited_documents"]), key=str) == sorted(
        map(_citation_key, expected["cited_documents"]), key=str
    )
    exp_tasks, got_tasks = expected["tasks"], got["tasks"]
    s.tasks_expected, s.tasks_found = len(exp_tasks), len(got_tasks)
    pairs = _pair_tasks(exp_tasks, got_tasks)
    s.tasks_matched = len(pairs)
    s.task_fields = {f: [] for f in TASK_FIELDS}
    for i, j in pairs:
        ok_all = True
        for f in TASK_FIELDS:
            ok = _norm(exp_tasks[i][f]) == _norm(got_tasks[j][f])
            s.task_fields[f].append(ok)
            ok_all = ok_all and ok
        s.tasks_exact += ok_all
    for f, ok in s.fields.items():
        if not ok:
            s.notes.append(f)
    return s


def score_corpus(corpus: Path) -> list[DocScore]:
    scores = []
    for txt in sorted(corpus.glob("*.txt")):
        exp_path = txt.with_suffix(".expected.json")
        if exp_path.exists():
            scores.append(score_document(txt, json.loads(exp_path.read_text(encoding="utf-8"))))
    return scores


def _pct(num: int, den: int) -> str:
    return f"{100 * num / den:.1f} %" if den else "—"


def summary(scores: list[DocScore]) -> dict[str, Any]:
    header_total = sum(len(s.fields) for s in scores)
    header_right = sum(sum(s.fields.values()) for s in scores)
    exp = sum(s.tasks_expected for s in scores)
    found = sum(s.tasks_found for s in scores)
    exact = sum(s.tasks_exact for s in scores)
    matched = sum(s.tasks_matched for s in scores)
    return {
        "header_right": header_right,
        "header_total": header_total,
        "tasks_expected": exp,
        "tasks_found": found,
        "tasks_matched": matched,
        "tasks_exact": exact,
    }


def render_table(scores: list[DocScore]) -> str:
    lines = [TABLE_START, "", "| Field | Right | Scored | Accuracy |", "|---|---|---|---|"]
    names: list[str] = []
    for s in scores:
        for f in s.fields:
            if f not in names:
                names.append(f)
    for f in names:
        vals = [s.fields[f] for s in scores if f in s.fields]
        lines.append(f"| {f} | {sum(vals)} | {len(vals)} | {_pct(sum(vals), len(vals))} |")
    sm = summary(scores)
    lines.append(
        f"| **header fields, all** | **{sm['header_right']}** | **{sm['header_total']}** | "
        f"**{_pct(sm['header_right'], sm['header_total'])}** |"
    )
    lines += ["", "| Task field | Right | Paired tasks | Accuracy |", "|---|---|---|---|"]
    for f in TASK_FIELDS:
        vals = [v for s in scores for v in s.task_fields.get(f, [])]
        lines.append(f"| {f} | {sum(vals)} | {len(vals)} | {_pct(sum(vals), len(vals))} |")
    lines += [
        "",
        f"Tasks expected: {sm['tasks_expected']}; proposed by the reader: {sm['tasks_found']}; "
        f"paired by text: {sm['tasks_matched']}; **entirely right (every field): {sm['tasks_exact']} = "
        f"{_pct(sm['tasks_exact'], sm['tasks_expected'])} of expected tasks**; "
        f"spurious proposals: {sm['tasks_found'] - sm['tasks_matched']}.",
    ]
    held = [s for s in scores if s.held_out]
    if held:
        hs = summary(held)
        lines += [
            "",
            f"Held-out documents only ({len(held)}; expectations written after the reader was tuned, "
            f"reader not changed since): header fields {hs['header_right']}/{hs['header_total']} = "
            f"{_pct(hs['header_right'], hs['header_total'])}; "
            f"tasks {hs['tasks_exact']}/{hs['tasks_expected']} "
            f"entirely right, {hs['tasks_found'] - hs['tasks_matched']} spurious.",
        ]
    lines += [
        "",
        "| Document | Header fields right | Tasks expected / proposed / entirely right "
        "| Header fields wrong |",
        "|---|---|---|---|",
    ]
    for s in scores:
        lines.append(
            f"| {s.name}{' (held out)' if s.held_out else ''} | {sum(s.fields.values())}/{len(s.fields)} | "
            f"{s.tasks_expected} / {s.tasks_found} / {s.tasks_exact} | {', '.join(s.notes) or '—'} |"
        )
    lines += ["", TABLE_END]
    return "\n".join(lines)


def write_table(doc: Path, table: str) -> None:
    text = doc.read_text(encoding="utf-8")
    start, end = text.index(TABLE_START), text.index(TABLE_END) + len(TABLE_END)
    doc.write_text(text[:start] + table + text[end:], encoding="utf-8")


def main() -> None:  # pragma: no cover - a maintenance script
    parser = argparse.ArgumentParser(description="Đo độ chính xác của bộ đọc văn bản trên bộ mẫu.")
    parser.add_argument("--corpus", default="docs/reader-corpus")
    parser.add_argument("--write", nargs="?", const="docs/directive-reader.md", default=None)
    args = parser.parse_args()
    table = render_table(score_corpus(Path(args.corpus)))
    if args.write:
        write_table(Path(args.write), table)
    print(table)


if __name__ == "__main__":  # pragma: no cover
    main()
