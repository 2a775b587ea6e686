"""The ``email_wraps`` filter offers the browser one break, before the "@", and escapes both parts."""

from __future__ import annotations

from django.template import Context, Template


def render(value: object) -> str:
    return Template("{% load contact %}{{ value|email_wraps }}").render(Context({"value": value}))


def test_an_address_may_break_only_before_its_at():
    assert render("nguyen.van.a@phuong1.vungtau.gov.vn") == "nguyen.van.a<wbr>@phuong1.vungtau.gov.vn"


def test_both_parts_are_escaped():
    assert render('<b>"x"@y.vn') == "&lt;b&gt;&quot;x&quot;<wbr>@y.vn"


def test_text_without_an_at_is_shown_as_it_is_escaped():
    assert render("<không có>") == "&lt;không có&gt;"
    assert render("") == ""
    assert render(None) == ""
    assert render("@y.vn") == "@y.vn"
