"""Every word the national-sync readers take for yes or for no — with or without diacritics ("có"/"co",
"không"/"khong"), in any case — reads the same in the pure judge (``lib.natsync``), the ledger's row
parser (``records.parse_record``) and the columnar fast path, in a 1/0 field (HoSoCoThanhPhanSoHoa) and
in a step's inter-agency flag (each reader's own key for it). The words come from one list
(``natsync_fields``). No database needed."""

from __future__ import annotations

import pytest

from cchc.dossiers import records
from cchc.dossiers.columnar_parse import parse_csv
from cchc.dossiers.tests.import_helpers import as_csv, national
from cchc.lib import natsync, natsync_fields

WORDS = [(w, True) for w in sorted(natsync_fields.TRUE_WORDS)] + [
    (w, False) for w in sorted(natsync_fields.FALSE_WORDS) if w
]


JUDGE_KEY = natsync_fields.INTER_AGENCY
LEDGER_KEY = records.STEP_FIELDS["external"][0]


def step(flag: str, key: str = LEDGER_KEY) -> dict:
    return {
        "PhongBanXuLy": "P1",
        "NguoiXuLy": "Vũ Thị Mai",
        "NgayBatDau": "20220307080000",
        key: flag,
    }


def test_the_ledger_uses_the_national_sync_readers_list_of_words():
    assert records.TRUE_WORDS is natsync_fields.TRUE_WORDS
    assert {"có", "co"} <= natsync_fields.TRUE_WORDS and {"không", "khong"} <= natsync_fields.FALSE_WORDS


@pytest.mark.parametrize(("word", "yes"), [*WORDS, *[(w.upper(), y) for w, y in WORDS]])
def test_a_yes_or_no_word_reads_alike_on_every_path(word, yes):
    judged = natsync.parse_records(
        [national("A-1", HoSoCoThanhPhanSoHoa=word, QuaTrinhXuLy=[step(word, JUDGE_KEY)])]
    )
    assert not judged.errors, judged.errors
    assert judged.facts[0].digitised_inputs is yes
    assert [s.external for s in judged.dossiers[0].steps] == [yes]

    rec, errors = records.parse_record(
        2, national("A-1", HoSoCoThanhPhanSoHoa=word, QuaTrinhXuLy=[step(word)])
    )
    assert not errors and rec is not None, errors
    assert rec.digitised_inputs is yes
    assert [s.external for s in rec.steps] == [yes]

    parsed = parse_csv(as_csv([national("A-1", QuaTrinhXuLy=[step(word)])]))
    assert parsed.steps["external"].to_list() == [yes]


def test_a_word_that_is_neither_is_refused_in_a_one_or_zero_field_by_both_parsers():
    judged = natsync.parse_records([national("A-1", HoSoCoThanhPhanSoHoa="có lẽ")])
    assert [e.field for e in judged.errors] == ["HoSoCoThanhPhanSoHoa"]
    rec, errors = records.parse_record(2, national("A-1", HoSoCoThanhPhanSoHoa="có lẽ"))
    assert rec is None and [e.field for e in errors] == ["HoSoCoThanhPhanSoHoa"]
