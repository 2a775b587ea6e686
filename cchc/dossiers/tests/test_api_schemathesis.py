"""Schemathesis against the push API, in process: every response of every operation must
match the documented status codes and schemas, with and without a valid token.

Find it with ``pytest -k schemathesis``. Kept quick (a few seconds per operation): small
``max_examples``, no deadline, derandomised so a failure reproduces.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from cchc.dossiers.actions import upsert_dossiers
from cchc.dossiers.actions.api_clients import issue_client
from cchc.dossiers.api_schemas import EXAMPLE_DOSSIER
from cchc.dossiers.demo import load_catalogue
from cchc.dossiers.records import parse_record
from cchc.org.demo import load_org
from cchc.wsgi import application


@pytest.fixture
def bearer():
    """A token of the demo city, whose catalogue and example dossier make the schema's examples succeed
    (the examples phase then exercises the 200 responses too)."""
    load_org()
    load_catalogue()
    example, errors = parse_record(1, EXAMPLE_DOSSIER)
    assert example is not None, errors
    upsert_dossiers([example], actor="test", source="test")
    return {"Authorization": f"Bearer {issue_client('Một cửa điện tử thành phố', '747').token}"}


URLS = "cchc.dossiers.tests.api_urls"
pytestmark = pytest.mark.urls(URLS)

# Loaded at collection, with the API mounted (pytest.mark.urls is only active inside the test);
# schemathesis.pytest.from_fixture would be the lazy way, but it breaks on pytest 9 (node._nodeid).
# The write operations answer 422 to schema-valid data the schema cannot judge: a procedure or unit
# code that is not in the catalogue, an impossible date such as 30/02, instants out of order. That is
# schemathesis's documented tuning for ST202 ("an unknown id or a cross-field rule"); every other check,
# and the look-up's positive-data check, stay at their defaults.
# NUL bytes are refused by the whole site with a documented 400 (core.middleware), although the schema's
# strings allow them; they are exercised by test_api_schemathesis_with_nul_and_odd_unicode, so this
# positive-data run does not generate them in strings. Free-form JSON (extra keys inside a record, which
# the schema allows) may still carry one: for the write operations a 400 is then the expected answer.
CONFIG = SchemathesisConfig.from_str(
    """
[generation]
allow-x00 = false

[[operations]]
include-method = "POST"
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "401", "403", "404", "409", "422"]
"""
)

with override_settings(ROOT_URLCONF=URLS):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application, config=CONFIG)


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_schemathesis_finds_no_failures(case, bearer):
    case.call_and_validate(headers=bearer)
