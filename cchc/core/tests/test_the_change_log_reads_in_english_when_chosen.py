"""The change log with English chosen: the kinds of action (the filter's groups and options, each row's
action) read in English; who did it and the summaries stay Vietnamese records, marked ``lang="vi"``."""

import pytest

from cchc.accounts.audit_events import AccountsEvents
from cchc.core.events import record
from cchc.demo.audit_events import DemoEvents
from cchc.testing.english import choose_english, vietnamese_shown
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db


def test_the_change_log_reads_in_english(client, world):
    record("cchc load-demo", DemoEvents.LOADED, object_type="demo", object_id="x", summary="Nạp")
    record(world.users["leader"], AccountsEvents.LOGOUT, object_type="x", object_id="1", summary="Ra")
    login_verified(client, world.users["leader"])
    choose_english(client)
    page = client.get("/nhat-ky/").content.decode()
    assert '<html lang="en">' in page
    assert "Load the demo data" in page
    assert not vietnamese_shown(page), vietnamese_shown(page)
