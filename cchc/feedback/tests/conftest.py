import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from cchc.notify.channels import RecordingChannel


@pytest.fixture(autouse=True)
def _clean(settings, tmp_path):
    RecordingChannel.reset()
    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CCHC_FEEDBACK_MIN_FILL_SECONDS = 0
    yield
    RecordingChannel.reset()


@pytest.fixture
def city(world):
    return world.jurisdictions["city"]


@pytest.fixture
def categories(world):
    from cchc.feedback.models import Category

    city = world.jurisdictions["city"]
    return {
        "DT": Category.objects.create(
            jurisdiction=city, code="DT", name="Trật tự đô thị", route_to_ward=True, group="Đô thị", order=1
        ),
        "CB": Category.objects.create(
            jurisdiction=city,
            code="CB",
            name="Thái độ cán bộ",
            unit=world.units["nv"],
            group="Công vụ",
            order=2,
        ),
        "KHAC": Category.objects.create(jurisdiction=city, code="KHAC", name="Khác", order=9),
    }


def local(y, m, d, hh=9, mm=0):
    return timezone.make_aware(dt.datetime(y, m, d, hh, mm))


@pytest.fixture
def file_petition(world, categories):
    """Receive a petition with sensible defaults: ``file_petition(kind=..., at=..., **overrides)``."""
    from cchc.feedback.actions.intake import Intake, receive

    def make(**kw):
        actor = kw.pop("actor", "Người gửi")
        data = dict(
            jurisdiction=world.jurisdictions["city"],
            kind="feedback",
            channel="web",
            category=categories[kw.pop("category", "DT")],
            ward=world.jurisdictions["p1"],
            text="Vỉa hè trước chợ Phường 1 bị lấn chiếm để bán hàng, người đi bộ phải xuống lòng đường.",
            citizen_name="Phạm Thị Hồng Nhung",
            citizen_phone="0912 345 678",
            citizen_address="12 Lê Lợi, Phường 1",
            received_at=local(2022, 6, 6),
        )
        if "at" in kw:
            data["received_at"] = kw.pop("at")
        data.update(kw)
        return receive(actor, Intake(**data))

    return make
