"""The checks across servers of ``bench_multi_server run``: what one installation with two app servers and
two background workers must still do as one. Each takes the servers' ports and the run's folder (the mail
file, the look-up pairs, the import files) and answers its figures with ``ok``.

- sign-in lockout: wrong passwords on server 1 lock the account on server 2;
- the look-up limit: look-ups from one address alternating between the servers are counted together;
- reminders: the reminder job queued four times sends every message once;
- imports: a file's job delivered twice imports the file once, by one worker.
"""

from __future__ import annotations

import http.client
import json
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any


class Browser:
    """A browser that may talk to either server: one cookie jar, its own client address."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.cookies: dict[str, str] = {}

    def request(
        self, port: int, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {
            "X-Forwarded-For": self.address,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if form is not None:
            form = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **form}
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        r = conn.getresponse()
        for name, value in r.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        text = r.read().decode("utf-8", "replace")
        return r.status, text + (r.getheader("Location") or "")


LOGIN = "/tai-khoan/dang-nhap/"


def check_lockout(ports: tuple[int, ...], work: Path) -> dict[str, Any]:
    from cchc.accounts.actions import create_account
    from cchc.accounts.models import LoginFailure, User
    from cchc.accounts.policy import max_failures

    # A real (not demo) account with a known password: the demo accounts' passwords are not usable
    # outside the demo.
    user, password = "bench_lockout", "Bench@MatKhau2026"
    if not User.objects.filter(username=user).exists():
        template = User.objects.get(username="lanhdao")
        create_account(
            User.objects.get(username="vanphong"),
            username=user,
            password=password,
            role=template.role,
            jurisdiction=template.jurisdiction,
        )
    LoginFailure.objects.filter(username=user).delete()
    a, b = ports
    before = Browser("198.51.100.20")
    before.request(b, "GET", LOGIN)
    status_before, where_before = before.request(b, "POST", LOGIN, {"username": user, "password": password})
    wrong = Browser("198.51.100.21")
    wrong.request(a, "GET", LOGIN)
    for _ in range(max_failures()):
        wrong.request(a, "POST", LOGIN, {"username": user, "password": "Sai@MatKhau123"})
    after = Browser("198.51.100.22")
    after.request(b, "GET", LOGIN)
    status_after, page_after = after.request(b, "POST", LOGIN, {"username": user, "password": password})
    out = {
        "right_password_on_server_2_before": status_before,
        "passed_to_second_step_before": status_before == 302 and "xac-thuc/" in where_before,
        "wrong_passwords_on_server_1": max_failures(),
        "right_password_on_server_2_after": status_after,
        "refused_with_lockout_after": status_after == 200 and "tạm khoá" in page_after.lower(),
    }
    LoginFailure.objects.filter(username=user).delete()
    out["ok"] = out["passed_to_second_step_before"] and out["refused_with_lockout_after"]
    return out


def check_lookup_limit(ports: tuple[int, ...], work: Path) -> dict[str, Any]:
    from cchc.portal.views import lookup_rate

    citizen = Browser("198.51.100.30")
    citizen.request(ports[0], "GET", "/cong-khai/tra-cuu-ho-so/")
    statuses = []
    pair = json.loads((work / "pairs.json").read_text(encoding="utf-8"))[0]
    for i in range(lookup_rate() + 1):
        status, _ = citizen.request(
            ports[i % 2], "POST", "/cong-khai/tra-cuu-ho-so/", {"code": pair[0], "phone": pair[1]}
        )
        statuses.append(status)
    limit = lookup_rate()
    ok = statuses[:limit] == [200] * limit and statuses[limit] == 429
    return {"limit_per_hour": limit, "statuses": statuses, "ok": ok}


def wait_tasks(ids: list[str], timeout: float = 900) -> list[Any]:
    from django_tasks_db.models import DBTaskResult

    deadline = time.time() + timeout
    while time.time() < deadline:
        rows = list(DBTaskResult.objects.filter(id__in=ids))
        if all(r.status in ("SUCCESSFUL", "FAILED") for r in rows) and len(rows) == len(ids):
            return rows
        time.sleep(1)
    raise RuntimeError(f"jobs not finished after {timeout} s: {ids}")


def check_imports(ports: tuple[int, ...], work: Path) -> dict[str, Any]:
    from django.core.files import File

    from cchc.accounts.models import User
    from cchc.dossiers.demo import run as demo_run
    from cchc.dossiers.jobs import import_dossier_file
    from cchc.dossiers.models import Dossier, ImportBatch

    office = User.objects.get(username="vanphong")
    before = Dossier.objects.count()
    batches, ids, rows = [], [], 0
    for year in (2021, 2022, 2023, 2024):
        path = work / f"import-{year}.json"
        rows += demo_run(300, seed=year, year=year, out=path).count
        batch = ImportBatch.objects.create(file_name=path.name, submitted_by=office)
        with path.open("rb") as fh:
            batch.file.save(path.name, File(fh), save=True)
        batches.append(batch.pk)
    for pk in [*batches, batches[0]]:  # the first file's job is delivered twice
        ids.append(str(import_dossier_file.enqueue(pk).id))
    done = wait_tasks(ids)
    answers = sorted(str(r.return_value) for r in done)
    workers = sorted({w for r in done for w in r.worker_ids})
    statuses = list(
        ImportBatch.objects.filter(pk__in=batches).values_list("status", "total_rows", "created_count")
    )
    grown = Dossier.objects.count() - before
    # On a ledger that already holds these files (a second run) the rows are updates, not creations.
    ok = (
        answers.count("already claimed") == 1
        and all(s == "done" for s, _, _ in statuses)
        and sum(t for _, t, _ in statuses) == rows
        and sum(c for _, _, c in statuses) == grown
        and all(len(r.worker_ids) == 1 for r in done)
    )
    return {
        "files": len(batches),
        "jobs": len(ids),
        "answers": answers,
        "workers": workers,
        "rows": rows,
        "dossiers_added": grown,
        "batches": statuses,
        "ok": ok,
    }


def check_reminders(ports: tuple[int, ...], work: Path) -> dict[str, Any]:
    from django.utils import timezone

    from cchc.deadlines.jobs import send_due_reminders
    from cchc.deadlines.models import ReminderSent
    from cchc.notify.models import Notification

    # A scratch ledger: every run starts the day's reminders afresh, so a second run sends them again.
    ReminderSent.objects.all().delete()
    Notification.objects.filter(object_type="deadlines.deadline").delete()
    sent_file = work / "mail" / "messages.jsonl"
    mails_before = len(sent_file.read_text(encoding="utf-8").splitlines()) if sent_file.exists() else 0
    ledger_before = ReminderSent.objects.count()
    since = timezone.now()
    ids = [str(send_due_reminders.enqueue().id) for _ in range(4)]
    done = wait_tasks(ids)
    lines = sent_file.read_text(encoding="utf-8").splitlines()[mails_before:] if sent_file.exists() else []
    mails = [json.loads(line) for line in lines]
    messages = [(m["to"], m["subject"], m["body"]) for m in mails]
    notes = Notification.objects.filter(created_at__gte=since, object_type="deadlines.deadline")
    sent = [int(r.return_value or 0) for r in done]
    ok = (
        sum(sent) > 0
        and len(messages) == len(set(messages)) == notes.count() == sum(sent)
        and notes.filter(status="sent").count() == notes.count()
        and ReminderSent.objects.count() > ledger_before
    )
    return {
        "jobs": len(ids),
        "workers": sorted({w for r in done for w in r.worker_ids}),
        "sent_per_job": sent,
        "messages_in_mail_files": len(messages),
        "distinct_messages": len(set(messages)),
        "sending_processes": len({m["pid"] for m in mails}),
        "notifications": notes.count(),
        "notifications_sent": notes.filter(status="sent").count(),
        "ledger_rows_added": ReminderSent.objects.count() - ledger_before,
        "ok": ok,
    }


# In the order they run. Reminders before imports: each import queues an early-warning recomputation,
# which at 5,000,000 dossiers would hold both workers for many minutes. What each writes to the ledger:
# lockout one account and its failed sign-ins; lookup_limit nothing (Redis only); reminders the day's
# reminders, their messages and the tracked deadlines; imports 1,200 dossiers.
CHECKS: dict[str, Callable[[tuple[int, ...], Path], dict[str, Any]]] = {
    "lockout": check_lockout,
    "lookup_limit": check_lookup_limit,
    "reminders": check_reminders,
    "imports": check_imports,
}
