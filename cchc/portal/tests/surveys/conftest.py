"""The public survey pages are tested with the surveys app's own fixtures."""

from cchc.surveys.tests.conftest import _clean_cache, campaign, returned, token, version  # noqa: F401
