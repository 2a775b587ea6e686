"""``{% form_field %}`` gives the HTML of the include ``dossiers/_field.html`` character for character:
label, input, help text, errors (escaped the same way), a tick box and the wrapper's class; and the
look-up's and the consent's fields are drawn by it exactly as by the include."""

import pytest
from django import forms
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

HOSTILE = "a\"b<c>&d'e"


class Everything(forms.Form):
    name = forms.CharField(label=HOSTILE, help_text=HOSTILE, max_length=5)
    agreed = forms.BooleanField(label="Đồng ý <b>", required=True)
    kind = forms.ChoiceField(label="Loại", choices=[("a", "A")], help_text="Chọn một")


def tag(field, wrap=None):
    if wrap is None:
        return Template("{% load form_fields %}{% form_field field %}").render(Context({"field": field}))
    source = "{% load form_fields %}{% form_field field wrap %}"
    return Template(source).render(Context({"field": field, "wrap": wrap}))


def include(field, wrap=None):
    context = {"field": field} if wrap is None else {"field": field, "wrap": wrap}
    return render_to_string("dossiers/_field.html", context)


@pytest.mark.parametrize("data", [None, {}, {"name": HOSTILE, "agreed": "on", "kind": "z"}])
def test_the_tag_is_the_includes_html_blank_or_with_errors(data):
    form = Everything(data) if data is not None else Everything()
    if data is not None:
        form.is_valid()
    for name in form.fields:
        assert tag(form[name]) == include(form[name])
        assert tag(form[name], "col-md-4") == include(form[name], "col-md-4")
    assert "&lt;c&gt;" in tag(form["name"]) and "<c>" not in tag(form["name"])


def test_the_look_up_and_consent_fields_are_drawn_as_by_the_include_in_both_languages():
    from cchc.dossiers.forms import LookupForm
    from cchc.dossiers.forms_consent import PublicConsentForm

    for language in ("vi", "en"):
        with translation.override(language):
            wrong = LookupForm({"code": "", "phone": ""})
            wrong.is_valid()
            consent = PublicConsentForm({"token": "t", "action": "give", "channel": "", "email": ""})
            consent.is_valid()
            for form in (LookupForm(), wrong):
                for name in ("code", "phone"):
                    assert tag(form[name]) == include(form[name])
            for name in ("channel", "email"):
                assert tag(consent[name]) == include(consent[name])
            assert 'role="alert"' in tag(wrong["code"])
