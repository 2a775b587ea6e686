"""What the ``cchc`` command line tells a newcomer: the project's commands in groups, one line each
(``cchc``, ``cchc help``, ``cchc --help``), and, when a command needs the database but nothing says how
to run it (no ``SECRET_KEY``, not a demo), one Vietnamese line saying what to set — instead of Django's
traceback.

Kept apart from ``__main__`` so the groups can be tested: every command of the project's apps must
appear in exactly one group.
"""

from __future__ import annotations

import os
import secrets
from typing import Final

# Commands that only read files and print: they sign nothing (no session, token or link), so when no
# SECRET_KEY is set they run with one made up for this process — a newcomer needs no environment.
FILE_COMMANDS: Final = frozenset({"workdays", "dossier-outcomes", "read-directive", "survey-index"})

GROUPS: Final[list[tuple[str, list[str]]]] = [
    (
        "Tính trên tệp (không cần cấu hình, không cần cơ sở dữ liệu)",
        ["workdays", "dossier-outcomes", "report-tthc", "index-766", "read-directive", "survey-index"],
    ),
    ("Dữ liệu trình diễn", ["load-demo", "demo-logins", "demo-dossiers"]),
    (
        "Nhập và kiểm tra dữ liệu",
        [
            "import-org",
            "import-procedures",
            "import-dossiers",
            "load-workdays",
            "check-dates",
            "load-index-set",
            "import-published-results",
        ],
    ),
    ("Số liệu", ["dossier-stats", "feedback-stats", "rebuild-facts", "early-warning-backtest"]),
    (
        "Việc định kỳ và chạy nền",
        [
            "send-reminders",
            "spawn-occurrences",
            "early-warning",
            "feedback-daily",
            "poll-feedback-mail",
            "db_worker",
        ],
    ),
    ("Truy cập của hệ thống khác", ["dossier-api-client", "open311-key"]),
    ("Sao lưu và khôi phục", ["backup", "restore"]),
]

# Django's own commands a deployment uses (README, "Triển khai"); the rest are listed by `cchc help --django`.
DJANGO_COMMON: Final = ["migrate", "createsuperuser", "collectstatic", "check", "runserver", "shell"]

NO_SECRET_KEY: Final = (
    "Lệnh này dùng cơ sở dữ liệu nên cần cấu hình: đặt biến môi trường SECRET_KEY (máy chủ thật) "
    "hoặc CCHC_DEMO=1 (bản trình diễn của make demo), ví dụ: CCHC_DEMO=1 .venv/bin/cchc {command}"
)


def lend_secret_key() -> None:
    """For commands that sign nothing (file commands, help): a key made up for this process."""
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))


# Commands of other packages, whose own help is in English.
OTHER_SUMMARIES: Final = {
    "db_worker": "Tiến trình chạy việc nền: gửi tin nhắn, nhập tệp lớn, các lệnh chạy với --enqueue",
}


def cli_name(name: str) -> str:
    """A command's name as the help lists it: dashes, except the worker, which keeps its package's name
    (the project's ``db_worker`` only wraps django-tasks-db's to reap dead jobs first)."""
    return name if name in OTHER_SUMMARIES else name.replace("_", "-")


def first_sentence(text: str) -> str:
    return " ".join(text.split()).split(". ", 1)[0].rstrip(".")


def summaries() -> dict[str, str]:
    """One line per project command, by its name on the command line (Django must be set up)."""
    from django.core.management import get_commands, load_command_class

    from cchc.lib.commands import PURE_COMMANDS

    lines = {name: first_sentence(summary) for name, (_, summary) in PURE_COMMANDS.items()}
    for name, app in get_commands().items():
        if app.startswith("cchc."):
            lines[cli_name(name)] = first_sentence(str(load_command_class(app, name).help))
    return {**lines, **OTHER_SUMMARIES}


def help_text() -> str:
    lines = summaries()
    width = max(len(name) for name in lines) + 2
    out = ["Cách dùng: cchc LỆNH [tham số]   (cchc LỆNH --help: tham số của một lệnh)", ""]
    for title, names in GROUPS:
        out.append(f"{title}:")
        out.extend(f"  {name.ljust(width)}{lines[name]}" for name in names if name in lines)
        out.append("")
    out.append("Lệnh Django hay dùng khi triển khai: " + ", ".join(DJANGO_COMMON))
    out.append("Mọi lệnh Django: cchc help --django")
    return "\n".join(out)
