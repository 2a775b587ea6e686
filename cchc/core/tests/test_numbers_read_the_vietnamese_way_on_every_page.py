"""One filter for every number on a page: ``{{ n|so }}`` groups thousands with a dot and puts a comma
before decimals, and shows "—" for no data, on every template without a {% load %}."""

from django.template import engines

from cchc.core.templatetags.vn_format import vn_number, vn_percent


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_counts_group_thousands_with_a_dot():
    assert vn_number(18929) == "18.929"
    assert vn_number(200000) == "200.000"
    assert vn_number(1234567) == "1.234.567"
    assert vn_number(0) == "0"
    assert vn_number(-4093) == "-4.093"


def test_decimals_take_a_comma_and_no_data_is_a_dash():
    assert vn_number(12.345, 1) == "12,3"
    assert vn_number(1234.5) == "1.234,5"
    assert vn_number(None) == "—"
    assert vn_number(float("nan")) == "—"
    assert vn_percent(0.125) == "12,5%"
    assert vn_percent(None) == "—"


def test_the_filter_is_available_in_every_template_without_loading_it():
    assert render("{{ n|so }} hồ sơ", n=18929) == "18.929 hồ sơ"
    assert render("{{ x|so:1 }}", x=27.04) == "27,0"
    assert render("{{ x|so }}", x=None) == "—"
    assert render("{{ x|so }}", x="Phường 1") == "Phường 1"  # text passes through unchanged
