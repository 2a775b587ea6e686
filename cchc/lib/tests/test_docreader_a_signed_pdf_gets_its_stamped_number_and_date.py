"""A signed PDF of a provincial office carries its number, day (and month) as signature stamps over the
blanks of the printed header, not in its text layer; the reader reads them from the stamps, so the
number and date of the issued document are known. Checked on two signed originals of the corpus."""

from pathlib import Path

from cchc.lib.docreader.reader import read_file

CORPUS = Path(__file__).resolve().parents[3] / "docs" / "reader-corpus" / "dev"


def test_the_stamped_number_and_day_fill_the_blanks():
    d = read_file(CORPUS / "7432-ubnd-xd-2026-lao-cai.pdf").as_dict()
    assert (d["number"], d["symbol"], d["date"], d["place"]) == ("7432", "UBND-XD", "2026-07-21", "Lào Cai")


def test_a_stamped_month_replaces_the_month_the_draft_printed():
    # The draft printed "tháng 4"; the decision was issued on 15 May, stamped "15" and "5".
    d = read_file(CORPUS / "1696-qd-ubnd-2026-lao-cai.pdf").as_dict()
    assert (d["number"], d["date"]) == ("1696", "2026-05-15")
