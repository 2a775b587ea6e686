import datetime as dt

import pytest

from cchc.notify.channels import RecordingChannel


@pytest.fixture(autouse=True)
def _clean_outbox():
    RecordingChannel.reset()
    yield
    RecordingChannel.reset()


@pytest.fixture
def task_deadline(world):
    """A task for Phường 1, given by the Office, due Fri 30/9/2022."""
    from cchc.deadlines.actions import open_deadline

    unit = world.units["p1"]
    return open_deadline(
        world.users["office"],
        unit,
        title="Rà soát thủ tục hành chính cấp phường",
        jurisdiction=unit.jurisdiction,
        unit=unit,
        start=dt.date(2022, 8, 15),
        due=dt.date(2022, 9, 30),
        official=world.officials["ward_officer"],
        assigner_unit=world.units["vp"],
        url="/nhiem-vu/1/",
    )
