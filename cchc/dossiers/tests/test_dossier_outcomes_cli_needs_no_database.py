"""The check is pure and file-based: it runs with an empty (even absent) database."""

import json

from cchc.dossiers.tests.test_dossier_outcomes_cli_exit_codes import cli
from cchc.dossiers.tests.test_dossier_outcomes_cli_judges_the_fixture_file import FIXTURE, run


def test_it_runs_without_database_access_in_the_test_process():
    # No django_db mark: pytest-django would fail any query this command made.
    assert json.loads(run(str(FIXTURE), as_of="2022-06-30")[0])["summary"]["excluded"] == 2


def test_it_runs_when_the_database_does_not_even_exist(tmp_path):
    missing = tmp_path / "no-such-dir" / "db.sqlite3"
    done = cli(str(FIXTURE), "--as-of", "2022-06-30", env={"DATABASE_URL": f"sqlite:///{missing}"})
    assert done.returncode == 0, done.stderr
    # Settings create the folder of a SQLite database on start-up; the database itself is never opened.
    assert not missing.exists()
