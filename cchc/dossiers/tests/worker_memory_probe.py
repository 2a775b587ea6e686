"""Run by ``test_web_import_of_a_large_line_delimited_file_stays_in_bounded_memory`` in a process of its own
(``python -m cchc.dossiers.tests.worker_memory_probe FOLDER N``): a migrated SQLite database in FOLDER, the
persona world and catalogue, an N-dossier line-delimited file written one record at a time, uploaded on
the import page by the Office, then ``cchc db_worker --batch`` in a child process whose peak memory is
read with ``resource.getrusage(RUSAGE_CHILDREN)``. Prints one JSON line with what happened."""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path


def main(folder: Path, n: int) -> int:
    env = {
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "cchc.settings",
        "SECRET_KEY": "worker-memory-probe-only",
        "CCHC_TESTING": "1",
        "CCHC_VAR_DIR": str(folder / "var"),
        "MEDIA_ROOT": str(folder / "media"),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "ALLOWED_HOSTS": "testserver",
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client

    from cchc.dossiers.models import Dossier, ImportBatch
    from cchc.dossiers.tests.columnar_helpers import rich_dossier
    from cchc.dossiers.tests.import_helpers import make_catalogue
    from cchc.testing.personas import build_world, login_verified

    call_command("migrate", verbosity=0)
    world = build_world()
    make_catalogue()
    path = folder / "hoso.ndjson"
    rng = random.Random(20)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            obj = rich_dossier(rng, i)
            obj["MaHoSo"] = f"W-{i:07d}"
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
    client = login_verified(Client(), world.users["office"])
    with path.open("rb") as fh:
        response = client.post("/ho-so/nhap/", {"file": fh})
    batch = ImportBatch.objects.get()
    queued = batch.status
    connections.close_all()

    started = time.perf_counter()
    worker = subprocess.run(
        [sys.executable, "-m", "cchc", "db_worker", "--batch"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    batch.refresh_from_db()
    print(
        json.dumps(
            {
                "upload_status": response.status_code,
                "queued": queued,
                "worker_exit": worker.returncode,
                "worker_stderr": worker.stderr[-500:],
                "status": batch.status,
                "message": batch.message,
                "created": batch.created_count,
                "rows": batch.total_rows,
                "dossiers": Dossier.objects.count(),
                "worker_peak_mb": peak,
                "worker_seconds": round(time.perf_counter() - started, 1),
                "file_mb": round(path.stat().st_size / 1e6),
            },
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), int(sys.argv[2])))
