"""Fixtures of the emulation tests: the directive the overdue tasks hang on (shared with directives)."""

from cchc.directives.tests.conftest import directive  # noqa: F401
