"""The command line a newcomer meets: ``cchc --help`` lists the project's commands first, grouped, one
line each; a command that needs the database when no secret key is configured prints one Vietnamese
line saying what to set and exits 2, without a traceback; so does a file command given a file made to
break it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands

from cchc import cli
from cchc.lib.commands import PURE_COMMANDS

ROOT = Path(__file__).resolve().parents[3]
CCHC = str(Path(sys.prefix, "bin", "cchc"))


def run_bare(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """The console script with no environment but PATH (and a var/ folder of its own)."""
    env = {"PATH": "/usr/bin:/bin", "CCHC_VAR_DIR": str(cwd / "var-of-this-test")}
    return subprocess.run([CCHC, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_every_project_command_is_in_exactly_one_group():
    project = {cli.cli_name(name) for name, app in get_commands().items() if app.startswith("cchc.")}
    listed = [name for _, names in cli.GROUPS for name in names]
    assert len(listed) == len(set(listed))
    assert set(listed) == project | set(PURE_COMMANDS) | set(cli.OTHER_SUMMARIES)


def test_help_lists_the_project_commands_first_one_line_each(tmp_path):
    done = run_bare("--help", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    titles = [i for i, line in enumerate(lines) if line.endswith(":") and not line.startswith(" ")]
    assert [lines[i][:-1] for i in titles] == [title for title, _ in cli.GROUPS]
    first = lines[titles[0] + 1 : titles[0] + 1 + len(cli.GROUPS[0][1])]
    assert [line.split()[0] for line in first] == cli.GROUPS[0][1]
    assert all(len(line.split(None, 1)) == 2 for line in first)  # a name and its one line
    # Django's own commands come after, on request.
    assert "makemigrations" not in done.stdout and "cchc help --django" in done.stdout


def test_a_database_command_without_a_secret_key_says_what_to_set(tmp_path):
    done = run_bare("import-dossiers", str(ROOT / "examples" / "export.json"), "--dry-run", cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert "SECRET_KEY" in done.stderr and "CCHC_DEMO=1" in done.stderr
    assert "cần cấu hình" in done.stderr


HOSTILE_FILES = {
    # name: (the command, the file's bytes, what the one line says)
    "a UTF-16 text cut mid-character": (
        "read-directive",
        "chi-thi.txt",
        ("\ufeff" + "QUYẾT ĐỊNH giao nhiệm vụ.\n" * 50).encode("utf-16-le")[:-1],
        "bảng mã UTF-8",
    ),
    "a text with NUL bytes past its start": (
        "read-directive",
        "chi-thi.txt",
        "QUYẾT ĐỊNH giao nhiệm vụ.\n".encode() * 500 + b"\x00",
        "không phải văn bản thuần",
    ),
    "a JSON export with a lone surrogate": (
        "dossier-outcomes",
        "hoso.json",
        b'{"data": [{"MaHoSo": "A\\ud800"}]}',
        "Bản ghi 1 chứa ký tự không hợp lệ",
    ),
}


@pytest.mark.parametrize("case", HOSTILE_FILES)
def test_a_file_command_given_a_hostile_file_says_why_in_one_line_and_exits_2(tmp_path, case):
    command, name, data, says = HOSTILE_FILES[case]
    path = tmp_path / name
    path.write_bytes(data)
    extra = ["--as-of", "2022-06-30"] if command == "dossier-outcomes" else []
    done = run_bare(command, str(path), *extra, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "Error:" not in done.stderr
    assert says in done.stderr
