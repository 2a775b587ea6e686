"""Run a command and write the CPU seconds (user + system) of everything it started to a file.

``.ci/run`` uses it for each job's CPU figure. Bash's ``times`` counted only processes their parents
waited for; Chromium's renderer, GPU and utility processes are left to init when a browser closes, so
about half of the browser tests' CPU was missing (docs/testing.md). Here this process is made the
"child subreaper" (Linux ``PR_SET_CHILD_SUBREAPER``): orphans of the command are re-parented to it and
reaped by it, so their CPU is counted too.

    python .ci/cpu_seconds.py OUTFILE COMMAND [ARG...]   # exit status: the command's
"""

from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36
ORPHANS_GRACE = 60  # seconds to wait for orphans after the command; one still running then is left alone


def main(out: str, command: list[str]) -> int:
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    status = subprocess.call(command)
    # Reap the orphans still running or left as zombies (a closed browser's last processes).
    deadline = time.monotonic() + ORPHANS_GRACE
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            time.sleep(0.1)
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(f"{used.ru_utime + used.ru_stime:.1f}\n")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
