"""Schemathesis against the operations-centre feed (``/ioc/v1/``), in process: every answer of every
operation, with and without a valid key, matches its documented statuses and schemas; none is a server
error. Quick and derandomised, like the push API's run."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.cache import cache
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from cchc.dossiers.tests.factories import add_facts, build_ledger
from cchc.feedback.actions.citizen import create_key
from cchc.feedback.models import KeyPurpose
from cchc.wsgi import application

# Schema-valid dates the schema cannot judge are refused with a documented 400 (the end before the
# start, a period over 366 days, a date outside the plausible window); a unit code not in the key's
# area is a documented 404. NUL is refused site-wide with 400 (core.middleware) and exercised by the
# hostile-values test, so it is not generated here.
CONFIG = SchemathesisConfig.from_str(
    """
[generation]
allow-x00 = false

[[operations]]
include-path-regex = "/ioc/v1/"
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "404"]
"""
)
schema = schemathesis.openapi.from_wsgi("/ioc/v1/openapi.json", application, config=CONFIG)


@pytest.fixture
def bearer(world):
    built = build_ledger(world)
    add_facts(built.all)
    _, raw = create_key("test", name="IOC", jurisdiction=world.jurisdictions["city"], purpose=KeyPurpose.IOC)
    return {"Authorization": f"Bearer {raw}"}


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@override_settings(CCHC_IOC_RATE_PER_KEY_HOUR=100000)
def test_ioc_schemathesis_finds_no_failures(case, bearer):
    cache.clear()
    case.call_and_validate(headers=bearer)
