"""No personal data leaves through the operations-centre feed or the phone answers: on the demo, every
IOC operation (month and year) and the phone answer for every demo dossier (asked with its own phone, so
the answer is found and full) and every procedure is searched for every applicant's and petitioner's
name, phone (as digits and as the bot would speak it), ID number, e-mail and address."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.cache import cache
from django.utils import timezone

from cchc.dossiers.models import Dossier, Procedure
from cchc.feedback.actions.citizen import create_key
from cchc.feedback.models import KeyPurpose, Petition
from cchc.lib.vnspeech import digits_words
from cchc.org.models import Jurisdiction

pytestmark = pytest.mark.django_db
IOC_OPS = ["tong-hop", "theo-ngay", "xep-hang-don-vi", "hai-long"]
AS_OF_OPS = ["nhiem-vu-qua-han", "phan-anh"]


def text(response) -> str:
    """The answer as a reader gets it: JSON decoded, so escaped letters are compared as letters."""
    return json.dumps(response.json(), ensure_ascii=False)


def needles() -> set[str]:
    found: set[str] = set()
    rows = list(
        Dossier.objects.values_list(
            "applicant_name", "applicant_phone", "applicant_id_number", "applicant_email", "applicant_address"
        )
    )
    rows += list(
        Petition.objects.values_list(
            "citizen_name", "citizen_phone", "citizen_id_number", "citizen_email", "citizen_address"
        )
    )
    for name, phone, id_number, email, address in rows:
        found.update({name, id_number, email, address})
        digits = "".join(c for c in phone if c.isdigit())
        if digits:
            found.update({phone, digits, digits_words(digits)})
    return {n for n in found if len(n.strip()) >= 6}


def test_no_ioc_or_phone_answer_carries_personal_data(demo_db, client, settings):
    settings.CCHC_LOOKUP_RATE_PER_HOUR = 100000
    settings.CCHC_IOC_RATE_PER_KEY_HOUR = 100000
    cache.clear()
    city = Jurisdiction.objects.get(code="747")
    _, raw = create_key("test", name="IOC", jurisdiction=city, purpose=KeyPurpose.IOC)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    today = timezone.localdate()
    bodies: dict[str, str] = {}
    for first in (today.replace(day=1), today - dt.timedelta(days=365)):
        for op in IOC_OPS:
            r = client.get(f"/ioc/v1/{op}", {"tu": first.isoformat(), "den": today.isoformat()}, **auth)
            assert r.status_code == 200, op
            bodies[f"{op} {first}"] = text(r)
    for op in AS_OF_OPS:
        r = client.get(f"/ioc/v1/{op}", **auth)
        assert r.status_code == 200, op
        bodies[op] = text(r)
    found = 0
    for d in Dossier.objects.exclude(applicant_phone="").only("code", "applicant_phone"):
        r = client.post(
            "/callbot/v1/ho-so", {"code": d.code, "phone": d.applicant_phone}, content_type="application/json"
        )
        assert r.status_code == 200, d.code
        bodies[f"bot {d.code}"] = text(r)
        found += 1
    for code in Procedure.objects.values_list("national_code", flat=True):
        bodies[f"procedure {code}"] = text(client.get(f"/callbot/v1/thu-tuc/{code}"))
    assert found >= 100  # the demo's dossiers were really answered, in full
    personal = needles()
    assert len(personal) > 500
    leaks = [(needle, where) for where, body in bodies.items() for needle in personal if needle in body]
    assert leaks == []
