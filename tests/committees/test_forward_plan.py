"""A committee's forward plan page lists the executive decisions coming up within its remit."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.db import IntegrityError
from django.test import Client
from django.utils import timezone

from committees.models import Committee, ForwardPlanEntry

pytestmark = pytest.mark.django_db


def test_the_forward_plan_lists_the_committees_decisions_coming_up_and_those_due(
    client: Client, make_committee: Callable[..., Committee]
) -> None:
    ours, other = make_committee("Children Committee"), make_committee("Adults Committee")
    soon = ForwardPlanEntry.objects.create(
        reference="I014523",
        matter="Special school places",
        decision_date=timezone.localdate() + timedelta(days=20),
        decision_maker="Executive",
        key_decision=True,
    )
    soon.committees.add(ours)
    old = ForwardPlanEntry.objects.create(
        reference="I013000", matter="Home to school transport", decision_date=date(2017, 5, 1)
    )
    old.committees.add(ours)
    ForwardPlanEntry.objects.create(reference="I099999", matter="Care homes").committees.add(other)
    page = client.get(f"/committees/{ours.slug}/forward-plan/").content.decode()
    coming, due = page.split("Decisions already due</h2>")
    assert "Special school places" in coming and "I014523" in coming and "Yes" in coming
    assert "Home to school transport" in due and "1 May 2017" in due
    assert "Care homes" not in page
    committee_page = client.get(ours.get_absolute_url()).content.decode()
    assert f'href="/committees/{ours.slug}/forward-plan/"' in committee_page


def test_entries_without_a_reference_may_be_several_but_a_reference_is_used_once(
    make_committee: Callable[..., Committee],
) -> None:
    ForwardPlanEntry.objects.create(matter="One")
    ForwardPlanEntry.objects.create(matter="Two")
    ForwardPlanEntry.objects.create(reference="I1", matter="Three")
    with pytest.raises(IntegrityError):
        ForwardPlanEntry.objects.create(reference="I1", matter="Four")


def test_the_demo_carries_the_decision_the_packs_work_programme_names(db: None) -> None:
    from committees.demo import load_demo_committees

    load_demo_committees()
    load_demo_committees()  # twice: still one entry
    entry = ForwardPlanEntry.objects.get()
    assert entry.matter.startswith("A Proposed Future Model of SEN Provision")
    assert entry.decision_date == date(2018, 5, 1)
    assert [c.slug for c in entry.committees.all()] == [
        "children-and-young-people-scrutiny-committee"
    ]
