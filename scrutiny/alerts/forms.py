"""The subscribe form: an address and the topics wanted."""

from __future__ import annotations

from typing import Any

from django import forms

from scrutiny.alerts.topics import Subject, topics_about


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="Your e-mail address",
        max_length=254,
        error_messages={
            "required": "Enter your e-mail address",
            "invalid": "Enter an e-mail address in the right form, like name@example.com",
        },
    )
    topics = forms.MultipleChoiceField(
        label="E-mail me when",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one alert"},
    )

    def __init__(self, *args: Any, about: Subject, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(t.key, t.label) for t in topics_about(about)]
        field = self.fields["topics"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices
        field.initial = [key for key, _ in choices]
