"""Bootstrap's ``is-invalid`` (the red border that shows the field's message) on the input of every field
with an error, once the form has been validated: what the styled forms of every app share."""

from __future__ import annotations

from django import forms


class MarksInvalidFields(forms.Form):
    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
