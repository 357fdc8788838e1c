"""Targets are their owners' to change, and a change that would re-rate published figures waits.

LAC-RATE's 2017/18 figure of 48.7 is published against a target of 45 (band 43 to 47):
Not achieved. An officer's target of 48.7 (band 48 to 49) would turn it Achieved on the
public site; until a performance lead approves it, it must not.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from measures.models import ChangeState, Measure, Target, TargetChange
from measures.target_changes import (
    TargetChangeRefused,
    approve_target_change,
    needs_approval,
    reject_target_change,
    save_target,
)
from scrutiny.roles import Role

pytestmark = pytest.mark.django_db

TARGETS = "/admin/measures/target/"


def target_form(target: Target | None, measure: Measure, **fields: Any) -> dict[str, Any]:
    """The target form's fields as a browser posts them."""
    data = {
        "measure": measure.pk,
        "year": target.financial_year.label if target else "2017/18",
        "quarter": "",
        "value": target.value if target else "",
        "band_low": target.band_low if target else "",
        "band_high": target.band_high if target else "",
        "follows": "",
        "follows_margin_above": "",
        "follows_margin_below": "",
        "about_target": "",
        "about_target_range": "",
        "source": "",
        "_save": "Save",
    }
    return {**data, **{k: str(v) for k, v in fields.items()}}


def public_status(client: Client, reference: str = "LAC-RATE") -> str:
    """The status the public dashboard gives a measure for 2017/18 Q1."""
    text = client.get("/dashboard.csv", {"period": "2017/18 Q1"}).content.decode()
    return next(r["status"] for r in csv.DictReader(io.StringIO(text)) if r["measure"] == reference)


def measure_page_status(client: Client) -> str:
    response = client.get("/measures/LAC-RATE/", {"period": "2017/18 Q1"})
    return response.context["position"].status.label


@pytest.fixture
def lac(demo) -> dict[str, Any]:
    measure = Measure.objects.get(reference="LAC-RATE")
    return {**demo, "measure": measure, "target": measure.targets.get(year=2017)}


def test_an_officer_is_offered_only_their_own_measures_for_a_target(client: Client, lac) -> None:
    client.force_login(lac["officer"])
    page = client.get(f"{TARGETS}add/").content.decode()
    assert "LAC-RATE: Looked after children" in page
    assert "EYFS-GLD" not in page  # the lead's measure


def test_an_officer_adding_a_target_to_someone_elses_measure_is_refused(
    client: Client, lac
) -> None:
    others = Measure.objects.get(reference="EYFS-GLD")
    client.force_login(lac["officer"])
    response = client.post(f"{TARGETS}add/", target_form(None, others, year="2019/20", value=70))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not others.targets.filter(year=2019).exists()
    assert not TargetChange.objects.exists()


def test_an_officers_change_to_a_published_years_target_waits_and_public_ratings_stay(
    client: Client, lac
) -> None:
    target, officer = lac["target"], lac["officer"]
    assert public_status(Client()) == "Not achieved"
    client.force_login(officer)
    response = client.post(
        f"{TARGETS}{target.pk}/change/",
        target_form(target, lac["measure"], value="48.7", band_low="48", band_high="49"),
        follow=True,
    )
    assert "so your change waits for a performance lead" in response.content.decode()
    target.refresh_from_db()
    assert (target.value, target.band_low, target.band_high) == (45, 43, 47)
    change = TargetChange.objects.get()
    assert change.state == ChangeState.PENDING and change.proposed_by == officer
    assert change.value == Decimal("48.7")

    public = Client()
    assert public_status(public) == "Not achieved"
    assert measure_page_status(public) == "Not achieved"
    assert "waiting for approval" not in public.get("/measures/LAC-RATE/").content.decode()

    # Staff see the pending change: on the target, on the measure, and on the measure page.
    measure_admin = f"/admin/measures/measure/{target.measure_id}/change/"
    for url in (f"{TARGETS}{target.pk}/change/", measure_admin):
        assert "target 48.7 per 10,000, band 48 to 49" in client.get(url).content.decode()
    staff_page = client.get("/measures/LAC-RATE/").content.decode()
    assert "Target change waiting for approval" in staff_page
    assert "target 48.7 per 10,000, band 48 to 49" in staff_page


def test_once_a_lead_approves_the_change_the_public_ratings_follow(client: Client, lac) -> None:
    target = lac["target"]
    typed = Target(
        pk=target.pk,
        measure=target.measure,
        year=2017,
        value=Decimal("48.7"),
        band_low=Decimal("48"),
        band_high=Decimal("49"),
    )
    change = save_target(target=typed, by=lac["officer"])
    assert change is not None
    client.force_login(lac["lead"])
    response = client.post(
        "/admin/measures/targetchange/", {"action": "approve", "_selected_action": [change.pk]}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.value, target.band_low, target.band_high) == (
        Decimal("48.7"),
        Decimal("48"),
        Decimal("49"),
    )
    change.refresh_from_db()
    assert change.state == ChangeState.APPROVED
    assert change.decided_by == lac["lead"] and change.decided_at is not None
    latest = target.history.first()
    assert latest.history_user == lac["lead"]
    assert latest.history_change_reason == "approved by lead: a change proposed by officer"
    public = Client()
    assert public_status(public) == "Achieved"
    assert measure_page_status(public) == "Achieved"


def test_a_rejected_change_leaves_the_target_and_is_kept_with_who_decided(lac) -> None:
    target = lac["target"]
    typed = Target(pk=target.pk, measure=target.measure, year=2017, value=Decimal("48.7"))
    change = save_target(target=typed, by=lac["officer"])
    reject_target_change(change=change, by=lac["lead"])
    change.refresh_from_db()
    target.refresh_from_db()
    assert change.state == ChangeState.REJECTED and change.decided_by == lac["lead"]
    assert target.value == 45
    with pytest.raises(TargetChangeRefused, match="already rejected"):
        approve_target_change(change=change, by=lac["lead"])


def test_officers_cannot_approve_their_own_changes(client: Client, lac) -> None:
    target = lac["target"]
    typed = Target(pk=target.pk, measure=target.measure, year=2017, value=Decimal("48.7"))
    change = save_target(target=typed, by=lac["officer"])
    client.force_login(lac["officer"])
    page = client.get("/admin/measures/targetchange/").content.decode()
    assert "Approve the selected target changes" not in page
    client.post(
        "/admin/measures/targetchange/", {"action": "approve", "_selected_action": [change.pk]}
    )
    change.refresh_from_db()
    assert change.state == ChangeState.PENDING
    with pytest.raises(TargetChangeRefused, match="Only performance leads"):
        approve_target_change(change=change, by=lac["officer"])


def test_a_leads_own_change_applies_at_once(client: Client, lac) -> None:
    target = lac["target"]
    client.force_login(lac["lead"])
    response = client.post(
        f"{TARGETS}{target.pk}/change/",
        target_form(target, lac["measure"], value="48.7", band_low="48", band_high="49"),
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.value == Decimal("48.7")
    assert not TargetChange.objects.exists()
    assert public_status(Client()) == "Achieved"


def test_an_officers_target_for_a_year_with_nothing_published_applies_at_once(
    client: Client, lac
) -> None:
    client.force_login(lac["officer"])
    response = client.post(
        f"{TARGETS}add/", target_form(None, lac["measure"], year="2018/19", value="44")
    )
    assert response.status_code == 302
    assert lac["measure"].targets.get(year=2018).value == 44
    assert not TargetChange.objects.exists()


def test_a_new_target_for_a_published_year_waits_too(lac, make_actual) -> None:
    measure = lac["measure"]
    make_actual(measure, period="2018/19 Q1", value="46", state="published")
    change = save_target(target=Target(measure=measure, year=2018, value=44), by=lac["officer"])
    assert change is not None and change.target is None
    assert not measure.targets.filter(year=2018).exists()
    approve_target_change(change=change, by=lac["lead"])
    assert measure.targets.get(year=2018).value == 44


def test_the_measure_pages_targets_follow_the_same_rule(client: Client, lac) -> None:
    from tests.scrutiny.form_reader import read_form, submission

    measure, target = lac["measure"], lac["target"]
    client.force_login(lac["officer"])
    url = f"/admin/measures/measure/{measure.pk}/change/"
    data = submission(read_form(client.get(url).content.decode()))
    ids = {k: v for k, v in data.items() if k.startswith("targets-") and k.endswith("-id")}
    row = next(k.removesuffix("-id") for k, v in ids.items() if v == [str(target.pk)])
    data |= {f"{row}-value": ["48.7"], f"{row}-band_low": ["48"], f"{row}-band_high": ["49"]}
    response = client.post(url, data, follow=True)
    assert "so your change waits for a performance lead" in response.content.decode()
    target.refresh_from_db()
    assert target.value == 45
    assert TargetChange.objects.pending().get().value == Decimal("48.7")


def test_proposing_again_updates_the_one_pending_change(lac) -> None:
    target = lac["target"]
    for value in ("48.7", "48.9"):
        typed = Target(pk=target.pk, measure=target.measure, year=2017, value=Decimal(value))
        save_target(target=typed, by=lac["officer"])
    assert TargetChange.objects.pending().get().value == Decimal("48.9")


def test_the_database_holds_at_most_one_pending_change_per_target(lac) -> None:
    target = lac["target"]
    typed = Target(pk=target.pk, measure=target.measure, year=2017, value=Decimal("48.7"))
    first = save_target(target=typed, by=lac["officer"])
    second = TargetChange(
        measure=first.measure, target=target, year=2017, value=1, proposed_at=first.proposed_at
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


@pytest.mark.parametrize(
    ("who", "years", "expected"),
    [
        (Role.OFFICER, {2017}, True),  # 2017/18 Q1 is published
        (Role.OFFICER, {2018}, False),
        (Role.OFFICER, {2016, 2018}, True),  # moving a target out of a published year
        (Role.PERFORMANCE_LEAD, {2017}, False),
    ],
)
def test_which_changes_need_approval(lac, who: Role, years: set[int], expected: bool) -> None:
    user = lac["officer"] if who is Role.OFFICER else lac["lead"]
    assert needs_approval(measure=lac["measure"], years=years, by=user) is expected


def test_an_officer_cannot_change_targets_on_someone_elses_measure_page(
    client: Client, lac
) -> None:
    from tests.scrutiny.form_reader import read_form, submission

    others = Measure.objects.get(reference="EYFS-GLD")
    lead = Client()
    lead.force_login(lac["lead"])
    url = f"/admin/measures/measure/{others.pk}/change/"
    data = submission(read_form(lead.get(url).content.decode()))
    index = int(data["targets-TOTAL_FORMS"][0])
    data |= {
        f"targets-{index}-year": ["2019/20"],
        f"targets-{index}-value": ["75"],
        "targets-TOTAL_FORMS": [str(index + 1)],
    }
    client.force_login(lac["officer"])
    assert client.post(url, data).status_code == 403
    assert not others.targets.filter(year=2019).exists()
    assert not TargetChange.objects.exists()
