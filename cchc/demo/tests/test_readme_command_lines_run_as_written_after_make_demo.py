"""Every ``cchc`` command line of the README runs as written, from the top of a clone, with the sample
files of examples/, and exits 0.

Lines without a variable in front are the file commands, which must work with no environment at all:
each runs in its own process with nothing but PATH (and CCHC_VAR_DIR, so that ``workdays`` cannot
read a developer's own database in var/). Lines that start with ``CCHC_DEMO=1`` work on the demo
database of ``make demo``: they run in this process, on the test database holding the whole demo
(``demo_db``), through the same entry point as the console script.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connections

from cchc.__main__ import main

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ".venv/bin/cchc"


def shell_words(command: str) -> list[str]:
    """The words bash makes of a command line (quotes, ``$(date +%F)``), as a reader's shell would."""
    done = subprocess.run(
        ["bash", "-c", f"printf '%s\\0' {command}"], capture_output=True, text=True, check=True, timeout=30
    )
    return done.stdout.split("\0")[:-1]


def readme_lines() -> list[tuple[dict[str, str], list[str], str]]:
    """(variables in front, arguments, comment) of every cchc line in the README's shell blocks."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"```bash\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            command, _, comment = line.partition("  #")
            if SCRIPT not in command.split():
                continue
            words = shell_words(command)
            at = words.index(SCRIPT)
            env = dict(w.split("=", 1) for w in words[:at])
            found.append((env, words[at + 1 :], comment.strip().lstrip("# ").strip()))
    return found


LINES = readme_lines()
FILE_LINES = [(args, comment) for env, args, comment in LINES if not env]
DATABASE_LINES = [(env, args) for env, args, _ in LINES if env]


def test_the_readme_shows_both_kinds_of_command():
    assert len(FILE_LINES) >= 8 and len(DATABASE_LINES) >= 6
    assert all(env == {"CCHC_DEMO": "1"} for env, _ in DATABASE_LINES)


@pytest.fixture
def clone(tmp_path):
    """A folder that looks like the top of a fresh clone (links to the repository's files, and the
    virtualenv running these tests); what the commands write stays in it."""
    for entry in ROOT.iterdir():
        if entry.name not in {".venv", "var", ".git"} and not entry.name.endswith(".xlsx"):
            (tmp_path / entry.name).symlink_to(entry)
    (tmp_path / ".venv").symlink_to(Path(sys.prefix))
    return tmp_path


def test_every_file_command_runs_with_no_environment(clone):
    assert Path(sys.prefix, "bin", "cchc").exists()
    env = {"PATH": "/usr/bin:/bin", "CCHC_VAR_DIR": str(clone / "var")}
    for args, comment in FILE_LINES:
        done = subprocess.run(
            [SCRIPT, *args], cwd=clone, env=env, capture_output=True, text=True, timeout=120, check=False
        )
        assert done.returncode == 0, (args, done.stderr[-2000:])
        assert "Traceback" not in done.stderr
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", comment):  # the README shows the answer
            assert done.stdout.strip() == comment, args
    assert (clone / "bao-cao.xlsx").read_bytes()[:2] == b"PK"  # the --out line wrote an XLSX file


def test_every_database_command_runs_on_the_demo(demo_db, clone, monkeypatch, settings, capsys):
    settings.CCHC_DEMO = True
    monkeypatch.chdir(clone)
    # The console script closes every connection when a command ends, and the worker closes a connection
    # found inside a transaction; here either would end the test's transaction (PostgreSQL).
    monkeypatch.setattr(connections, "close_all", lambda: None)
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    for _, args in DATABASE_LINES:
        try:
            status = main(list(args))
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else 1
        err = capsys.readouterr().err
        assert status == 0, (args, err[-2000:])
