"""The drop-down drawn in Python gives the HTML of Django's own ``Select`` (whitespace between tags
aside): the same options, labels, values, selection, groups and attributes, escaped the same way; the
options naming records are marked Vietnamese (data on an English page)."""

import re

from django import forms

from cchc.core.widgets import QuickSelect

CHOICES = [
    ("", "Tất cả"),
    ("1", "UBND Phường 1"),
    ("2", 'Phòng "Tư pháp" & <Hộ tịch>'),
    ("Nhóm", [("3", "UBND Phường 10"), ("4", "UBND Phường 2")]),
]


def squeezed(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html)).strip()


def both(value, attrs=None, choices=CHOICES):
    django = forms.Select(attrs=attrs, choices=choices).render("unit", value, attrs={"id": "id_unit"})
    quick = QuickSelect(attrs=attrs, choices=choices).render("unit", value, attrs={"id": "id_unit"})
    return squeezed(django), squeezed(quick)


def test_the_quick_drop_down_is_djangos_html_with_nothing_chosen():
    django, quick = both(None, {"class": "form-select", "aria-describedby": "h<1>"})
    assert quick == django
    assert "&lt;Hộ tịch&gt;" in quick and "&quot;Tư pháp&quot; &amp;" in quick


def test_the_quick_drop_down_marks_the_chosen_option_as_django_does():
    django, quick = both("4", {"class": "form-select is-invalid", "required": True, "disabled": False})
    assert quick == django
    assert '<option value="4" selected>UBND Phường 2</option>' in quick


def test_a_model_choice_drop_down_is_drawn_the_same_with_its_records_marked_vietnamese(world):
    from cchc.org.models import Unit

    field = forms.ModelChoiceField(queryset=Unit.objects.order_by("pk"), empty_label="Tất cả")
    chosen = Unit.objects.order_by("pk").first()
    django = forms.Select(choices=field.choices).render("unit", chosen.pk)
    quick = QuickSelect(choices=field.choices).render("unit", chosen.pk)
    assert squeezed(quick).replace(' lang="vi"', "") == squeezed(django)
    assert f'<option value="{chosen.pk}" selected lang="vi">' in quick
    assert quick.count(' lang="vi"') == Unit.objects.count()
    assert '<option value="" selected>' not in quick and '<option value="">Tất cả</option>' in quick


def test_a_choice_label_is_shown_in_the_language_of_the_page():
    from django.utils import translation

    with translation.override("en"):
        english = QuickSelect(choices=[("", "Tất cả"), ("x", "Đã tiếp nhận")]).render("s", "")
    assert ">All</option>" in english and ">Đã tiếp nhận<" not in english
    assert ">Tất cả</option>" in QuickSelect(choices=[("", "Tất cả")]).render("s", "x")
