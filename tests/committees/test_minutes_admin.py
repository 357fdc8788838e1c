"""Scrutiny officers record attendance roles, closing times and minutes in the admin; bad
input gets a message on the form, never a 500, and changes nothing."""

from __future__ import annotations

from datetime import time

import pytest
from django.test import Client

from committees.models import AgendaItem, Attendance, Meeting, Membership, Minute
from scrutiny.roles import Role
from tests.committees.admin_support import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def scrutiny(client: Client, make_user) -> Client:
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    return client


def change_url(meeting: Meeting) -> str:
    return f"/admin/committees/meeting/{meeting.pk}/change/"


def test_the_admin_records_who_attended_as_what(
    scrutiny: Client, exempt_meeting: Meeting, make_person
) -> None:
    officer = make_person("Tracy Johnson", kind="officer", role_title="Scrutiny Officer")
    data = form_data(scrutiny.get(change_url(exempt_meeting)))
    total = int(data["attendance-TOTAL_FORMS"])
    data.update(
        {
            "attendance-TOTAL_FORMS": total + 1,
            f"attendance-{total}-person": officer.pk,
            f"attendance-{total}-status": "present",
            f"attendance-{total}-role": "officer",
            f"attendance-{total}-capacity": "Senior Scrutiny Officer",
            "closed_at": "11:55",
            "_save": "Save",
        }
    )
    response = scrutiny.post(change_url(exempt_meeting), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    row = Attendance.objects.get(meeting=exempt_meeting, person=officer)
    assert (row.role, row.capacity) == ("officer", "Senior Scrutiny Officer")
    exempt_meeting.refresh_from_db()
    assert exempt_meeting.closed_at == time(11, 55)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("closed_at", "09:30", "A meeting cannot close before it starts."),
        ("closed_at", "25:99", "Enter a valid time."),
        ("attendance-0-role", "mayor", "Select a valid choice."),
    ],
)
def test_bad_input_is_named_on_the_form_and_changes_nothing(
    scrutiny: Client, exempt_meeting: Meeting, make_person, field: str, value: str, message: str
) -> None:
    Meeting.objects.filter(pk=exempt_meeting.pk).update(start=time(10, 0))
    member = make_person("R L Foulkes")
    Attendance.objects.create(meeting=exempt_meeting, person=member, status="present")
    data = form_data(scrutiny.get(change_url(exempt_meeting)))
    data.update({"closed_at": "11:55", field: value, "_save": "Save"})
    response = scrutiny.post(change_url(exempt_meeting), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    exempt_meeting.refresh_from_db()
    assert exempt_meeting.closed_at is None
    assert Attendance.objects.get(person=member).role == ""


def test_a_row_left_without_a_role_gets_the_one_held_on_the_day(
    scrutiny: Client, exempt_meeting: Meeting, make_person
) -> None:
    chair = make_person("R L Foulkes")
    Membership.objects.create(person=chair, committee=exempt_meeting.committee, role="chair")
    officer = make_person("Katrina Cope", kind="officer", role_title="Democratic Services")
    data = form_data(scrutiny.get(change_url(exempt_meeting)))
    total = int(data["attendance-TOTAL_FORMS"])
    data["attendance-TOTAL_FORMS"] = total + 2
    for number, person in enumerate([chair, officer], total):
        data[f"attendance-{number}-person"] = person.pk
        data[f"attendance-{number}-status"] = "present"
    data["_save"] = "Save"
    assert scrutiny.post(change_url(exempt_meeting), data).status_code == 302
    rows = exempt_meeting.attendance.values_list("person__name", "role", "capacity")
    assert set(rows) == {
        ("R L Foulkes", "chair", ""),
        ("Katrina Cope", "officer", "Democratic Services"),
    }


def test_a_minute_marking_more_decisions_than_it_lists_is_refused_with_a_message(
    scrutiny: Client, exempt_meeting: Meeting
) -> None:
    item = AgendaItem.objects.get(meeting=exempt_meeting)
    change = f"/admin/committees/agendaitem/{item.pk}/change/"
    data = form_data(scrutiny.get(change))
    data.update(
        {
            "minute-TOTAL_FORMS": 1,
            "minute-0-number": 15,
            "minute-0-text": "It was moved, seconded and\n\nRESOLVED\n\nQuestions.\n\nRESOLVED",
            "minute-0-resolutions": "That the public and press be excluded.",
            "_save": "Save",
        }
    )
    response = scrutiny.post(change, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The text marks 2 places for a decision" in page
    assert "but 1 decision is listed under Resolutions" in page
    assert not Minute.objects.exists()
    data["minute-0-resolutions"] += "\nThat the report be received."
    assert scrutiny.post(change, data).status_code == 302
    minute = Minute.objects.get()
    assert [part.resolved for part in minute.parts if part.resolved] == [
        ["That the public and press be excluded."],
        ["That the report be received."],
    ]
