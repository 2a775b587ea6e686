"""A demo loaded on one day and loaded again later keeps its first day (so the second run repeats the
first and adds nothing), says so, and tells how to get a demo dated from today; progress is printed."""

import io

from django.core.management import call_command

from cchc.core import demo_clock
from cchc.core.models import AuditEvent


def test_a_second_run_on_a_later_day_keeps_the_first_day_and_says_so(db, monkeypatch):
    monkeypatch.delenv(demo_clock.NOW_ENV, raising=False)
    monkeypatch.setenv(demo_clock.ENV, "2026-11-02")
    first = io.StringIO()
    call_command("load_demo", "--only", "org", stdout=first)
    assert "Dữ liệu trình diễn từ 01/11/2025 đến 02/11/2026" in first.getvalue()
    assert "[1/" in first.getvalue() and "✓ Tổ chức bộ máy và tài khoản" in first.getvalue()

    monkeypatch.setenv(demo_clock.ENV, "2026-12-06")
    second = io.StringIO()
    call_command("load_demo", "--only", "org", stdout=second)
    said = second.getvalue()
    assert "đã được nạp cho ngày 02/11/2026: giữ nguyên ngày đó" in said and "make demo-fresh" in said
    days = [e.data["today"] for e in AuditEvent.objects.filter(verb="demo.loaded").order_by("id")]
    assert days == ["2026-11-02", "2026-11-02"]
