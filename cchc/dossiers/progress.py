"""A throttled progress line on stderr for the import commands (a bar on a terminal, stage lines in a log)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from cchc.dossiers.importing import STAGE_LABELS


class ProgressLine:
    def __init__(self, stream: TextIO | None = None, every: float = 0.5) -> None:
        self.stream = stream or sys.stderr
        self.every = every
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.last = 0.0
        self.stage = ""
        self.started = time.monotonic()

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        new_stage = stage != self.stage
        if not new_stage and now - self.last < self.every:
            return
        self.last = now
        self.stage = stage
        label = STAGE_LABELS.get(stage, stage)
        elapsed = now - self.started
        if self.tty:
            if total:
                width = 30
                filled = int(width * min(done, total) / total) if total else 0
                bar = "█" * filled + "░" * (width - filled)
                text = f"\r{bar} {done:,}/{total:,} {label} ({elapsed:.0f} s)"
            else:
                text = f"\r{done:,} dòng — {label} ({elapsed:.0f} s)"
            self.stream.write(text.ljust(100))
        elif new_stage:
            self.stream.write(f"[{elapsed:6.1f} s] {label} {done:,}\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty and self.stage:
            self.stream.write("\n")
            self.stream.flush()
