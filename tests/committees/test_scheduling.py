"""Scheduled publication: an officer sets a time, and the worker publishes the agenda then."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from committees.models import Meeting, Paper, ScheduledPublication
from committees.publication import PublicationError, publish_agenda
from committees.scheduling import cancel_schedule, publish_due_agendas, schedule_agenda
from scrutiny.roles import Role
from tests.worker_support import run_worker

pytestmark = pytest.mark.django_db


def schedule_url(meeting: Meeting) -> str:
    return f"/admin/committees/meeting/{meeting.pk}/schedule/"


def local_input(moment) -> str:  # noqa: ANN001
    """How the browser's date-and-time field sends a moment."""
    return f"{timezone.localtime(moment):%Y-%m-%dT%H:%M:%S}"


@pytest.mark.django_db(transaction=True)
def test_a_scheduled_agenda_is_published_by_the_worker_at_its_time_and_not_before(
    client: Client, draft_meeting: Meeting, make_user
) -> None:
    officer = make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER)
    client.force_login(officer)
    at = (timezone.now() + timedelta(seconds=3)).replace(microsecond=0)
    data = {"publish_at": local_input(at)}
    page = client.post(schedule_url(draft_meeting), data, follow=True).content.decode()
    assert f"The agenda will be published on {timezone.localtime(at):%A %-d %B %Y at %H:%M}" in page
    assert "Scheduled:</strong> the agenda will be published on" in page
    queued = DBTaskResult.objects.get(task_path="committees.scheduling.publish_due_agendas_task")
    assert queued.run_after == at  # the backend holds the task back until then

    run_worker()  # too early: nothing is due
    draft_meeting.refresh_from_db()
    assert not draft_meeting.agenda_is_published

    time.sleep(max(0.0, (at - timezone.now()).total_seconds()) + 0.2)
    run_worker()
    draft_meeting.refresh_from_db()
    assert draft_meeting.agenda_published_at >= at
    assert draft_meeting.agenda_published_by == officer
    # As "Publish the agenda" does: the papers go out with it.
    assert not Paper.objects.filter(item__meeting=draft_meeting, published_at__isnull=True).exists()
    assert not ScheduledPublication.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_time_missed_while_no_worker_ran_is_published_when_one_starts(
    draft_meeting: Meeting, make_user
) -> None:
    officer = make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER)
    schedule_agenda(meeting=draft_meeting, at=timezone.now() + timedelta(hours=1), user=officer)
    DBTaskResult.objects.all().delete()  # its task lost (another backend, or a restore)
    ScheduledPublication.objects.update(publish_at=timezone.now() - timedelta(minutes=5))

    run_worker()

    draft_meeting.refresh_from_db()
    assert draft_meeting.agenda_is_published


def test_an_agenda_that_cannot_be_published_keeps_its_schedule_with_the_reason(
    draft_meeting: Meeting,
) -> None:
    schedule_agenda(meeting=draft_meeting, at=timezone.now() + timedelta(hours=1), user=None)
    publish_agenda(meeting=draft_meeting, user=None)  # published by hand meanwhile
    ScheduledPublication.objects.update(publish_at=timezone.now() - timedelta(minutes=1))

    assert publish_due_agendas() == []
    scheduled = ScheduledPublication.objects.get()
    assert scheduled.failure.startswith("The agenda was already published on")
    assert publish_due_agendas() == []  # not tried again and again


@pytest.mark.parametrize(
    ("when", "reason"),
    [
        (timedelta(minutes=-1), "Choose a time in the future, or publish the agenda now."),
        (timedelta(0), "Choose a time in the future, or publish the agenda now."),
    ],
)
def test_a_time_already_past_is_refused(
    draft_meeting: Meeting, when: timedelta, reason: str
) -> None:
    with pytest.raises(PublicationError) as refused:
        schedule_agenda(meeting=draft_meeting, at=timezone.now() + when, user=None)
    assert str(refused.value) == reason
    assert not ScheduledPublication.objects.exists()


def test_a_published_agenda_cannot_be_scheduled(exempt_meeting: Meeting) -> None:
    with pytest.raises(PublicationError, match="The agenda is already published."):
        schedule_agenda(meeting=exempt_meeting, at=timezone.now() + timedelta(days=1), user=None)


def test_moving_the_time_keeps_one_schedule_and_cancelling_removes_it(
    draft_meeting: Meeting,
) -> None:
    first = timezone.now() + timedelta(days=1)
    schedule_agenda(meeting=draft_meeting, at=first, user=None)
    schedule_agenda(meeting=draft_meeting, at=first + timedelta(hours=2), user=None)
    assert ScheduledPublication.objects.get().publish_at == first + timedelta(hours=2)
    # The task queued for the first time finds nothing due then.
    assert publish_due_agendas(now=first + timedelta(minutes=1)) == []

    assert cancel_schedule(meeting=draft_meeting)
    assert not ScheduledPublication.objects.exists()
    assert publish_due_agendas(now=first + timedelta(hours=3)) == []


def test_the_admin_form_says_what_is_wrong_and_schedules_nothing(
    client: Client, draft_meeting: Meeting, make_user
) -> None:
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    response = client.post(schedule_url(draft_meeting), {"publish_at": "next Tuesday"}, follow=True)
    assert response.status_code == 200
    assert "Nothing was scheduled: Enter a valid date/time." in response.content.decode()
    assert not ScheduledPublication.objects.exists()


@pytest.mark.parametrize("role", [Role.OFFICER, Role.PERFORMANCE_LEAD])
def test_only_those_who_publish_may_schedule(
    client: Client, draft_meeting: Meeting, make_user, role: Role
) -> None:
    client.force_login(make_user(username="someone", role=role))
    at = timezone.now() + timedelta(days=1)
    response = client.post(schedule_url(draft_meeting), {"publish_at": local_input(at)})
    assert response.status_code == 403
    assert not ScheduledPublication.objects.exists()
