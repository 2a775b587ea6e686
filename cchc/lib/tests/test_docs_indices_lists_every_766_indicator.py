"""docs/indices.md gives every indicator of the shipped Decision 766 set a row — its maximum, its
target and its status (source, or what is unconfirmed) — so the documentation cannot fall behind the
set file."""

from __future__ import annotations

import re
from pathlib import Path

from cchc.lib import index766
from cchc.lib.scoring import bundled, rounded

DOC = Path(__file__).resolve().parents[3] / "docs" / "indices.md"


def _rows() -> dict[str, list[str]]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## 11.", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and re.fullmatch(r"\d\.\d[ab]?", cells[0]):
            rows[cells[0]] = cells
    return rows


def test_every_indicator_has_a_row_with_its_maximum_target_and_status():
    rows = _rows()
    for leaf in bundled("qd766", 2022, figures=index766.FIGURES).leaves():
        assert leaf.code in rows, leaf.code
        _, _, maximum, target, figure, status = rows[leaf.code]
        assert float(maximum) == rounded(leaf.max_points), leaf.code
        if leaf.target is not None:
            assert target.startswith(f"{rounded(leaf.target * 100):g} %"), (leaf.code, target)
        assert figure and status, leaf.code
        if leaf.rule != "computed":
            assert "no data" in figure, leaf.code
