"""Which figure publications alert whom: a new figure, and a change of status."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from committees.models import ScheduledPublication
from committees.scheduling import publish_due_agendas
from measures.models import State
from measures.workflow import Action, move
from scrutiny.roles import Role
from tests.conftest import create_user

pytestmark = pytest.mark.django_db


def test_a_status_change_alerts_both_topics_once_and_a_steady_status_only_new_figures(
    committed, make_subscription, make_target, make_actual
) -> None:
    measure = make_target().measure  # LAC-RATE 2017/18: 45, band 43 to 47
    make_subscription("both@example.org", topic="figure-published", measure=measure)
    make_subscription("both@example.org", topic="status-changed", measure=measure)
    make_subscription("changes@example.org", topic="status-changed", measure=measure)
    lead = create_user("lead", Role.PERFORMANCE_LEAD)
    make_actual(measure, period="2017/18 Q1", value="46", state=State.PUBLISHED)  # Achieved

    with committed():
        move(
            actual=make_actual(measure, period="2017/18 Q2", value="49", state=State.APPROVED),
            action=Action.PUBLISH,
            by=lead,
        )
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("both@example.org", "Status changed: LAC-RATE 2017/18 Q2 (Achieved to Not achieved)"),
        ("changes@example.org", "Status changed: LAC-RATE 2017/18 Q2 (Achieved to Not achieved)"),
    ]
    assert "the figure for 2017/18 Q2 is published: 49.0 per 10,000, status Not achieved" in (
        mail.outbox[0].body
    )
    assert "/measures/LAC-RATE/?period=2017%2F18+Q2" in mail.outbox[0].body

    mail.outbox.clear()
    with committed():
        move(
            actual=make_actual(measure, period="2017/18 Q3", value="50", state=State.APPROVED),
            action=Action.PUBLISH,
            by=lead,
        )
    assert [(m.to[0], m.subject) for m in mail.outbox] == [
        ("both@example.org", "New figure: LAC-RATE 2017/18 Q3 (Not achieved)")
    ]


def test_an_unconfirmed_subscription_hears_nothing(
    committed, make_subscription, make_actual
) -> None:
    figure = make_actual(state=State.APPROVED)
    make_subscription(topic="figure-published", measure=figure.measure, confirmed=False)
    with committed():
        move(actual=figure, action=Action.PUBLISH, by=create_user("lead", Role.PERFORMANCE_LEAD))
    assert mail.outbox == []


def test_an_agenda_published_as_scheduled_alerts_the_committees_subscribers(
    committed, make_subscription, draft_meeting
) -> None:
    committee = draft_meeting.committee
    make_subscription(topic="agenda-published", committee=committee)
    make_subscription("other@example.org", topic="minutes-published", committee=committee)
    ScheduledPublication.objects.create(
        meeting=draft_meeting, publish_at=timezone.now() - timedelta(minutes=1)
    )
    with committed():
        publish_due_agendas()
    [alert] = mail.outbox
    assert alert.to == ["resident@example.org"]
    assert alert.subject == (
        "Agenda published: Children and Young People Scrutiny Committee, 8 September 2017"
    )
    assert "on Friday 8 September 2017 at Lincoln is published" in alert.body
