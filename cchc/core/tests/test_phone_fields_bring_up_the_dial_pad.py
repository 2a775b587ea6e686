"""Phone fields are ``type=tel`` (the phone's dial pad) and ID numbers ask for the numeric keyboard, on
the public petition form, the staff's petition entry and the organisation forms."""

import re

import pytest

from cchc.core.widgets import NumericInput, TelInput
from cchc.feedback.forms import ContactFields

pytestmark = pytest.mark.django_db


def _input(html: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert found, name
    return found.group(0)


def test_the_widgets_render_the_right_keyboard():
    tel = TelInput().render("citizen_phone", "0903 123 456")
    assert 'type="tel"' in tel and 'inputmode="tel"' in tel and 'autocomplete="tel"' in tel
    assert 'inputmode="numeric"' in NumericInput().render("id", "")


def test_the_public_petition_form_and_the_org_forms_use_them(client, world):
    from cchc.feedback.demo import load_categories

    assert 'type="tel"' in str(ContactFields()["citizen_phone"])
    load_categories(world.jurisdictions["city"])
    html = client.get("/cong-khai/phan-anh/gui/").content.decode()
    assert 'type="tel"' in _input(html, "citizen_phone")

    from cchc.org.forms import OfficialForm, UnitForm

    for form_class in (UnitForm, OfficialForm):
        assert "phone" in form_class.base_fields
        assert isinstance(form_class.base_fields["phone"].widget, TelInput), form_class
