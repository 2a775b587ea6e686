"""Fixtures of the training tests: a course on online public services in the personas' city, one class
of it held yesterday, and the recording outbox emptied around each test."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cchc.notify.channels import RecordingChannel

URLS = "cchc.urls"


@pytest.fixture(autouse=True)
def _media_and_outbox(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    RecordingChannel.reset()
    yield
    RecordingChannel.reset()


def topic(code: str) -> Any:
    from cchc.training.models import Topic

    return Topic.objects.get(code=code)


def make_course(world: Any, code: str = "dich-vu-cong-truc-tuyen", **kw: Any) -> Any:
    from cchc.training.actions import create_course

    today = dt.date.today()
    return create_course(
        world.users["secretariat"],
        world.jurisdictions["city"],
        topic=topic(code),
        title=kw.pop("title", "Bồi dưỡng dịch vụ công trực tuyến cho Bộ phận một cửa"),
        audience=kw.pop("audience", "Công chức Bộ phận một cửa các phường"),
        organiser=world.units["nv"],
        trainer=kw.pop("trainer", "Trung tâm Phục vụ hành chính công tỉnh"),
        start_date=kw.pop("start_date", today - dt.timedelta(days=10)),
        end_date=kw.pop("end_date", today + dt.timedelta(days=30)),
    )


def make_class(world: Any, course: Any, days_from_today: int = -1, **kw: Any) -> Any:
    from cchc.training.actions import schedule_class

    day = dt.date.today() + dt.timedelta(days=days_from_today)
    return schedule_class(
        world.users["secretariat"],
        course,
        name=kw.pop("name", "Lớp 1"),
        start_date=day,
        end_date=day,
        place=kw.pop("place", "Hội trường UBND thành phố"),
        **kw,
    )


@pytest.fixture
def course(world):
    return make_course(world)


@pytest.fixture
def held_class(world, course):
    return make_class(world, course, -1)
