"""The demo year of petitions, loaded twice (idempotent), and then every public page of it — the
published answers, the form, the figures, the tracking pages opened with code and phone, and every
Open311 GET — searched for the demo citizens' names, phones, ID numbers, e-mails and addresses."""

import datetime as dt
import re

import pytest
from django.conf import settings as django_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from cchc.feedback.models import Category, Channel, ClockKind, Petition, Status

pytestmark = pytest.mark.urls("cchc.feedback.tests.urls")

# Public routes and how this test covers them; a new public route fails the test until added here.
COVERED = {
    "published": "list pages, unfiltered and per category",
    "published_detail": "every published petition",
    "submit": "the empty form",
    "submitted": "after a real submission",
    "track": "the look-up form",
    "track_detail": "opened with code and phone",
    "track_rate": "POST only (redirects)",
    "track_reopen": "POST only (redirects)",
    "track_supplement": "POST only (redirects)",
    "figures": "this year and the demo year",
}


def public_routes():
    found = set()

    def walk(patterns, namespaces):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, [*namespaces, p.namespace] if p.namespace else namespaces)
            elif isinstance(p, URLPattern) and namespaces and namespaces[-1] == "feedback_public":
                found.add(p.name)

    walk(get_resolver(django_settings.ROOT_URLCONF).url_patterns, [])
    return found


def personal_strings(petitions):
    out = set()
    for p in petitions:
        words = p.citizen_name.split()
        if not p.citizen_name.startswith("Cử tri"):
            out.add(p.citizen_name)
            if len(words) >= 3:
                out.add(" ".join(words[1:]))
        for value in (p.citizen_email, p.citizen_address, p.citizen_id_number):
            if value:
                out.add(value)
        if p.citizen_phone:
            phone = p.citizen_phone
            out |= {
                phone,
                phone[-7:],
                f"{phone[:4]} {phone[4:7]} {phone[7:]}",
                f"{phone[:4]}.{phone[4:7]}.{phone[7:]}",
            }
        if p.citizen_id_number:
            out.add(p.citizen_id_number[-6:])
    return {s for s in out if len(s) >= 5}


def test_the_demo_year_loads_once_and_no_public_page_shows_personal_data(client, db, settings):
    from cchc.accounts.demo import load_accounts
    from cchc.feedback.demo import load_feedback_demo
    from cchc.org.demo import load_org

    load_accounts(load_org())
    summary = load_feedback_demo()
    assert "phản ánh trong 12 tháng qua" in summary
    assert load_feedback_demo().startswith("đã có")

    demo = Petition.objects.filter(is_demo=True)
    # A year on every channel, the Front's batches, late answers, dissatisfaction, the ND 59 procedure.
    assert set(demo.values_list("channel", flat=True)) == set(Channel.values)
    assert demo.filter(meeting__isnull=False).values("meeting").distinct().count() >= 5
    assert demo.filter(handled_on_time=False).count() >= 10
    assert demo.filter(satisfied=False).count() >= 10
    assert demo.filter(reopened_at__isnull=False).exists()
    assert demo.filter(duplicate_of__isnull=False).exists()
    assert demo.filter(status=Status.REDIRECTED).exists()
    assert demo.filter(clocks__kind=ClockKind.ANSWER, clocks__deadline__pauses__isnull=False).exists()
    assert demo.filter(
        clocks__kind=ClockKind.ANSWER, clocks__deadline__extensions__status="approved"
    ).exists()
    assert demo.filter(status__in=[Status.RECEIVED, Status.PROCESSING, Status.AWAITING_INFO]).exists()
    from cchc.core import demo_clock

    received = {timezone.localtime(p.received_at).date() for p in demo}
    assert min(received) >= demo_clock.year_start() and max(received) < demo_clock.today()

    assert public_routes() == set(COVERED), sorted(public_routes() ^ set(COVERED))
    pages: dict[str, str] = {}

    def get(name, url, **params):
        response = client.get(url, params)
        assert response.status_code == 200, (name, response.status_code)
        pages[name] = response.content.decode()

    published = list(demo.filter(published_at__isnull=False).exclude(kind__in=["complaint", "denunciation"]))
    assert len(published) >= 100
    for n in range(1, 20):
        get(f"published page {n}", reverse("feedback_public:published"), trang=n)
    for c in Category.objects.all():
        get(f"published {c.code}", reverse("feedback_public:published"), linh_vuc=c.pk)
    for p in published:
        get(f"published {p.code}", reverse("feedback_public:published_detail", args=[p.code]))
    get("form", reverse("feedback_public:submit"))
    get("track form", reverse("feedback_public:track"))
    get("figures", reverse("feedback_public:figures"))
    get("figures this year", reverse("feedback_public:figures"), nam=demo_clock.demo_year())
    assert "UBND Phường 1" in pages["figures this year"]

    settings.CCHC_FEEDBACK_RATE_LIMITS = False  # dozens of look-ups from one test client
    for p in list(demo.exclude(citizen_phone=""))[::6]:
        response = client.post(reverse("feedback_public:track"), {"code": p.code, "contact": p.citizen_phone})
        assert response.status_code == 302, p.code
        get(f"track {p.code}", response["Location"])

    form = pages["form"]
    category = re.search(r'<option value="(\d+)"[^>]*>Trật tự đô thị', form).group(1)
    ward = re.search(r'<option value="(\d+)"[^>]*>Phường 1<', form).group(1)
    submitted = client.post(
        reverse("feedback_public:submit"),
        {
            "kind": "feedback",
            "category": category,
            "ward": ward,
            "text": "Rác thải trước cổng chợ chưa được thu gom.",
            "citizen_name": "Lý Thị Ánh",
            "citizen_phone": "0900000000",
            "citizen_address": "1 Ba Cu",
            "reply_via": "sms",
        },
    )
    assert submitted.status_code == 302
    get("submitted", submitted["Location"])

    get("open311 discovery", "/open311/v2/discovery.json")
    for fmt in ("xml", "json"):
        get(f"open311 services.{fmt}", f"/open311/v2/services.{fmt}")
        for c in Category.objects.all():
            get(f"open311 {c.code}.{fmt}", f"/open311/v2/services/{c.code}.{fmt}")
        start = demo_clock.year_start()
        while start <= demo_clock.today():
            end = start + dt.timedelta(days=89)
            get(
                f"open311 requests {start}.{fmt}",
                f"/open311/v2/requests.{fmt}",
                start_date=f"{start}T00:00:00+07:00",
                end_date=f"{end}T23:59:59+07:00",
            )
            start = end + dt.timedelta(days=1)
        for p in demo.exclude(kind__in=["complaint", "denunciation"]):
            get(f"open311 {p.code}.{fmt}", f"/open311/v2/requests/{p.code}.{fmt}")
    assert any("<request>" in html for name, html in pages.items() if name.startswith("open311 requests"))

    needles = personal_strings(demo)
    assert len(needles) > 500
    joined = "\n\u0000\n".join(f"@@{name}@@\n{html}" for name, html in pages.items())
    for needle in needles:
        if needle in joined:
            where = next(name for name, html in pages.items() if needle in html)
            pytest.fail(f"{needle!r} appears on the public page {where}")
    # A page that shows nothing proves nothing: the published answers and the tracked texts are there.
    assert sum("Trả lời của" in html for html in pages.values()) >= 100
    assert sum("Quá trình xử lý" in html for name, html in pages.items() if name.startswith("track ")) >= 20
