"""``cchc --help`` imports every project command to print its line, and ``cchc COMMAND --help`` builds
that command's parser; neither reads a file, so neither may load the libraries only file reading needs
(polars, pyarrow, pandas, ijson, the spreadsheet readers): they cost about a second of CPU per start on
the shared server (docs/benchmarks.md). Checked on the import graph in a fresh interpreter, not timed."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEAVY = ("polars", "pyarrow", "pandas", "ijson", "openpyxl", "python_calamine", "duckdb")
PROBE = """
import contextlib, io, json, sys
from cchc.__main__ import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        main({args!r})
    except SystemExit:
        pass
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r})))
"""


def loaded(*args: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.setdefault("SECRET_KEY", "start-up probe")
    probe = PROBE.format(args=list(args), heavy=set(HEAVY))
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_the_list_of_commands_loads_none_of_them():
    assert loaded("--help") == []


@pytest.mark.parametrize("command", ["import-dossiers", "dossier-outcomes", "demo-dossiers", "rebuild-facts"])
def test_the_help_of_a_file_command_loads_none_of_them(command):
    assert loaded(command, "--help") == []
