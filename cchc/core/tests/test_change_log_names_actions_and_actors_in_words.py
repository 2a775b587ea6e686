"""The change log shows each action in words (never its event code) and a row written by a command as
the demo data or the system (never the command line); the journals of the other pages show actor names
through the same filter."""

from __future__ import annotations

import lxml.html
import pytest
from django.template import Context, Template

from cchc.accounts.audit_events import AccountsEvents
from cchc.core.events import DEMO_ACTOR, SYSTEM_ACTOR, actor_display, record
from cchc.core.models import AuditEvent
from cchc.demo.audit_events import DemoEvents
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("cchc load-demo", DEMO_ACTOR),
        ("cchc demo", DEMO_ACTOR),
        ("cchc demo-dossiers", DEMO_ACTOR),
        ("load-demo", DEMO_ACTOR),
        ("load-demo (khảo sát)", DEMO_ACTOR),
        ("cchc early-warning", SYSTEM_ACTOR),
        ("cchc dossier-api-client", SYSTEM_ACTOR),
        ("cchc report-tthc", SYSTEM_ACTOR),
        ("cchc import-dossiers nam-2025.json", SYSTEM_ACTOR),
        ("Nguyễn Văn An", "Nguyễn Văn An"),
        ("Hộp thư phản ánh", "Hộp thư phản ánh"),
        ("", ""),
    ],
)
def test_a_stored_actor_name_reads_as_a_person_the_demo_or_the_system(stored, shown):
    assert actor_display(stored) == shown


def test_the_template_filter_is_the_same_function():
    out = Template("{% load audit %}{{ name|actor }}").render(Context({"name": "cchc demo-dossiers"}))
    assert out == DEMO_ACTOR


def test_the_change_log_shows_words_not_codes_nor_commands(client, world):
    record("cchc load-demo", DemoEvents.LOADED, object_type="demo", object_id="x", summary="Nạp")
    record("cchc early-warning", AccountsEvents.LOGIN, object_type="x", object_id="1", summary="Vào")
    record(world.users["leader"], AccountsEvents.LOGOUT, object_type="x", object_id="1", summary="Ra")
    AuditEvent.objects.create(verb="legacy.thing_removed", object_type="x", object_id="1", summary="Cũ")
    login_verified(client, world.users["leader"])
    doc = lxml.html.fromstring(client.get("/nhat-ky/").content)
    html = doc.xpath('//*[@data-testid="audit-table"]')[0].text_content()  # what a reader sees
    for words in (
        "Nạp dữ liệu trình diễn",
        "Đăng nhập",
        "Đăng xuất",
        "Thao tác khác",
        DEMO_ACTOR,
        SYSTEM_ACTOR,
    ):
        assert words in html, words
    for code in ("demo.loaded", "accounts.login", "accounts.logout", "legacy.thing_removed", "cchc "):
        assert code not in html, code
