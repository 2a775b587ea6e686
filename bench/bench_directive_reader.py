"""The directive reader on the 2025 corpus: per-document table for the development set and for the
held-out set, how often tasks of each confidence were right, and reading time per document.

Run with ``make bench`` (all benchmarks) or ``python -m bench bench_directive_reader``. The held-out
figures are for reporting; the reader is tuned on the development set only (docs/reader-corpus/SOURCES.md).

A later held-out set kept in its own folder (``docs/reader-corpus/heldoutN/``, N = 7, 8, ...) is measured
on its own, once, with ``python bench/bench_directive_reader.py --set heldoutN --details``: it is left out
of the default run so that tuning on ``dev/`` never prints its figures. The seventh set has been in
``dev/`` since the eighth round (2026-12-07).
"""

from __future__ import annotations

import argparse
import time

from cchc.lib.docreader.corpus_eval import CORPUS, DocResult, calibration_table, render, score_set

DEFAULT_SETS = (("dev", "Development set (tuned on)"), ("heldout", "Held-out set (never tuned on)"))


def details(results: list[DocResult]) -> str:
    """Every miss, spurious proposal and wrong lead, per document: the material for reading the errors."""
    lines = []
    for r in results:
        if not (r.misses or r.spurious or r.wrong_leads):
            continue
        lines.append(f"#### {r.name}")
        lines += [f"- missed: {text}" for text in r.misses]
        lines += [f"- proposed, not expected: {text}" for text in r.spurious]
        lines += [f"- lead wrong: expected {exp} got {got} — {text}" for exp, got, text in r.wrong_leads]
        lines.append("")
    return "\n".join(lines)


def main(sets: tuple[tuple[str, str], ...] = DEFAULT_SETS, show_details: bool = False) -> None:
    for name, title in sets:
        started = time.perf_counter()
        results = score_set(name, CORPUS)
        elapsed = time.perf_counter() - started
        print(render(title, results))
        print()
        print(calibration_table(results))
        print()
        each = elapsed / max(1, len(results))
        print(f"{len(results)} documents read and scored in {elapsed:.1f} s ({each:.2f} s each).")
        print()
        if show_details:
            print(details(results))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--set",
        action="append",
        dest="sets",
        metavar="FOLDER",
        help="measure only this folder of docs/reader-corpus (repeatable)",
    )
    parser.add_argument(
        "--details", action="store_true", help="list every miss, spurious task and wrong lead"
    )
    args = parser.parse_args()
    chosen = tuple((s, f"Set {s}") for s in args.sets) if args.sets else DEFAULT_SETS
    main(chosen, args.details)
