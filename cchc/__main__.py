"""The ``cchc`` console command: Django's management commands with the project's settings, and the pure
commands of ``cchc.lib.commands`` (no Django, no environment needed)."""

import importlib
import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from cchc.lib.commands import PURE_COMMANDS

    if args and args[0] in PURE_COMMANDS:
        module = importlib.import_module(PURE_COMMANDS[args[0]][0])
        return int(module.main(args[1:]))

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    from django.core.management import execute_from_command_line

    # Commands are spelt with hyphens on the command line (`cchc load-demo`) and with underscores as
    # Python modules (load_demo.py).
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["cchc", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
