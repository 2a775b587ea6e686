"""A lone UTF-16 surrogate in JSON, found on the way to the parser: ``record_stream`` reads
``{"data": [...]}`` and list files through ``HalfPairGuard``."""

from __future__ import annotations

import io
import re
from typing import IO, Any, Final

import numpy as np

# The UTF-8-style bytes of a UTF-16 surrogate (never valid UTF-8); the third hex digit of its escape.
_SURROGATE_BYTES: Final = re.compile(rb"\xed[\xa0-\xbf]")
_HIGH_DIGIT: Final = np.array([chr(b) in "89abcdefABCDEF" for b in range(256)])
_PAIR: Final = re.compile(rb"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}")
_HOLD: Final = 12  # the bytes of a pair of escapes: held back until the next piece shows how it goes on


class HalfPairGuard(io.RawIOBase):
    """A reader that finds a lone UTF-16 surrogate in the JSON passing through it. ijson's C backend
    reads the escape of a lone high half (\\ud800) as "?" — the value changes without a word — and
    fails with a bare ``UnicodeDecodeError`` on a lone low half or on a surrogate's bytes. A lone escape
    is spoilt here (``\\u`` becomes ``\\!``) so the parser stops inside the very record that holds it,
    and ``found`` tells the caller why. A pair of escapes (\\ud83d\\ude00) is one character and passes
    untouched; so does an escaped backslash followed by "ud800" (text, not an escape). Most pieces hold
    no backslash before "ud8"–"udf": one vectorised pass each."""

    def __init__(self, fh: IO[bytes], chunk: int) -> None:
        self._fh = fh
        self._chunk = chunk  # what a read without a size asks of ``fh``
        self._held = b""
        self._odd = False  # what went out ended in an odd run of backslashes (the next byte is escaped)
        self._at = 0  # where in the file what is held (``_held``) starts
        self._lows: set[int] = set()  # where in the file the low halves of pairs already seen start
        self._end = False
        self.found = False
        self.nul = False  # an escaped NUL (\\u0000) was found and spoilt the same way

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson's first call, to see whether the file gives bytes or text
            return b""
        want = self._chunk if size is None or size < 0 else size
        data = self._held
        while True:
            raw = b"" if self._end else self._fh.read(want)
            data += raw
            if not raw:
                self._end = True
                cut = min(want, len(data))
                break
            if len(data) > _HOLD:
                cut = len(data) - _HOLD
                break
        if cut:
            data = self._check(data, cut)
        out, self._held = data[:cut], data[cut:]
        return out

    def readinto(self, buffer: Any) -> int:  # pragma: no cover - ijson calls read()
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def _check(self, data: bytes, cut: int) -> bytes:
        """``data`` with the first lone surrogate escape that starts before ``cut`` (what goes out now)
        spoilt; what follows ``cut`` shows how an escape near it goes on."""
        odd_before, at = self._odd, self._at
        self._at += cut
        j = cut
        while j and data[j - 1] == 0x5C:
            j -= 1
        self._odd = bool((cut - j + (odd_before if j == 0 else 0)) % 2)
        if data.find(b"\xed", 0, cut) >= 0 and _SURROGATE_BYTES.search(data, 0, cut + 1):
            self.found = True  # ijson fails on these bytes by itself, in the record that holds them
        view = np.frombuffer(data, dtype=np.uint8)
        end = min(cut, len(data) - 5)
        if end <= 0:
            return data
        # Backslashes at memory speed (a byte search for "\\ud" is slower than this), then "ud8"–"udf"
        # or "u0000" (a NUL, which PostgreSQL cannot keep in a text).
        at_u = np.flatnonzero(view[:end] == 0x5C)
        at_u = at_u[view[at_u + 1] == 0x75]
        half = ((view[at_u + 2] | 0x20) == 0x64) & _HIGH_DIGIT[view[at_u + 3]]
        nul = (view[at_u + 2] == 0x30) & (view[at_u + 3] == 0x30) & (view[at_u + 4] == 0x30)
        nul &= view[at_u + 5] == 0x30
        for p in at_u[half | nul].tolist():
            i = p
            while i and data[i - 1] == 0x5C:
                i -= 1
            if (p - i + (odd_before if i == 0 else 0)) % 2:
                continue  # an escaped backslash, then the letters "ud8…": text
            if data[p + 2] == 0x30:
                self.nul = True
                return data[: p + 1] + b"!" + data[p + 2 :]
            if at + p in self._lows:
                self._lows.discard(at + p)
                continue
            if _PAIR.match(data, p):
                self._lows.add(at + p + 6)
                continue
            self.found = True
            return data[: p + 1] + b"!" + data[p + 2 :]
        return data
