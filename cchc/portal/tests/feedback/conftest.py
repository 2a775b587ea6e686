"""The public pages of citizen voice are tested with the feedback app's own fixtures."""

from cchc.feedback.tests.conftest import _clean, categories, city, file_petition  # noqa: F401
