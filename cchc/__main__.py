"""The ``cchc`` console command: Django's management commands with the project's settings, and the pure
commands of ``cchc.lib.commands`` (no Django, no environment needed).

A newcomer's first commands must not end in a traceback: ``cchc``/``cchc --help`` lists the project's
commands (cchc.cli), the file commands run with no environment, and a command that needs the database
when no secret key is configured says in one line what to set and exits with status 2.
"""

import importlib
import os
import sys

HELP = {"help", "--help", "-h"}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from cchc.lib.commands import PURE_COMMANDS

    if args and args[0] in PURE_COMMANDS:
        module = importlib.import_module(PURE_COMMANDS[args[0]][0])
        return int(module.main(args[1:]))

    from cchc import cli

    name = args[0] if args else "help"
    project_help = name in HELP and len(args) <= 1
    if name in cli.FILE_COMMANDS or name in HELP:
        cli.lend_secret_key()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        import django

        django.setup()
    except ImproperlyConfigured as exc:
        if "SECRET_KEY" in str(exc):
            sys.stderr.write(cli.NO_SECRET_KEY.format(command=" ".join(args)) + "\n")
        else:
            sys.stderr.write(f"Cấu hình chưa đúng: {exc}\n")
        return 2
    if project_help:
        sys.stdout.write(cli.help_text() + "\n")
        return 0
    if name in HELP and args[1:] == ["--django"]:
        args = ["help"]

    from django.core.management import execute_from_command_line

    # Commands are spelt with hyphens on the command line (`cchc load-demo`) and with underscores as
    # Python modules (load_demo.py).
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    if len(args) > 1 and args[0] == "help":
        args[1] = args[1].replace("-", "_")
    execute_from_command_line(["cchc", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
