"""The Vũng Tàu demo — the twelve months up to the day it is loaded — by `cchc load-demo` (idempotent)."""
