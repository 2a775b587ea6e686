"""The accuracy corpus: the published table must be what the reader does now, and the founding letter is
exact."""

from pathlib import Path

from cchc.lib.docreader.accuracy import TABLE_END, TABLE_START, render_table, score_corpus, summary

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "docs" / "reader-corpus"
DOC = ROOT / "docs" / "directive-reader.md"


def test_corpus_has_at_least_ten_directives_besides_the_seed_with_sources():
    texts = sorted(CORPUS.glob("*.txt"))
    assert len(texts) >= 11
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    for t in texts:
        assert t.with_suffix(".expected.json").exists(), t.name
        assert t.name in sources, t.name


def test_accuracy_table_in_the_docs_matches_the_reader():
    table = render_table(score_corpus(CORPUS))
    text = DOC.read_text(encoding="utf-8")
    published = text[text.index(TABLE_START) : text.index(TABLE_END) + len(TABLE_END)]
    assert published == table, "run: python -m cchc.lib.docreader.accuracy --write"


def test_seed_is_exact_and_targets_are_met():
    scores = score_corpus(CORPUS)
    seed = next(s for s in scores if s.name.startswith("01-7190"))
    assert all(seed.fields.values()), seed.notes
    assert seed.tasks_expected == seed.tasks_found == seed.tasks_exact == 26
    sm = summary(scores)
    assert sm["header_right"] / sm["header_total"] >= 0.95
    assert sm["tasks_exact"] / sm["tasks_expected"] >= 0.85
