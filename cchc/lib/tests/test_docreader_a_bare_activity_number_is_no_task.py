"""An activity numbered over its labelled fields ("a) Hoạt động 1" / "- Nội dung: Triển khai …" /
"- Cơ quan thực hiện: Sở Nội vụ chủ trì …") is one task, the content; "Hoạt động 1" alone is none."""

from pathlib import Path

from cchc.lib.docreader.reader import read_file

CORPUS = Path(__file__).resolve().parents[3] / "docs" / "reader-corpus" / "dev"


def test_the_number_of_an_activity_is_not_proposed_as_a_task():
    d = read_file(CORPUS / "174-kh-ubnd-2025-tp-hcm.txt").as_dict()
    texts = [t["text"].strip() for t in d["tasks"]]
    assert not any(t.startswith("Hoạt động") and len(t.split()) <= 3 for t in texts)
    assert any(t.startswith("Triển khai Tháng hành động") for t in texts)
