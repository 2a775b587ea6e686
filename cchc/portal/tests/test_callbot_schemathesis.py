"""Schemathesis against the phone-bot answers (``/callbot/v1/``), in process: every response of every
operation matches its documented status codes and schemas, and none is a server error. Quick and
derandomised, like the push API's run (cchc/dossiers/tests/test_api_schemathesis.py)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.cache import cache
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from cchc.wsgi import application

# A schema-valid code that is not in the database is answered 404 (the same answer as a wrong phone), a
# blank one 422: documented answers to data the schema cannot judge. NUL is refused site-wide with 400
# (core.middleware) and exercised by the hostile-values test, so it is not generated here.
CONFIG = SchemathesisConfig.from_str(
    """
[generation]
allow-x00 = false

[[operations]]
include-path-regex = "/callbot/v1/"
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "404", "422", "429"]
"""
)
schema = schemathesis.openapi.from_wsgi("/callbot/v1/openapi.json", application, config=CONFIG)


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@override_settings(CCHC_LOOKUP_RATE_PER_HOUR=100000, CCHC_LOOKUP_WRONG_PAIR_PER_HOUR=100000)
def test_callbot_schemathesis_finds_no_failures(case):
    cache.clear()
    case.call_and_validate()
