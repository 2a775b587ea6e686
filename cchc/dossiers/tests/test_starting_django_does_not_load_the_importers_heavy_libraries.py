"""Every ``cchc`` command starts Django; the dossiers app used to import its background job at start-up,
and with it the importer, polars and pyarrow (about a second of CPU before a file command did anything).
Those libraries are now imported when a file is read or a worker starts; what start-up must still do is
checked here: the worker's signal reaps dead import batches, and inter-agency steps have their reminder
source."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from cchc.core.jobs import worker_starting
from cchc.deadlines import reminders
from cchc.dossiers import interagency, jobs

HEAVY = ("polars", "pyarrow", "ijson", "pandas")
PROBE = """
import json, os, sys
os.environ.setdefault("SECRET_KEY", "start-up probe")
os.environ["DJANGO_SETTINGS_MODULE"] = "cchc.settings"
import cchc.settings
import django
django.setup()
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {heavy})))
"""


def test_a_fresh_start_of_django_imports_no_heavy_library():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=set(HEAVY))],
        capture_output=True,
        text=True,
        env=env,
        cwd=os.getcwd(),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == []


@pytest.mark.django_db
def test_a_starting_worker_still_reaps_dead_import_batches(monkeypatch):
    called = []
    monkeypatch.setattr(jobs, "reap_dead_batches", lambda **kw: called.append(kw) or "đã dọn")
    answers = dict(worker_starting.send(sender=None))
    assert "đã dọn" in answers.values()
    assert called == [{"signal": worker_starting, "sender": None}]


def test_inter_agency_steps_still_have_their_reminder_source():
    source = reminders._SOURCES[interagency.STEP_TYPE]
    assert source.ladder_setting == "CCHC_STEP_REMINDER_LADDER"
    assert source.refresh is interagency.refresh
