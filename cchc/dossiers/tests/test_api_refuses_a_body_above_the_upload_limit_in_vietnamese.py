"""A push-API body larger than Django will read (DATA_UPLOAD_MAX_MEMORY_SIZE; 20 MB, beside the 1,000
dossiers a call may carry) is refused with the API's error shape and a Vietnamese reason — never a
server error — and nothing is written. Large exports go through the file import, read one record at a
time."""

from __future__ import annotations

import json

import pytest

from cchc.dossiers.models import Dossier
from cchc.dossiers.tests.api_helpers import Api, token_for
from cchc.dossiers.tests.import_helpers import make_catalogue, national

pytestmark = [pytest.mark.django_db, pytest.mark.urls("cchc.dossiers.tests.api_urls")]


def test_a_body_above_the_limit_is_a_vietnamese_400_and_writes_nothing(world, settings):
    make_catalogue()
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
    body = json.dumps({"isUpdating": False, "data": [national(f"BIG-{i}") for i in range(100)]})
    assert len(body) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    r = Api(token_for(world, "city")).post("/ho-so/dong-bo", body)
    assert r.status_code == 400
    assert r.json()["detail"].startswith("Dữ liệu gửi lên lớn quá")
    assert not Dossier.objects.exists()


def test_a_body_within_the_limit_is_still_read(world, settings):
    make_catalogue()
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
    r = Api(token_for(world, "city")).sync(national("SMALL-1"))
    assert r.status_code == 200, r.json()
