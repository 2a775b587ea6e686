"""A conclusion that groups its requests under topic dashes ("- Về nội dung trao đổi tín chỉ các-bon ra
nước ngoài:") gives a task for each paragraph under the dash that opens with its unit ("Bộ Tài chính
nghiên cứu …", "Bộ Nông nghiệp và Phát triển nông thôn khẩn trương …"); the topic itself is no task."""

from pathlib import Path

from cchc.lib.docreader.reader import read_file

CORPUS = Path(__file__).resolve().parents[3] / "docs" / "reader-corpus" / "dev"


def test_the_paragraphs_under_a_topic_dash_are_the_tasks():
    d = read_file(CORPUS / "467-tb-vpcp-2024-van-phong-chinh-phu.txt").as_dict()
    texts = [t["text"] for t in d["tasks"]]
    assert not any(t.startswith("Về ") for t in texts)
    assert any(t.startswith("Bộ Nông nghiệp và Phát triển nông thôn khẩn trương") for t in texts)
    assert sum(1 for t in d["tasks"] if t["lead"] == ["Bộ Tài chính"]) >= 5
