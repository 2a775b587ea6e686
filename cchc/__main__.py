"""The ``cchc`` console command: Django's management commands with the project's settings."""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    # Commands are spelt with hyphens on the command line (`cchc load-demo`) and with underscores as
    # Python modules (load_demo.py).
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["cchc", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
