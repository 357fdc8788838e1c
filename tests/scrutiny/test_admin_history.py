"""History pages restore only what the user may change, and show only what they may read."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from committees.models import Action, AgendaItem, Meeting
from measures.models import Actual, Measure, State, Target
from scrutiny.roles import Role
from tests.scrutiny.form_reader import read_form, submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db: None) -> Any:
    return get_user_model().objects.create_superuser("admin", "admin@example.org", "x")


def revert_form(superuser: Any, url: str, **changes: str) -> dict[str, list[str]]:
    """The revert page's form as someone allowed to use it sees it, with some fields typed."""
    client = Client()
    client.force_login(superuser)
    response = client.get(url)
    assert response.status_code == 200
    data = submission(read_form(response.content.decode()))
    assert set(changes) <= set(data), f"{set(changes) - set(data)} not on the form"
    return {**data, **{name: [value] for name, value in changes.items()}, "_save": ["Save"]}


def history_url(obj: Any, version: Any = None) -> str:
    """A version's page: by default the record's first version."""
    opts = obj._meta
    version = version or obj.history.earliest()
    return f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/history/{version.history_id}/"


@pytest.fixture
def meeting(make_committee) -> Meeting:
    # Published, so that officers and leads may read it (and only reading is theirs).
    return Meeting.objects.create(
        committee=make_committee(),
        date=date(2017, 12, 1),
        venue="Committee Room One",
        agenda_published_at=datetime(2017, 11, 23, 9, tzinfo=UTC),
    )


def test_view_only_staff_cannot_change_a_meeting_through_its_history(
    client: Client, meeting: Meeting, superuser, make_user
) -> None:
    url = history_url(meeting)
    data = revert_form(superuser, url, venue="The pub")
    client.force_login(make_user(username="officer", role=Role.OFFICER))
    assert client.post(url, data).status_code == 403
    meeting.refresh_from_db()
    assert meeting.venue == "Committee Room One"


def test_view_only_staff_see_a_version_read_only_with_no_revert_button(
    client: Client, meeting: Meeting, make_user
) -> None:
    client.force_login(make_user(username="officer", role=Role.OFFICER))
    response = client.get(history_url(meeting))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Committee Room One" in page
    assert 'name="venue"' not in page
    assert 'name="_save"' not in page


def test_scrutiny_officers_still_restore_a_meeting_version(
    client: Client, meeting: Meeting, superuser, make_user
) -> None:
    url = history_url(meeting)
    meeting.venue = "Council Chamber"
    meeting.save()
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    response = client.post(url, revert_form(superuser, url))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.venue == "Committee Room One"
    assert meeting.history.first().history_change_reason.startswith("restored the version of")


def test_view_only_staff_cannot_change_an_action_through_its_history(
    client: Client, meeting: Meeting, superuser, make_user
) -> None:
    item = AgendaItem.objects.create(meeting=meeting, number=5, title="Performance")
    action = Action.objects.create(item=item, what="Send the committee the Q2 figures")
    url = history_url(action)
    data = revert_form(superuser, url, what="Nothing to do", state="done")
    client.force_login(make_user(username="lead", role=Role.PERFORMANCE_LEAD))
    assert client.post(url, data).status_code == 403
    action.refresh_from_db()
    assert action.what == "Send the committee the Q2 figures" and action.state == "open"


def test_an_officer_cannot_change_another_officers_target_through_its_history(
    client: Client, demo, superuser
) -> None:
    # EYFS-GLD is the lead's measure.
    target = Target.objects.filter(measure__reference="EYFS-GLD").first()
    url = history_url(target)
    data = revert_form(superuser, url, value="1", band_low="0", band_high="2")
    before = (target.value, target.band_low, target.band_high)
    client.force_login(demo["officer"])
    assert client.post(url, data).status_code in (403, 404)
    target.refresh_from_db()
    assert (target.value, target.band_low, target.band_high) == before


def test_an_officer_cannot_retitle_another_officers_measure_through_its_history(
    client: Client, demo, superuser
) -> None:
    measure = Measure.objects.get(reference="EYFS-GLD")
    url = history_url(measure)
    data = revert_form(superuser, url, title="Renamed by the wrong officer")
    client.force_login(demo["officer"])
    assert client.post(url, data).status_code == 403
    measure.refresh_from_db()
    assert measure.title != "Renamed by the wrong officer"


def test_restoring_their_own_measure_leaves_the_leads_fields_alone(
    client: Client, demo, superuser
) -> None:
    measure = Measure.objects.get(reference="LAC-RATE")
    url = history_url(measure)
    # Since the first version a lead has shown the measure to two decimal places.
    measure.decimal_places = 2
    measure.save()
    data = revert_form(superuser, url, title="Children in care")
    client.force_login(demo["officer"])
    assert client.post(url, data).status_code == 302
    measure.refresh_from_db()
    assert measure.title == "Children in care"
    assert measure.decimal_places == 2  # a lead's to change, not the officer's
    assert measure.owner == demo["officer"]


def test_an_officer_cannot_unpublish_their_own_figure_through_its_history(
    client: Client, demo, superuser
) -> None:
    figure = Actual.objects.get(measure__reference="LAC-RATE", year=2017, quarter=1)
    url = history_url(figure)
    data = revert_form(superuser, url, value="40")
    client.force_login(demo["officer"])
    assert client.post(url, data).status_code == 403
    figure.refresh_from_db()
    assert figure.state == State.PUBLISHED and figure.value == Decimal("48.7")
    assert "48.7" in Client().get("/?period=2017/18+Q1").content.decode()


def test_an_officer_restores_their_own_draft_which_stays_a_draft(
    client: Client, demo, superuser, make_actual
) -> None:
    draft = make_actual("LAC-RATE", period="2017/18 Q2", value="47.2")
    url = history_url(draft)
    draft.value = Decimal("46")
    draft.save()
    client.force_login(demo["officer"])
    response = client.post(url, revert_form(superuser, url))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.value == Decimal("47.2") and draft.state == State.DRAFT


@pytest.fixture
def others_draft(demo, make_actual) -> Actual:
    """The lead's draft EYFS-GLD figure, with commentary nobody else should read yet."""
    return make_actual(
        "EYFS-GLD",
        period="2017/18 Q4",
        value="71.5",
        commentary="Draft note: do not share before sign-off.",
    )


@pytest.mark.parametrize("role", [Role.OFFICER, Role.SCRUTINY_OFFICER])
def test_history_never_shows_someone_elses_draft(
    client: Client, others_draft: Actual, make_user, role: Role
) -> None:
    client.force_login(make_user(username="reader", role=role))
    version = client.get(history_url(others_draft))
    listing = client.get(f"/admin/measures/actual/{others_draft.pk}/history/")
    for response in (version, listing):
        assert response.status_code in (403, 404)
        assert "do not share" not in response.content.decode()
        assert "71.5" not in response.content.decode()


def test_scrutiny_officers_read_the_published_versions_of_a_figure_only(
    client: Client, demo, make_user
) -> None:
    figure = Actual.objects.get(measure__reference="LAC-RATE", year=2017, quarter=1)
    figure.state, figure.value = State.DRAFT, Decimal("52.3")
    figure.save()
    figure.state = State.PUBLISHED
    figure.save()
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    listing = client.get(f"/admin/measures/actual/{figure.pk}/history/").content.decode()
    assert "52.3" in listing  # published now
    drafted = figure.history.filter(state=State.DRAFT).get()
    assert client.get(history_url(figure, drafted)).status_code == 404
