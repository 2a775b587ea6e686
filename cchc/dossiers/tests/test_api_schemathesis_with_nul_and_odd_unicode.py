"""Schemathesis against the push API with hostile strings: every string it generates, in bodies and
queries, gets a NUL byte or odd Unicode (right-to-left override, combining mark, astral letter, BOM,
zero-width space) appended. Every answer must still match the documented statuses and schemas: a NUL
is a documented 400, never a 500."""

from __future__ import annotations

import pytest
import schemathesis
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from cchc.dossiers.tests.test_api_schemathesis import URLS, bearer  # noqa: F401  (fixture)
from cchc.wsgi import application

pytestmark = pytest.mark.urls(URLS)
ODD = ["\x00", "\u202e\u0301𝕏\ufeff\u200b"]
# The schema allows any string, so a NUL makes a "schema-valid" request that the API refuses on purpose
# (a documented 400): the check that schema-valid data is accepted does not apply to these cases.
# Every other check — no server error, documented status, response schema — does.
CONFIG = SchemathesisConfig.from_str(
    """
[checks]
positive_data_acceptance.enabled = false
"""
)

with override_settings(ROOT_URLCONF=URLS):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application, config=CONFIG)


def spoil(value, depth=0):
    if isinstance(value, str):
        return value + ODD[len(value) % 2]
    if isinstance(value, list):
        return [spoil(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {k: spoil(v, depth + 1) for k, v in value.items()}
    return value


@schema.hook
def map_body(ctx, body):
    return spoil(body)


@schema.hook
def map_query(ctx, query):
    return spoil(query)


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_answers_hostile_strings_without_server_errors(case, bearer):  # noqa: F811
    case.call_and_validate(headers=bearer)
