"""An e-mail address that wraps where a reader expects it: ``{% load contact %}{{ email|email_wraps }}``.

A long address (nguyen.thi.thanh.huong@phuong1.vungtau.gov.vn) does not fit the narrow column of a
phone card; left to the browser it was cut at whatever letter reached the edge. A break opportunity
(<wbr>) before the "@" lets it wrap as "nguyen.thi.thanh.huong" / "@phuong1.vungtau.gov.vn"; the CSS
class ``email-address`` breaks a part still too long for the line as a last resort.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.filter(name="email_wraps")
def email_wraps(value: Any) -> SafeString | str:
    """Address "a.b@c.vn" → "a.b<wbr>@c.vn" (both parts escaped); text without an "@" comes back unchanged."""
    text = str(value or "")
    local, at, domain = text.rpartition("@")
    if not at or not local:
        return text
    return format_html("{}<wbr>@{}", local, domain)
