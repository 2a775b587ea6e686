"""The directive reader on the 2025 corpus: per-document table for the development set and for the
held-out set, how often tasks of each confidence were right, and reading time per document.

Run with ``make bench`` (all benchmarks) or ``python -m bench bench_directive_reader``. The held-out
figures are for reporting; the reader is tuned on the development set only (docs/reader-corpus/SOURCES.md).
"""

from __future__ import annotations

import time

from cchc.lib.docreader.corpus_eval import CORPUS, calibration_table, render, score_set


def main() -> None:
    for name, title in (("dev", "Development set (tuned on)"), ("heldout", "Held-out set (never tuned on)")):
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


if __name__ == "__main__":
    main()
