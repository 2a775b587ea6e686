"""Fixtures of the survey tests: the sipas-2017 questionnaire imported, an open campaign over the two
wards of the personas' city, returned dossiers with their slips' tokens, and helpers to answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone

URLS = "cchc.surveys.tests.urls"


@pytest.fixture(autouse=True)
def _clean_cache(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def version(world):
    from cchc.surveys.actions import import_shipped

    v, _ = import_shipped(world.users["secretariat"], "sipas-2017")
    return v


def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def campaign(world, version):
    """Open now, over UBND Phường 1 and UBND Phường 2, targets from the sample practice (200 each)."""
    from cchc.surveys import actions

    c = actions.create_campaign(
        world.users["secretariat"],
        name="Khảo sát năm nay",
        questionnaire=version,
        starts_on=today() - dt.timedelta(days=60),
        ends_on=today() + dt.timedelta(days=300),
        units=[world.units["p1"], world.units["p2"]],
    )
    return actions.open_campaign(world.users["secretariat"], c)


def make_dossier(world: Any, code: str, **kw: Any) -> Any:
    """A returned dossier of Phường 1 handled by its officer after the one-stop officer received it."""
    from cchc.dossiers.tests.factories import StepSpec, at, dossier

    received = kw.pop("received", at(2022, 6, 1, 8))
    steps = kw.pop(
        "steps",
        [
            StepSpec(
                "p1_mc",
                "one_stop",
                received,
                received + dt.timedelta(hours=1),
                received + dt.timedelta(days=1),
            ),
            StepSpec(
                "p1",
                "ward_officer",
                received + dt.timedelta(hours=1),
                received + dt.timedelta(days=2),
                received + dt.timedelta(days=3),
            ),
        ],
    )
    return dossier(
        world,
        code,
        received=received,
        end=kw.pop("end", received + dt.timedelta(days=2)),
        returned_at=kw.pop("returned_at", received + dt.timedelta(days=3)),
        steps=steps,
        **kw,
    )


@pytest.fixture
def returned(world):
    return make_dossier(world, "000.00.26.H01-220601-0001")


@pytest.fixture
def token(returned):
    from cchc.surveys.collection import token_for

    return token_for(returned)


def all_items(version: Any) -> list[str]:
    return [item.code for item in version.questionnaire.items]


def form_data(version: Any, answers: dict[str, int] | None = None, **extra: Any) -> dict[str, Any]:
    """What the public form posts: every item answered ``answers`` (default 4), plus extras."""
    data: dict[str, Any] = {}
    for code in all_items(version):
        value = (answers or {}).get(code, 4)
        if value:
            data[f"q_{code}"] = str(value)
    data.update({k: str(v) for k, v in extra.items()})
    return data


def store(
    campaign: Any, unit: Any, rows: list[dict[str, int]], *, when: dt.datetime | None = None
) -> list[Any]:
    """Responses written directly (for result tests): one per dict of answers."""
    from cchc.surveys.models import Response

    when = when or timezone.now()
    return [
        Response.objects.create(
            campaign=campaign,
            unit=unit,
            channel="kiosk",
            submitted_at=when,
            answers=answers,
            duration_seconds=200,
        )
        for answers in rows
    ]
