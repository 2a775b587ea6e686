import subprocess
import sys


def test_cchc_command_runs_demo_logins_spelt_with_a_hyphen():
    out = subprocess.run(
        [sys.executable, "-m", "cchc", "demo-logins", "--url", "http://127.0.0.1:8000/"],
        capture_output=True,
        text=True,
        check=True,
        env={"CCHC_TESTING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert "lanhdao" in out.stdout
    assert "http://127.0.0.1:8000/" in out.stdout
