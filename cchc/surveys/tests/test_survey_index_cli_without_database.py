"""`cchc survey-index` as a real process: it needs no database, and bad input exits with status 2."""

import json
import os
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data"


def cchc(*args, tmp_path):
    env = dict(os.environ)
    env["CCHC_TESTING"] = "1"
    # A database in a directory that does not exist: any connection attempt would fail.
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'absent' / 'none.sqlite3'}"
    return subprocess.run(
        [sys.executable, "-m", "cchc", "survey-index", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_it_prints_the_indices_with_no_database(tmp_path):
    done = cchc(
        "--responses", str(DATA / "worked_example_indices_vn_s5.csv"), "--questionnaire", "sipas-2017",
        "--aggregation", "pooled", "--format", "json", tmp_path=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["overall"]["index"] == 68.75
    # Settings create the SQLite file's folder on start-up (a fresh clone); connecting would create the
    # file itself, so its absence proves the command never touched the database.
    assert not (tmp_path / "absent" / "none.sqlite3").exists()


def test_bad_input_exits_2_with_only_a_vietnamese_message_on_stderr(tmp_path):
    done = cchc(
        "--responses", str(DATA / "bad_answer_out_of_range.csv"), "--questionnaire", "sipas-2017",
        tmp_path=tmp_path,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip().startswith(
        "Tệp bad_answer_out_of_range.csv: Dòng 3, cột “answer”: giá trị “6”"
    )
    assert "CommandError" not in done.stderr and "Traceback" not in done.stderr


def test_missing_arguments_exit_2_in_vietnamese(tmp_path):
    done = cchc("--questionnaire", "sipas-2017", tmp_path=tmp_path)
    assert done.returncode == 2
    assert "Thiếu tham số --responses" in done.stderr
