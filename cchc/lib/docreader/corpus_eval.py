"""Measure the reader on the 2025 corpus (docs/reader-corpus/dev and heldout).

Each ``NAME.txt`` has a hand-written ``NAME.expected.json``: the header fields and every assignment
(text, lead units, coordinating units, deadline, recurrence). How a proposal is scored:

- a header field is right when it equals the expected value after folding case, tone placement,
  spacing and a trailing full stop ("KT" = "KT.");
- an expected assignment is *found* when a proposed task's text shares enough words with it (Dice
  coefficient of the word multisets >= ``MATCH_AT``); pairs are made one to one, best first, so one
  long proposal that swallows three assignments finds only one of them;
- recall = found / expected, precision = found / proposed;
- the lead (and the coordinating units) of a found assignment is right when the two unit lists agree
  (F1 of the unit sets >= ``UNITS_AT``, a unit agreeing with another when one name is the other one
  with at most four more words, e.g. "Sở Y tế" and "Sở Y tế thành phố");
- a missed assignment is *missed silently* when no warning of the proposal quotes its text.

Pure Python, no Django: used by ``bench/bench_directive_reader.py`` and by a test that holds the
development set to its floors.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .reader import read_file
from .text import comparable

CORPUS = Path(__file__).resolve().parents[3] / "docs" / "reader-corpus"
HEADER_FIELDS = (
    "issuer",
    "number",
    "symbol",
    "date",
    "place",
    "doc_type",
    "subject",
    "signer.name",
    "signer.authority",
    "signer.position",
    "signer.on_behalf_of",
)
MATCH_AT = 0.5
UNITS_AT = 0.85

_ABBREVIATIONS = (
    (r"\bubnd\b", "ủy ban nhân dân"),
    (r"\bhđnd\b", "hội đồng nhân dân"),
    (r"\bmttq(?:vn)?\b", "mặt trận tổ quốc việt nam"),
    (r"\bkh&cn\b|\bkhcn\b", "khoa học và công nghệ"),
    (r"\bnn&mt\b|\bnnmt\b", "nông nghiệp và môi trường"),
    (r"\bgd&đt\b|\bgdđt\b", "giáo dục và đào tạo"),
    (r"\bvh,\s*tt&dl\b|\bvhttdl\b", "văn hóa, thể thao và du lịch"),
    (r"\bchqs\b", "chỉ huy quân sự"),
    (r"\btp\b", "thành phố"),
)


def fold(text: str | None) -> str:
    if text is None:
        return ""
    out = comparable(text)
    for pattern, repl in _ABBREVIATIONS:
        out = re.sub(pattern, repl, out)
    return out


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def dice(a: str, b: str) -> float:
    wa, wb = Counter(_words(a)), Counter(_words(b))
    total = sum(wa.values()) + sum(wb.values())
    if not total:
        return 0.0
    return 2 * sum((wa & wb).values()) / total


def _unit_key(name: str) -> list[str]:
    words = _words(name)
    while words and words[0] in ("các", "giao", "đề", "nghị"):
        words = words[1:] if words[0] != "đề" else words[2:] if words[1:2] == ["nghị"] else words[1:]
    return words


def same_unit(a: str, b: str) -> bool:
    ka, kb = _unit_key(a), _unit_key(b)
    if not ka or not kb:
        return False
    short, long_ = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    return long_[: len(short)] == short and len(long_) - len(short) <= 4


def units_agree(expected: list[str], got: list[str]) -> bool:
    if not expected and not got:
        return True
    if not expected or not got:
        return False
    hit_e = sum(1 for e in expected if any(same_unit(e, g) for g in got))
    hit_g = sum(1 for g in got if any(same_unit(e, g) for e in expected))
    precision, recall = hit_g / len(got), hit_e / len(expected)
    if not precision or not recall:
        return False
    return 2 * precision * recall / (precision + recall) >= UNITS_AT


def _header_value(proposal: dict[str, Any], name: str) -> Any:
    if name.startswith("signer."):
        return (proposal.get("signer") or {}).get(name.split(".", 1)[1])
    return proposal.get(name)


def _same_header(expected: Any, got: Any) -> bool:
    if expected is None or got is None:
        return expected is None and got is None
    return fold(str(expected)).rstrip(".") == fold(str(got)).rstrip(".")


@dataclass
class DocResult:
    name: str
    header_right: dict[str, bool] = field(default_factory=dict)
    expected: int = 0
    proposed: int = 0
    found: int = 0
    lead_right: int = 0
    coordinating_right: int = 0
    deadline_right: int = 0
    recurrence_right: int = 0
    missed_silently: int = 0
    warnings: int = 0
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    wrong_leads: list[tuple[list[str], list[str], str]] = field(default_factory=list)
    # (confidence of a proposed task, whether it was an expected assignment with the right lead)
    calibration: list[tuple[float, bool]] = field(default_factory=list)

    @property
    def header_ok(self) -> int:
        return sum(self.header_right.values())


def pair(expected: list[dict[str, Any]], tasks: list[dict[str, Any]]) -> list[tuple[int, int]]:
    scored = sorted(
        ((dice(e["text"], t["text"]), i, j) for i, e in enumerate(expected) for j, t in enumerate(tasks)),
        reverse=True,
    )
    used_e: set[int] = set()
    used_t: set[int] = set()
    pairs = []
    for score, i, j in scored:
        if score < MATCH_AT:
            break
        if i in used_e or j in used_t:
            continue
        used_e.add(i)
        used_t.add(j)
        pairs.append((i, j))
    return pairs


def score(document: Path, expected: dict[str, Any]) -> DocResult:
    proposal = read_file(document).as_dict()
    result = DocResult(name=document.stem)
    header = expected["header"]
    for name in HEADER_FIELDS:
        result.header_right[name] = _same_header(header.get(name), _header_value(proposal, name))
    wanted = expected["assignments"]
    tasks = proposal["tasks"]
    result.expected, result.proposed = len(wanted), len(tasks)
    result.warnings = len(proposal.get("warnings") or [])
    pairs = pair(wanted, tasks)
    result.found = len(pairs)
    for i, j in pairs:
        e, t = wanted[i], tasks[j]
        if units_agree(e["lead"], t["lead"]):
            result.lead_right += 1
        else:
            result.wrong_leads.append((e["lead"], t["lead"], e["text"][:90]))
        result.coordinating_right += units_agree(e["coordinating"], t["coordinating"])
        result.deadline_right += e["deadline"] == t["deadline"]
        result.recurrence_right += e["recurrence"] == t["recurrence"]
    found_e = {i for i, _ in pairs}
    found_t = {j for _, j in pairs}
    warning_texts = [
        w if isinstance(w, str) else str(w.get("text", "")) for w in proposal.get("warnings") or []
    ]
    for i, e in enumerate(wanted):
        if i in found_e:
            continue
        result.misses.append(e["text"][:110])
        if not any(dice(e["text"], w) >= MATCH_AT for w in warning_texts):
            result.missed_silently += 1
    result.spurious = [t["text"][:110] for j, t in enumerate(tasks) if j not in found_t]
    good = {j for i, j in pairs if units_agree(wanted[i]["lead"], tasks[j]["lead"])}
    result.calibration = [(float(t.get("confidence") or 0.0), j in good) for j, t in enumerate(tasks)]
    return result


def calibration_table(results: list[DocResult]) -> str:
    """How often a proposed task was an expected assignment with the right lead, per confidence band."""
    bands = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.01)]
    lines = ["| Confidence | Proposed | Right (found, lead right) |", "|---|---|---|"]
    pairs = [c for r in results for c in r.calibration]
    for lo, hi in bands:
        inside = [ok for conf, ok in pairs if lo <= conf < hi]
        label = f"{lo:.2f}–{min(hi, 1.0):.2f}"
        lines.append(f"| {label} | {len(inside)} | {_pct(sum(inside), len(inside))} |")
    return "\n".join(lines)


def score_set(name: str, corpus: Path = CORPUS) -> list[DocResult]:
    folder = corpus / name
    out = []
    for exp in sorted(folder.glob("*.expected.json")):
        out.append(score(document_of(exp), json.loads(exp.read_text(encoding="utf-8"))))
    return out


def document_of(expected_file: Path) -> Path:
    """The document an expected file describes: the .txt, .docx or .pdf beside it with the same name."""
    stem = expected_file.name.replace(".expected.json", "")
    for suffix in (".txt", ".docx", ".pdf"):
        candidate = expected_file.with_name(stem + suffix)
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"no document for {expected_file.name}")


@dataclass
class Totals:
    documents: int
    header_right: int
    header_scored: int
    expected: int
    proposed: int
    found: int
    lead_right: int
    coordinating_right: int
    deadline_right: int
    recurrence_right: int
    missed_silently: int

    @property
    def header(self) -> float:
        return self.header_right / self.header_scored if self.header_scored else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 0.0

    @property
    def precision(self) -> float:
        return self.found / self.proposed if self.proposed else 0.0

    @property
    def lead(self) -> float:
        return self.lead_right / self.found if self.found else 0.0


def totals(results: list[DocResult]) -> Totals:
    return Totals(
        documents=len(results),
        header_right=sum(r.header_ok for r in results),
        header_scored=sum(len(r.header_right) for r in results),
        expected=sum(r.expected for r in results),
        proposed=sum(r.proposed for r in results),
        found=sum(r.found for r in results),
        lead_right=sum(r.lead_right for r in results),
        coordinating_right=sum(r.coordinating_right for r in results),
        deadline_right=sum(r.deadline_right for r in results),
        recurrence_right=sum(r.recurrence_right for r in results),
        missed_silently=sum(r.missed_silently for r in results),
    )


def _pct(num: int, den: int) -> str:
    return f"{100 * num / den:.1f} %" if den else "—"


def render(title: str, results: list[DocResult]) -> str:
    lines = [
        f"### {title}",
        "",
        "| Document | Header fields | Expected | Proposed | Found | Recall | Precision | Lead right "
        "| Missed silently | Header fields wrong |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        wrong = ", ".join(k for k, ok in r.header_right.items() if not ok) or "—"
        lines.append(
            f"| {r.name} | {r.header_ok}/{len(r.header_right)} | {r.expected} | {r.proposed} | {r.found} "
            f"| {_pct(r.found, r.expected)} | {_pct(r.found, r.proposed)} | {r.lead_right}/{r.found} "
            f"| {r.missed_silently} | {wrong} |"
        )
    t = totals(results)
    header = f"{t.header_right}/{t.header_scored} = {_pct(t.header_right, t.header_scored)}"
    lines += [
        f"| **all {t.documents}** | **{header}** "
        f"| **{t.expected}** | **{t.proposed}** | **{t.found}** | **{_pct(t.found, t.expected)}** "
        f"| **{_pct(t.found, t.proposed)}** | **{t.lead_right}/{t.found} = {_pct(t.lead_right, t.found)}** "
        f"| **{t.missed_silently}** | |",
        "",
        f"Of the {t.found} assignments found: coordinating units right "
        f"{_pct(t.coordinating_right, t.found)}, deadline right {_pct(t.deadline_right, t.found)}, "
        f"recurrence right {_pct(t.recurrence_right, t.found)}.",
    ]
    return "\n".join(lines)
