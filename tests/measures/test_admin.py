"""Officers' entry in the admin: the entry form, its messages, sign-off actions and history."""

from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from measures.models import Actual, Measure, State, Target
from measures.rules.rating import Status
from tests.committees.test_admin import page_queries

pytestmark = pytest.mark.django_db

ADD = "/admin/measures/actual/add/"


def entry(reference: str, period: str, **fields: Any) -> dict[str, Any]:
    """The entry form's fields, as a browser would post them."""
    data = {
        "measure": Measure.objects.get(reference=reference).pk,
        "period": period,
        "value": "",
        "numerator": "",
        "denominator": "",
        "missing_reason": "",
        "covers_from": "",
        "covers_to": "",
        "covers_label": "",
        "commentary": "",
        "forecast": "",
        "source": "",
        "_save": "Save",
    }
    return {**data, **{k: str(v) for k, v in fields.items()}}


def test_officer_enters_a_draft_figure_for_their_measure(client: Client, demo) -> None:
    client.force_login(demo["officer"])
    response = client.post(
        ADD, entry("LAC-RATE", "2017/18 Q2", value="47.2", covers_label="As at 30 September 2017")
    )
    assert response.status_code == 302
    figure = Actual.objects.get(measure__reference="LAC-RATE", year=2017, quarter=2)
    assert figure.value == Decimal("47.2") and figure.state == State.DRAFT


def test_entry_form_shows_definition_target_band_recent_figures_and_status(
    client: Client, demo
) -> None:
    client.force_login(demo["officer"])
    data = entry("LAC-RATE", "2017/18 Q2", value="46.1", forecast="48", _preview="Check")
    del data["_save"]
    response = client.post(ADD, data)
    page = response.content.decode()
    assert "Not saved yet" in page
    assert "Looked after children per 10,000 population aged under 18" in page
    assert "Rate per 10,000 children under 18" in page
    assert "45 per 10,000" in page and "43 to 47 per 10,000" in page
    assert "48.7 per 10,000" in page and "48.1 per 10,000" in page  # last published
    assert "✓ Achieved" in page  # 46.1 is inside 43-47
    assert "✗ Not achieved" in page  # the forecast of 48 is outside it
    assert not Actual.objects.filter(year=2017, quarter=2).exists()


def test_checking_the_status_works_the_value_out_as_saving_does_and_is_information(
    client: Client, demo
) -> None:
    client.force_login(demo["officer"])
    typed = entry("LAC-16-17-LEARN", "2017/18 Q2", numerator="38", denominator="45")
    check = {**typed, "_preview": "Check the status without saving"}
    del check["_save"]
    response = client.post(ADD, check)
    page = response.content.decode()
    assert response.status_code == 200
    assert '<li class="info">Not saved yet: LAC-16-17-LEARN 2017/18 Q2 would be 84.44%, ' in page
    amber = Status.WITHIN_TOLERANCE
    assert f'id="entry-status">{amber.symbol} Within tolerance</span>' in page
    assert "No data" not in page
    assert "errornote" not in page and "Please correct" not in page
    assert not Actual.objects.filter(measure__reference="LAC-16-17-LEARN", year=2017, quarter=2)

    client.post(ADD, typed)
    saved = Actual.objects.get(measure__reference="LAC-16-17-LEARN", year=2017, quarter=2)
    target = saved.measure.targets.get(year=2017)
    assert saved.value == Decimal("84.44")
    assert saved.status_against(target).label == "Within tolerance"


def test_checking_a_figure_with_a_problem_shows_the_problem_not_a_status_message(
    client: Client, demo
) -> None:
    client.force_login(demo["officer"])
    check = entry("LAC-16-17-LEARN", "2017/18 Q2", value="NaN", _preview="Check")
    del check["_save"]
    page = client.post(ADD, check).content.decode()
    assert "errornote" in page and "Not saved yet" not in page
    assert 'value="NaN"' in page


@pytest.mark.parametrize(
    ("who", "reference", "period", "fields", "message"),
    [
        (
            "officer",
            "LAC-16-17-LEARN",
            "2017/18 Q2",
            {"value": "120"},
            "A percentage must be between 0 and 100: 120.00 is not.",
        ),
        (
            "officer",
            "LAC-16-17-LEARN",
            "2017/18 Q2",
            {"numerator": "50", "denominator": "44"},
            "The numerator (50) is more than the denominator (44): "
            "a percentage cannot be over 100.",
        ),
        (
            "officer",
            "LAC-16-17-LEARN",
            "2017/18 Q2",
            {"value": "88.64", "numerator": "30", "denominator": "44"},
            "The value 88.64 does not agree with the numerator and denominator, which give 68.18.",
        ),
        (
            "officer",
            "FTE-YJ",
            "2017/18 Q2",
            {"value": "270", "covers_to": "2017-10-31"},
            "after the quarter it is reported in (2017/18 Q2) ends on 30 September 2017",
        ),
        (
            "officer",
            "CP-PLANS",
            "2017/18 Q2",
            {},
            "say why the figure is missing (for example “not yet available”)",
        ),
        ("officer", "CP-PLANS", "2017 Q5", {"value": "350"}, "2017 Q5"),
        (
            "lead",
            "EYFS-GLD",
            "2016/17 Q2",
            {"value": "70"},
            "EYFS-GLD is reported once a year, in Q4: 2016/17 Q2 is not its reporting quarter.",
        ),
        (
            "officer",
            "LAC-RATE",
            "2017/18 Q1",
            {"value": "47"},
            "LAC-RATE already has a figure for 2017/18 Q1: change that one instead.",
        ),
    ],
)
def test_bad_entry_is_refused_with_a_clear_message_and_nothing_saved(
    client: Client, demo, who, reference, period, fields, message
) -> None:
    client.force_login(demo[who])
    before = Actual.objects.count()
    response = client.post(ADD, entry(reference, period, **fields))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Actual.objects.count() == before


def test_a_missing_figure_with_a_reason_is_accepted(client: Client, demo) -> None:
    client.force_login(demo["officer"])
    client.post(ADD, entry("CP-PLANS", "2017/18 Q2", missing_reason="not yet available"))
    figure = Actual.objects.get(measure__reference="CP-PLANS", year=2017, quarter=2)
    assert figure.value is None and figure.missing_reason == "not yet available"


def test_value_is_computed_from_numerator_and_denominator(client: Client, demo) -> None:
    client.force_login(demo["officer"])
    client.post(ADD, entry("LAC-16-17-LEARN", "2017/18 Q2", numerator="40", denominator="45"))
    figure = Actual.objects.get(measure__reference="LAC-16-17-LEARN", year=2017, quarter=2)
    assert figure.value == Decimal("88.89")


def test_officers_only_offer_their_own_measures(client: Client, demo) -> None:
    client.force_login(demo["officer"])
    response = client.post(ADD, entry("EYFS-GLD", "2017/18 Q4", value="71"))
    assert "Select a valid choice" in response.content.decode()


def test_an_officer_cannot_change_a_published_figure(client: Client, demo) -> None:
    published = Actual.objects.get(measure__reference="LAC-RATE", year=2017, quarter=1)
    client.force_login(demo["officer"])
    response = client.post(
        f"/admin/measures/actual/{published.pk}/change/",
        entry("LAC-RATE", "2017/18 Q1", value="40"),
    )
    assert response.status_code in (302, 403)
    published.refresh_from_db()
    assert published.value == Decimal("48.7")


def test_officer_sees_submit_but_not_approve_or_publish(client: Client, demo) -> None:
    client.force_login(demo["officer"])
    page = client.get("/admin/measures/actual/").content.decode()
    assert "Submit selected figures for approval" in page
    assert "Approve selected figures" not in page
    assert "Publish selected figures" not in page


def test_lead_approves_and_publishes_with_admin_actions(client: Client, demo) -> None:
    client.force_login(demo["officer"])
    client.post(ADD, entry("LAC-RATE", "2017/18 Q2", value="47.2"))
    figure = Actual.objects.get(measure__reference="LAC-RATE", year=2017, quarter=2)
    changelist = "/admin/measures/actual/"
    client.post(changelist, {"action": "submit", "_selected_action": [figure.pk]})
    client.force_login(demo["lead"])
    for action in ("approve", "publish"):
        client.post(changelist, {"action": action, "_selected_action": [figure.pk]})
    figure.refresh_from_db()
    assert figure.state == State.PUBLISHED
    assert figure.published_by == demo["lead"] and figure.submitted_by == demo["officer"]


def test_officer_trying_to_approve_by_hand_changes_nothing(client: Client, demo) -> None:
    client.force_login(demo["officer"])
    client.post(ADD, entry("LAC-RATE", "2017/18 Q2", value="47.2"))
    figure = Actual.objects.get(measure__reference="LAC-RATE", year=2017, quarter=2)
    client.post("/admin/measures/actual/", {"action": "approve", "_selected_action": [figure.pk]})
    figure.refresh_from_db()
    assert figure.state == State.DRAFT


def test_history_shows_before_and_after_and_a_figure_can_be_restored(client: Client, demo) -> None:
    figure = Actual.objects.get(measure__reference="LAC-RATE", year=2017, quarter=1)
    client.force_login(demo["lead"])
    change = f"/admin/measures/actual/{figure.pk}/change/"
    client.post(change, entry("LAC-RATE", "2017/18 Q1", value="49.9", covers_label="x"))
    figure.refresh_from_db()
    assert figure.value == Decimal("49.9")

    history = client.get(f"/admin/measures/actual/{figure.pk}/history/").content.decode()
    assert "48.7000" in history and "49.9" in history and "lead" in history

    original = figure.history.earliest()
    restore = f"/admin/measures/actual/{figure.pk}/history/{original.history_id}/"
    assert client.get(restore).status_code == 200
    client.post(
        restore, entry("LAC-RATE", "2017/18 Q1", value="48.7", covers_label="As at 30 June 2017")
    )
    figure.refresh_from_db()
    assert figure.value == Decimal("48.7")
    assert figure.history.count() == 3


def test_target_band_outside_its_target_is_refused_in_words(client: Client, demo) -> None:
    target = Target(
        measure=Measure.objects.get(reference="LAC-RATE"),
        year=2018,
        value=45,
        band_low=46,
        band_high=47,
    )
    with pytest.raises(
        Exception, match=r"the low end \(46 per 10,000\) is above the target \(45 per 10,000\)"
    ):
        target.full_clean()


def test_the_database_refuses_a_band_that_does_not_contain_its_target(demo) -> None:
    measure = Measure.objects.get(reference="LAC-RATE")
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(measure=measure, year=2018, value=45, band_low=40, band_high=44)


def test_measure_list_shows_which_due_figures_are_missing(client: Client, demo) -> None:
    client.force_login(demo["officer"])
    page = client.get("/admin/measures/measure/?figure=missing").content.decode()
    assert "CL-SUITABLE-ACCOM" in page
    assert "LAC-RATE" not in page
    assert "figure for 2017/18 Q1" in page


def test_measures_are_listed_by_ambition_and_outcome(client: Client, demo) -> None:
    client.force_login(demo["officer"])
    page = client.get("/admin/measures/measure/").content.decode()
    assert page.index("FTE-YJ") < page.index("LAC-RATE") < page.index("EYFS-GLD")


def test_a_year_twice_in_the_measures_targets_is_a_form_error_that_keeps_the_rows(
    client: Client, demo
) -> None:
    from tests.scrutiny.form_reader import read_form, submission

    measure = Measure.objects.get(reference="LAC-RATE")
    client.force_login(demo["lead"])
    url = f"/admin/measures/measure/{measure.pk}/change/"
    data = submission(read_form(client.get(url).content.decode()))
    index = int(data["targets-TOTAL_FORMS"][0])
    for offset, value in enumerate(("46", "44")):
        row = f"targets-{index + offset}-"
        data |= {
            f"{row}year": ["2018/19"],
            f"{row}quarter": [""],
            f"{row}value": [value],
            f"{row}band_low": [""],
            f"{row}band_high": [""],
        }
    data["targets-TOTAL_FORMS"] = [str(index + 2)]
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "This measure already has a target for that year." in page
    assert 'value="46"' in page and 'value="44"' in page
    assert not measure.targets.filter(year=2018).exists()


def test_the_missing_filter_agrees_with_the_report_on_measures_without_a_target(
    client: Client, demo, make_measure
) -> None:
    # Neither listed as missing: without a target nothing is due, and a figure reported in
    # the quarter puts the measure in the report as Not rated.
    reported = make_measure("CIN-RATE", title="Children in need rate", owner=demo["officer"])
    make_measure("CIN-COUNT", title="Children in need", owner=demo["officer"])
    Actual.objects.create(
        measure=reported, year=2017, quarter=1, value=Decimal("312.4"), state=State.PUBLISHED
    )
    client.force_login(demo["officer"])

    missing = client.get("/admin/measures/measure/?figure=missing").content.decode()
    report = [row.measure.reference for row in client.get("/").context["board"].rows]

    assert "CIN-RATE" not in missing and "CIN-COUNT" not in missing
    assert "CIN-RATE" in report and "CIN-COUNT" not in report
    assert "CL-SUITABLE-ACCOM" in missing and "CL-SUITABLE-ACCOM" in report


def test_measure_page_queries_do_not_grow_with_targets(admin_client: Client, make_target) -> None:
    pages = []
    for reference, years in [("LAC-RATE", 1), ("CP-RATE", 20)]:
        for year in range(2000, 2000 + years):
            target = make_target(reference, year=year)
        pages.append(f"/admin/measures/measure/{target.measure.pk}/change/")
    one, twenty = (page_queries(admin_client, url) for url in pages)
    assert twenty == one
