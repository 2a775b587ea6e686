"""Code, docs and data cite what a reader of the project can open: a docs/rules/ file, another file of the
repository, or a legal text by name and article. Never the research notes the project was built from
("rules-vn §1.4", "indices-vn"), the founding letter by a nickname ("seed §2"), a tracker's issue number,
or the product sketch and stack notes that live outside the repository."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

# What a reader cannot open, with the wording to use instead.
FORBIDDEN: dict[str, re.Pattern[str]] = {
    "the research notes on the legal rules (cite docs/rules/<domain>.md or the legal text)": re.compile(
        r"rules-vn"
    ),
    "the research notes on the indices (cite docs/rules/surveys.md or docs/rules/indices.md)": re.compile(
        r"indices-vn"
    ),
    "the founding letter by nickname (cite Công văn 7190/UBND-NV, mục N)": re.compile(
        r"\bseed ?§|\bseed 7190", re.IGNORECASE
    ),
    "a tracker's issue number (say what is required instead)": re.compile(r"\bissue ?#?\d+\b", re.IGNORECASE),
    "the product sketch, stack or anchor notes outside the repository": re.compile(
        r"\b(product|stack|anchors)\.md\b"
    ),
    "a path outside the repository": re.compile(r"shared/spec|shared/seed"),
}

# Files allowed to name the forbidden forms, and why.
EXEMPT = {
    # This test spells out what it forbids.
    "cchc/core/tests/test_the_repository_cites_only_what_a_reader_can_open.py",
    # The language crawl looks for the same names on every page of the demo.
    "cchc/demo/tests/test_no_page_of_the_demo_speaks_developer_language.py",
}
SKIP_DIRS = {".git", ".venv", "var", "node_modules", "__pycache__", "vendor", "migrations"}
SKIP_SUFFIXES = {".pdf", ".docx", ".xlsx", ".png", ".jpg", ".jpeg", ".gif", ".ico", ".woff", ".woff2", ".ttf"}
TOP = ("cchc", "docs", "bench", "scripts", "examples", "static", ".ci")
ROOT_FILES = (
    "README.md",
    "Makefile",
    "pyproject.toml",
    "conftest.py",
    "requirements.txt",
    "requirements-dev.txt",
)


def _files() -> list[Path]:
    found = [ROOT / name for name in ROOT_FILES if (ROOT / name).exists()]
    for top in TOP:
        for path in (ROOT / top).rglob("*"):
            parts = set(path.relative_to(ROOT).parts)
            if path.is_file() and not parts & SKIP_DIRS and path.suffix.lower() not in SKIP_SUFFIXES:
                found.append(path)
    return found


def offences(text: str) -> list[tuple[int, str, str]]:
    """(line number, what is wrong, the line) for every citation a reader cannot open."""
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        for why, pattern in FORBIDDEN.items():
            if pattern.search(line):
                out.append((number, why, line.strip()[:160]))
    return out


def test_the_detector_catches_each_forbidden_form_and_passes_the_allowed_ones():
    bad = [
        "Rules (rules-vn §1.4): early, on time, late",
        "the apology (rules-vn-texts §a1)",
        "indices-vn.md §1.1 [U]",
        "the Office publishes it (seed §2)",
        "Playwright journeys of issue 3",
        "product.md, capability 1",
        "see ../shared/spec/architecture.md",
    ]
    good = [
        "Rules (docs/rules/dossier-deadlines.md): early, on time, late",
        "Nghị định 61/2018/NĐ-CP, Điều 21",
        "Công văn 7190/UBND-NV, mục 2",
        "a fixed random seed; --seed 4",
        "the issue of a decision",
    ]
    assert [bool(offences(line)) for line in bad] == [True] * len(bad)
    assert [bool(offences(line)) for line in good] == [False] * len(good)


def test_no_file_of_the_repository_cites_what_a_reader_cannot_open():
    found = []
    files = _files()
    assert len(files) > 500  # the walk really covers the repository
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        if rel in EXEMPT:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        found += [f"{rel}:{n}: {why}: {line}" for n, why, line in offences(text)]
    assert not found, "\n".join(found)
