"""``dossier-outcomes`` on a line-delimited file reads it through Arrow's columns (``natsync_arrow``) and
writes its CSV in bulk; what it prints — output, errors, exit status — is byte for byte what the exact
reader and the csv module print, on the fixture, on random files with faulty records and on lines Arrow
must hand back (a key written twice, a code that needs CSV quotes, bytes that are not UTF-8 …)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from cchc.dossiers.management.commands import dossier_outcomes
from cchc.dossiers.tests.test_dossier_outcomes_cli_judges_the_fixture_file import FIXTURE
from cchc.lib import natsync_arrow as na
from cchc.lib.tests import stream_helpers as h
from cchc.lib.tests.test_arrow_outcomes_equal_the_exact_reader import LINES, encoded, national, write_lines

# Every line, a lone surrogate's too: both paths refuse it by its line number (record_stream._exact_line).
PRINTABLE = LINES


def printed(path, fmt):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("dossier_outcomes", str(path), as_of="2022-06-30", format=fmt, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return out.getvalue(), err.getvalue(), code


def through_both(monkeypatch, path, fmt):
    used = {"arrow": 0}
    real = na.csv_text

    def counted(result):
        used["arrow"] += 1
        return real(result)

    monkeypatch.setattr(na, "csv_text", counted)
    arrow = printed(path, fmt)
    monkeypatch.setattr(dossier_outcomes, "is_line_delimited", lambda _: False)
    exact = printed(path, fmt)
    return arrow, exact, used["arrow"]


@pytest.fixture
def small_blocks(monkeypatch):
    monkeypatch.setattr(na, "CHUNK", 900)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_fixture_as_lines_prints_the_same_bytes(tmp_path, monkeypatch, small_blocks, fmt):
    records = json.loads(FIXTURE.read_text(encoding="utf-8"))
    records = records["data"] if isinstance(records, dict) else records
    path = write_lines(tmp_path / "f.ndjson", encoded(national(records)))
    arrow, exact, used = through_both(monkeypatch, path, fmt)
    assert arrow == exact
    assert "trễ" not in arrow[1] or arrow[2] == 1
    if fmt == "csv":
        assert used >= 2 and "," in arrow[0]


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_random_files_with_faulty_records_print_the_same_bytes(
    tmp_path, monkeypatch, small_blocks, seed, fmt
):
    records = national(h.random_records(120, seed, faulty=0.05))
    lines = encoded(records)
    for k, (_, line) in enumerate(PRINTABLE[::6]):
        lines[7 + 9 * k] = line
    path = write_lines(tmp_path / "r.ndjson", lines)
    arrow, exact, _ = through_both(monkeypatch, path, fmt)
    assert arrow == exact
    assert arrow[2] in (1, 2)


@pytest.mark.parametrize(("what", "line"), PRINTABLE, ids=[w for w, _ in PRINTABLE])
def test_each_line_arrow_hands_back_prints_the_same_bytes(tmp_path, monkeypatch, small_blocks, what, line):
    lines = encoded(national(h.random_records(30, 7, faulty=0)))
    lines[18] = line
    path = write_lines(tmp_path / "l.ndjson", lines)
    arrow, exact, _ = through_both(monkeypatch, path, "csv")
    assert arrow == exact
