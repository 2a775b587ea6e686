"""An article that gives two departments one piece of work and then shares the procedures out between
them ("… cụ thể:" / "- Sở Tài chính đối với thủ tục hành chính số 03 …;" / "- Sở Nông nghiệp và Môi
trường đối với thủ tục hành chính số 01, 02 …") is one task led by both, not two tasks each led by both."""

from pathlib import Path

from cchc.lib.docreader.reader import read_file

CORPUS = Path(__file__).resolve().parents[3] / "docs" / "reader-corpus" / "dev"


def test_the_shared_out_procedures_stay_in_one_task():
    d = read_file(CORPUS / "3850-qd-ubnd-2025-nghe-an.txt").as_dict()
    first = d["tasks"][0]
    assert first["lead"] == ["Sở Tài chính", "Sở Nông nghiệp và Môi trường"]
    assert "Sở Tài chính đối với thủ tục hành chính số 03" in first["text"]
    assert len(d["tasks"]) == 2
