"""The inputs drawn in Python give the HTML of Django's own inputs, character for character: the same
type, name, value, attributes (``True`` bare, ``False`` left out) and escaping; and the look-up's and the
consent's forms, blank, with errors or filled in, are drawn exactly as Django drew them."""

import pytest
from django import forms
from django.utils.safestring import mark_safe

from cchc.core.widgets import QuickEmailInput, QuickHiddenInput, QuickTextInput

PAIRS = [
    (forms.TextInput, QuickTextInput),
    (forms.EmailInput, QuickEmailInput),
    (forms.HiddenInput, QuickHiddenInput),
]
HOSTILE = "a\"b<c>&d'e"


@pytest.mark.parametrize(("django", "quick"), PAIRS)
@pytest.mark.parametrize("value", [None, "", "000.00.35.H02-261207-0004", HOSTILE, 12, mark_safe("<b>")])
def test_a_quick_input_is_djangos_html_for_every_kind_of_value(django, quick, value):
    attrs = {"class": "form-control is-invalid", "autocomplete": "off", "required": True, "disabled": False}
    extra = {"id": "id_code", "aria-describedby": HOSTILE, "maxlength": 64}
    assert quick(attrs=attrs).render("code", value, attrs=extra) == django(attrs=attrs).render(
        "code", value, attrs=extra
    )


def test_a_type_given_in_the_attributes_is_the_inputs_type_as_in_django():
    attrs = {"type": "tel", "inputmode": "tel", "autocomplete": "tel"}
    quick = QuickTextInput(attrs=attrs).render("phone", "0903")
    assert quick == forms.TextInput(attrs=attrs).render("phone", "0903")
    assert quick.startswith('<input type="tel" name="phone" value="0903"')


def test_an_input_with_its_own_template_is_left_to_django():
    class Custom(QuickTextInput):
        template_name = "django/forms/widgets/textarea.html"

    assert Custom().render("x", "y").startswith("<textarea")


def drawn_by_django(bound: forms.BoundField) -> str:
    widget = bound.field.widget
    quick_class = type(widget)
    # The same widget (its own value formatting kept), drawn through Django's template.
    widget.__class__ = type("DrawnByDjango", (quick_class,), {"render": forms.Widget.render})
    try:
        return str(bound)
    finally:
        widget.__class__ = quick_class


@pytest.mark.parametrize(
    "data",
    [None, {}, {"code": "", "phone": ""}, {"code": HOSTILE, "phone": "0903 123 456"}, {"code": "x" * 65}],
)
def test_the_look_up_form_is_drawn_as_django_drew_it_blank_wrong_or_filled(data):
    from cchc.dossiers.forms import LookupForm

    form = LookupForm(data) if data is not None else LookupForm()
    if data is not None:
        form.is_valid()
    for name in ("code", "phone"):
        assert str(form[name]) == drawn_by_django(form[name])
    assert "0903" not in str(form["phone"])  # the typed phone is never written back into the page


def test_the_consent_form_is_drawn_as_django_drew_it():
    from cchc.dossiers.forms_consent import PublicConsentForm

    blank = PublicConsentForm(initial={"token": HOSTILE, "action": "give", "channel": "zalo"})
    wrong = PublicConsentForm({"token": "t", "action": "give", "channel": "email", "email": "<x>"})
    wrong.is_valid()
    for form in (blank, wrong):
        for name in ("token", "email"):
            assert str(form[name]) == drawn_by_django(form[name])
