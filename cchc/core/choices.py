"""Drop-downs of units and areas in the order people read names (Phường 1, 2, … 10), whatever order the
query returns: the one sort key of ``cchc.lib.names``, applied to a model choice field."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator

from cchc.lib.names import natural_key


class NaturalOrderIterator(ModelChoiceIterator):
    def __iter__(self) -> Iterator[Any]:
        field = self.field
        if field.empty_label is not None:
            yield ("", field.empty_label)
        objects = list(self.queryset.all() if hasattr(self.queryset, "all") else self.queryset)
        for obj in sorted(objects, key=lambda o: natural_key(field.label_from_instance(o))):
            yield self.choice(obj)


def natural_order(*fields: forms.Field) -> None:
    """Let each model choice field list its choices by ``natural_key`` of their labels."""
    for field in fields:
        if isinstance(field, forms.ModelChoiceField):
            field.iterator = NaturalOrderIterator
            field.widget.choices = field.choices
