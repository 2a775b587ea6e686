"""Runs every ``bench/bench_*.py`` module's ``main()`` in turn and prints its figures."""

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> int:
    here = Path(__file__).parent
    only = set(sys.argv[1:])
    for info in sorted(pkgutil.iter_modules([str(here)]), key=lambda m: m.name):
        if not info.name.startswith("bench_") or (only and info.name not in only):
            continue
        print(f"== {info.name} ==", flush=True)
        module = importlib.import_module(f"bench.{info.name}")
        module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
