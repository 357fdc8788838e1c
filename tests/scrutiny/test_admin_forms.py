"""Every admin add and change form, posted with clashing and boundary values: never a 500.

For each page registered on the admin site, as a superuser and as each role that adds or
changes its records, the form is read from the page as a browser would and posted back: as
shown, with each typed field at the edges of what it holds, with dates in the wrong order,
as a copy of an existing record (clashing unique fields), as a near-copy (unique fields
moved on, so that saving goes ahead), and with duplicated inline rows. No answer may be a
5xx, and a form sent back with errors must show what was typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import ProtectedError
from django.forms.models import _get_foreign_key
from django.test import Client, RequestFactory
from django.utils.html import escape

from committees.demo import load_demo_committees
from measures.benchmarking.models import BenchmarkIndicator, MeasureBenchmark
from measures.models import Measure
from scrutiny.roles import Role
from tests.demo_snapshot import write_demo
from tests.scrutiny.form_reader import (
    Control,
    boundary_values,
    is_management,
    is_template_row,
    read_form,
    shifted,
    submission,
    typed_fields,
)

pytestmark = pytest.mark.django_db

ADMINS = sorted(
    (model._meta.label for model in admin.site._registry),
    key=str,
)
Data = dict[str, list[str]]


@pytest.fixture
def records(demo: dict[str, Any], make_user, request: pytest.FixtureRequest) -> dict[str, Any]:
    """The demo's measures, committees and meetings, and a benchmark linked to a measure."""

    def load() -> None:
        member = make_user(username="member", role=Role.COMMITTEE_MEMBER)
        load_demo_committees(member_user=member)

    # Copied after the first test rather than loaded in each (tests/demo_snapshot.py), so
    # before lac_rate's rows, whose keys differ from test to test.
    write_demo(load)
    lac_rate: BenchmarkIndicator = request.getfixturevalue("lac_rate")
    MeasureBenchmark.objects.create(
        measure=Measure.objects.get(reference="LAC-RATE"), indicator=lac_rate, note="Same unit."
    )
    superuser = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    return {**demo, "admin": superuser}


def users_for(label: str, records: dict[str, Any], make_user) -> Iterator[tuple[str, Any]]:
    """The superuser, then a user of each staff role that may add or change these records."""
    yield "superuser", records["admin"]
    app, model = label.lower().split(".")
    for role in Role:
        if not role.is_staff:
            continue
        user = {Role.OFFICER: records["officer"], Role.PERFORMANCE_LEAD: records["lead"]}.get(
            role
        ) or make_user(username=role.name.lower(), role=role)
        if user.has_perm(f"{app}.add_{model}") or user.has_perm(f"{app}.change_{model}"):
            yield role.value, user


def subject(model_admin: admin.ModelAdmin, user: Any) -> models.Model | None:
    """A record the user may change, preferring one with rows in as many of its inlines as
    possible to duplicate, and of those the one with the fewest rows: every scenario reads
    only an inline's first row, and each further row makes every page and post slower."""
    request = RequestFactory().get("/")
    request.user = user
    best: tuple[int, int] | None = None
    chosen = None
    for obj in model_admin.get_queryset(request).order_by("pk")[:60]:
        if not model_admin.has_change_permission(request, obj):
            continue
        counts = []
        for inline in model_admin.get_inline_instances(request, obj):
            fk = next(
                f.name
                for f in inline.model._meta.fields
                if f.is_relation and f.related_model == model_admin.model
            )
            counts.append(inline.model._default_manager.filter(**{fk: obj}).count())
        rank = (-sum(1 for count in counts if count), sum(counts))
        if best is None or rank < best:
            best, chosen = rank, obj
    return chosen


def keep_two_rows(model_admin: admin.ModelAdmin, obj: models.Model, user: Any) -> None:
    """Leave the record two rows in each inline. Every scenario reads or doubles only the first
    row and the second stands for the rest, while each further row makes each of the hundred
    or so pages drawn and posted slower (the demo meeting's 32 rows were most of its time)."""
    request = RequestFactory().get("/")
    request.user = user
    for inline in model_admin.get_inline_instances(request, obj):
        key = _get_foreign_key(model_admin.model, inline.model, fk_name=inline.fk_name)
        rows = inline.get_queryset(request).filter(**{key.name: obj})
        later = list((rows if rows.ordered else rows.order_by("pk")).values_list("pk", flat=True))
        try:
            with transaction.atomic():
                inline.model._default_manager.filter(pk__in=later[2:]).delete()
        except ProtectedError:
            pass  # rows that other records need stay, as they are


def unique_names(model: type[models.Model]) -> set[str]:
    """The fields whose values must not repeat, alone or together (not keys to others)."""
    names = {f.name for f in model._meta.fields if f.unique and not f.primary_key}
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            names.update(constraint.fields)
    for together in model._meta.unique_together:
        names.update(together)
    return {name for name in names if not model._meta.get_field(name).is_relation}


def inline_prefixes(data: Data) -> list[str]:
    return [name.removesuffix("-TOTAL_FORMS") for name in data if name.endswith("-TOTAL_FORMS")]


def parent_keys(model_admin: admin.ModelAdmin) -> set[str]:
    """The names of the inline rows' keys to the record the page is about."""
    return {
        _get_foreign_key(model_admin.model, inline.model, fk_name=inline.fk_name).name
        for inline in model_admin.inlines
    }


def as_new_rows(data: Data, keys: set[str]) -> Data:
    """A change form's inline rows as an add form would post them: new, with no parent yet."""
    copied = {k: list(v) for k, v in data.items() if not is_template_row(k)}
    for prefix in inline_prefixes(copied):
        copied[f"{prefix}-INITIAL_FORMS"] = ["0"]
        for name in list(copied):
            if name.startswith(f"{prefix}-") and not is_management(name):
                if name.endswith(("-id", "-DELETE")):
                    del copied[name]
                elif name.rsplit("-", 1)[-1] in keys:
                    copied[name] = [""]
    return copied


def with_duplicate_row(data: Data, prefix: str) -> Data | None:
    """The form with its inline's first row repeated as a new row."""
    total = int(data[f"{prefix}-TOTAL_FORMS"][0])
    if (
        total == 0
        or f"{prefix}-0-id" not in data
        and not any(k.startswith(f"{prefix}-0-") for k in data)
    ):
        return None
    copied = {k: list(v) for k, v in data.items()}
    for name, values in data.items():
        if name.startswith(f"{prefix}-0-") and not name.endswith(("-id", "-DELETE")):
            copied[f"{prefix}-{total}-" + name.removeprefix(f"{prefix}-0-")] = list(values)
    copied[f"{prefix}-TOTAL_FORMS"] = [str(total + 1)]
    return copied


def with_dates_reversed(data: Data, controls: list[Control]) -> Data | None:
    """Every start/end pair of dates set so that it ends before it starts."""
    pairs = {"_from": "_to", "from": "to", "start": "end"}
    copied = {k: list(v) for k, v in data.items()}
    changed = False
    names = {c.name for c in typed_fields(controls)}
    for name in names:
        for first, last in pairs.items():
            if name.endswith(first) and name.removesuffix(first) + last in names:
                copied[name] = ["02/01/2018"]
                copied[name.removesuffix(first) + last] = ["01/01/2017"]
                changed = True
    return copied if changed else None


class Poster:
    """Posts forms for one user and records every 5xx and every lost value."""

    def __init__(self, client: Client, who: str) -> None:
        self.client = client
        self.who = who
        self.failures: list[str] = []

    def read(self, url: str) -> list[Control] | None:
        response = self.client.get(url)
        if response.status_code != 200:
            return None
        return read_form(response.content.decode())

    def post(self, url: str, data: Data, scenario: str, typed: dict[str, str]) -> None:
        try:
            response = self.client.post(url, data)
        except Exception as error:  # the test client re-raises what would be a 500
            self.failures.append(f"{self.who} {url} {scenario}: {type(error).__name__}: {error}")
            return
        if response.status_code >= 500:
            self.failures.append(f"{self.who} {url} {scenario}: {response.status_code}")
            return
        page = response.content.decode()
        if response.status_code == 200 and "errornote" in page:
            for name, value in typed.items():
                if value.strip() and escape(value) not in page:
                    self.failures.append(
                        f"{self.who} {url} {scenario}: the typed {name} was not shown again"
                    )


def boundary_scenarios(
    controls: list[Control], base: Data | None = None, *, every_value: bool = True
) -> Iterator[tuple[str, Data, dict[str, str]]]:
    """Each typed field in turn at each of its boundary values, the rest as in base.

    Without every_value, only the first two (empty, and the first extreme) are tried: the
    superuser tries them all, and each role repeats the commonest on its own form.
    """
    base = base if base is not None else submission(controls)
    for control in typed_fields(controls):
        if control.name not in base:
            continue
        values = boundary_values(control)
        for value in values if every_value else values[:2]:
            # Passwords are never sent back to the browser, by design.
            shown = {} if control.kind == "password" else {control.name: value}
            yield f"{control.name}={value[:20]!r}", {**base, control.name: [value]}, shown


@pytest.mark.parametrize("label", ADMINS)
def test_admin_forms_never_answer_500_and_keep_what_was_typed(
    label: str, records: dict[str, Any], make_user: Callable[..., Any]
) -> None:
    model_admin = next(a for m, a in admin.site._registry.items() if m._meta.label == label)
    model = model_admin.model
    base_url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    failures: list[str] = []
    for who, user in list(users_for(label, records, make_user)):
        client = Client()
        client.force_login(user)
        poster = Poster(client, who)
        obj = subject(model_admin, user)
        if obj is not None:
            keep_two_rows(model_admin, obj, user)
        change_url = f"{base_url}{obj.pk}/change/" if obj is not None else None
        change_controls = poster.read(change_url) if change_url else None
        add_url = f"{base_url}add/"
        add_controls = poster.read(add_url)

        if add_controls is not None:
            poster.post(add_url, submission(add_controls), "add as shown", {})
            if change_controls is not None:
                copy = as_new_rows(submission(change_controls), parent_keys(model_admin))
                poster.post(add_url, copy, "add a copy of an existing record", {})
                uniques = unique_names(model)
                near = {
                    k: ([shifted(v[0])] if k in uniques and len(v) == 1 else v)
                    for k, v in copy.items()
                }
                poster.post(add_url, near, "add a near-copy (unique fields moved on)", {})
                for prefix in inline_prefixes(copy):
                    doubled = with_duplicate_row(near, prefix)
                    if doubled:
                        poster.post(add_url, doubled, f"add with a doubled {prefix} row", {})
            if who == "superuser":
                start = near if change_controls is not None else None
                for scenario, data, typed in boundary_scenarios(add_controls, start):
                    poster.post(add_url, data, f"add {scenario}", typed)

        if change_controls is not None:
            base = submission(change_controls)
            poster.post(change_url, base, "change as shown", {})
            thorough = who == "superuser"
            for scenario, data, typed in boundary_scenarios(change_controls, every_value=thorough):
                poster.post(change_url, data, f"change {scenario}", typed)
            reversed_dates = with_dates_reversed(base, change_controls)
            if reversed_dates:
                poster.post(change_url, reversed_dates, "change with dates out of order", {})
            for prefix in inline_prefixes(base):
                doubled = with_duplicate_row(base, prefix)
                if doubled:
                    poster.post(change_url, doubled, f"change with a doubled {prefix} row", {})
        failures.extend(poster.failures)
    assert not failures, "\n".join(failures[:40])
