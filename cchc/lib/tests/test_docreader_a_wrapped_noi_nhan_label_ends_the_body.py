"""A web copy that wraps the label of the distribution list over two lines ("Nơi" / "nhận:") still ends
the body there: the list's entries ("- Thủ tướng Chính phủ;", "- Bộ Tư pháp;") are not read as tasks."""

from pathlib import Path

from cchc.lib.docreader.reader import read_file

CORPUS = Path(__file__).resolve().parents[3] / "docs" / "reader-corpus" / "dev"


def test_the_distribution_list_under_a_wrapped_label_gives_no_task():
    d = read_file(CORPUS / "11306-vpcp-nn-2025-van-phong-chinh-phu.txt").as_dict()
    assert len(d["tasks"]) == 1
    assert d["tasks"][0]["lead"] == ["Bộ Nông nghiệp và Môi trường"]
    assert "Bộ Tư pháp" in " ".join(d["cc"])
