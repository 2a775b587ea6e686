"""Vietnamese is the default whatever the browser prefers: English comes only from the switcher
(docs/translating.md), so a browser that prefers English gets the Vietnamese page marked ``lang="vi"``
(a screen reader would otherwise read Vietnamese text with English pronunciation)."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_browser_asking_for_english_gets_a_page_marked_vietnamese(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert '<html lang="vi">' in response.content.decode()
