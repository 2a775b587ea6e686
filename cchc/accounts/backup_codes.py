"""Backup codes: generation, normalisation and digests (no database access).

A code is 10 digits shown as ``12345-67890``: digits only, so the phone's numeric keypad the sign-in
page already opens for the 6-digit authenticator code serves for it too, and a 10-digit entry cannot
be mistaken for a 6-digit one. 10 codes of 10 digits against a lockout of a few failures per quarter
hour leave an online guess no practical chance.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from django.conf import settings

COUNT = 10
DIGITS = 10
_SEPARATORS = re.compile(r"[\s\-–.]+")


def generate(count: int = COUNT) -> list[str]:
    codes: set[str] = set()
    while len(codes) < count:
        codes.add(f"{secrets.randbelow(10**DIGITS):0{DIGITS}d}")
    return sorted(codes)


def shown(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def normalise(typed: str) -> str | None:
    """The 10 digits of a typed code (spaces and hyphens ignored), or None if it is not one."""
    code = _SEPARATORS.sub("", typed or "")
    return code if re.fullmatch(rf"\d{{{DIGITS}}}", code) else None


def looks_like_backup_code(typed: str) -> bool:
    return normalise(typed) is not None


def digest(user_id: int, code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{user_id}:{code}".encode(), hashlib.sha256).hexdigest()
