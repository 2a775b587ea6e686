"""Put the parts together: text → a proposal (metadata + tasks) that a person reviews and confirms."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .addressees import name_the_addressee
from .body import TaskProposal, read_tasks
from .citations import Citation, find_citations
from .header import Layout, Signer, parse_layout
from .loaders import load_text
from .markdown_layout import unfold_layout_rows
from .outline import APPENDIX_BREAK, is_spaced
from .review import Unconverted, field_confidence, task_confidence, unconverted
from .side_by_side import unstack_columns
from .text import clean_lines
from .units import KnownUnit, match_units
from .webcopy import join_bare_markers, rebuild_pipe_tables

_PREAMBLE_RELATIONS = (
    (re.compile(r"(?:^|[;.]\s*|\n)\s*(?:Thực\s+hiện|Triển\s+khai|Thi\s+hành)\b[^;\n]*$", re.I), "implements"),
    (re.compile(r"(?:^|[;.]\s*|\n)\s*Căn\s+cứ\b[^;\n]*$", re.I), "based_on"),
    (re.compile(r"(?:^|[;.]\s*|\n)\s*(?:Theo\s+đề\s+nghị|Xét\s+đề\s+nghị)\b[^;\n]*$", re.I), "proposed_by"),
)


@dataclass
class Proposal:
    layout: Layout
    citations: list[Citation]
    tasks: list[TaskProposal]
    warnings: list[str] = field(default_factory=list)
    unit_list: list[KnownUnit] | None = None
    unconverted: list[Unconverted] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        lay = self.layout
        out: dict[str, Any] = {
            "issuer": lay.issuer,
            "parent_issuer": lay.parent_issuer,
            "number": lay.number,
            "symbol": lay.symbol,
            "date": _iso(lay.date),
            "place": lay.place,
            "doc_type": lay.doc_type,
            "subject": lay.subject,
            "recipients": list(lay.recipients),
            "signer": _signer_dict(lay.signer),
            "cc": list(lay.cc),
            "cited_documents": [
                {
                    "type": c.type,
                    "number": c.number,
                    "symbol": c.symbol,
                    "date": _iso(c.date),
                    "issuer": c.issuer,
                    "relation": c.relation,
                    "text": c.text,
                }
                for c in self.citations
            ],
            "tasks": [_task_dict(t, self.unit_list) for t in self.tasks],
            "warnings": list(self.warnings),
            "confidence": field_confidence(lay),
            "unconverted": [u.as_dict() for u in self.unconverted],
        }
        if self.unit_list is not None:
            out["recipient_matches"] = [m.as_dict() for m in match_units(lay.recipients, self.unit_list)]
        return out


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _signer_dict(s: Signer) -> dict[str, Any]:
    return {
        "authority": s.authority,
        "position": s.position,
        "on_behalf_of": s.on_behalf_of,
        "name": s.name,
        "authority_chain": list(s.authority_chain),
    }


def _task_dict(t: TaskProposal, units: list[KnownUnit] | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "section": t.section,
        "assignees": list(t.assignees),
        "lead": list(t.lead),
        "coordinating": list(t.coordinating),
        "text": t.text,
        "deadline": _iso(t.deadline.date) if t.deadline else None,
        "deadline_text": t.deadline.text if t.deadline else None,
        "recurrence": t.recurrence.code if t.recurrence else None,
        "recurrence_text": t.recurrence.text if t.recurrence else None,
        "source": t.source,
        "confidence": task_confidence(t),
    }
    if units is not None:
        out["matches"] = {
            key: [m.as_dict() for m in match_units(getattr(t, key), units)]
            for key in ("assignees", "lead", "coordinating")
        }
    return out


def read_text(text: str, units: list[KnownUnit] | None = None) -> Proposal:
    """Read a directive's text. Never raises on odd layouts: missing parts come back as None/[]."""
    lines = clean_lines(rebuild_pipe_tables(unfold_layout_rows(unstack_columns(text))))
    spaced = is_spaced(lines)
    layout, lines = parse_layout(lines, spaced)
    joined = "\n".join(lines)
    own = (layout.number, layout.symbol)
    citations: list[Citation] = []
    seen: set[tuple[str, str]] = set()
    body_text = "\n".join(lines[layout.body_start :])
    # The summary line can cite documents too ("V/v triển khai Công văn số 1099/VPCP-CĐS").
    header_cites = find_citations(layout.subject or "")
    for c in [*header_cites, *find_citations(body_text)]:
        # A document may cite an earlier one with the same number and symbol (Chỉ thị 07/CT-UBND of
        # 2021 cited by Chỉ thị 07/CT-UBND of 2023): only the same date makes it the document itself.
        if ((c.number, c.symbol) == own and c.date in (None, layout.date)) or c.key() in seen:
            continue
        seen.add(c.key())
        citations.append(c)
    _set_relations(citations, body_text, lines, layout)
    body_lines = lines[layout.body_start : layout.body_end]
    if layout.appendix_start is not None:
        body_lines = [*body_lines, "", APPENDIX_BREAK, *lines[layout.appendix_start :]]
    tasks, texts = read_tasks(join_bare_markers(body_lines), citations, joined, layout.date, spaced)
    name_the_addressee(tasks, layout.recipients)
    proposal = Proposal(layout, citations, tasks, unit_list=units)
    proposal.unconverted = unconverted(texts, tasks)
    proposal.warnings = _warnings(layout, tasks) + [u.warning() for u in proposal.unconverted]
    return proposal


def _set_relations(citations: list[Citation], body_text: str, lines: list[str], layout: Layout) -> None:
    # Only the preamble (before the first numbered item or "QUYẾT ĐỊNH:") says how this document
    # relates to the cited one; citations further down are plain references.
    m = re.search(r"^\s*(?:I\.|1\.|Điều\s+1|QUYẾT\s+ĐỊNH\s*:|[-–]\s)", body_text, re.M)
    preamble_end = m.start() if m else len(body_text)
    for c in citations:
        if c.start >= preamble_end or body_text[c.start : c.end] not in body_text[:preamble_end]:
            continue
        before = body_text[: c.start]
        for pattern, relation in _PREAMBLE_RELATIONS:
            if pattern.search(before):
                c.relation = relation
                break


def _warnings(layout: Layout, tasks: list[TaskProposal]) -> list[str]:
    out = []
    if not layout.number and not layout.symbol:
        out.append("Không tìm thấy số, ký hiệu văn bản (dòng 'Số: ...').")
    if not layout.date:
        out.append("Không đọc được ngày ban hành.")
    if not layout.issuer:
        out.append("Không xác định được cơ quan ban hành.")
    if not layout.signer.name:
        out.append("Không tìm thấy họ tên người ký.")
    if not tasks:
        out.append("Không tìm thấy nhiệm vụ nào được giao cho đơn vị cụ thể.")
    return out


def read_file(path: str | Path, units: list[KnownUnit] | None = None) -> Proposal:
    return read_text(load_text(path), units)
