"""Posting an admin change form back as the browser would: plain helpers the tests import."""

from typing import Any

from django.db.models.fields.files import FieldFile


def form_data(response: Any) -> dict[str, Any]:
    """Every field of a change page's form and inline formsets, with the values it shows."""
    context = response.context
    forms = [context["adminform"].form]
    data: dict[str, Any] = {}
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        forms += formset.forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or isinstance(value, FieldFile):
                continue
            if isinstance(value, bool):
                if value:
                    data[form.add_prefix(name)] = "on"
                continue
            data[form.add_prefix(name)] = value
    return data
