"""Which figure publications alert whom: a new figure, and a change of status."""

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.dispatch import Signal
from django.utils import timezone

from committees.models import (
    AgendaItem,
    Meeting,
    Publication,
    Question,
    RecommendationUpdate,
    ScheduledPublication,
)
from committees.questions import answer_question
from committees.recommendations import record_update
from committees.scheduling import publish_due_agendas
from committees.signals import published, question_answered, recommendation_updated
from measures.importers.imports import import_return
from measures.importers.tabular import ImportRejected
from measures.models import Actual, State
from measures.signals import figure_published
from measures.workflow import Action, move
from scrutiny.roles import Role
from tests.committees.admin_support import form_data
from tests.conftest import create_user

pytestmark = pytest.mark.django_db

# The officers' return files the importer's tests load (tests/measures/files).
RETURNS = Path(__file__).resolve().parents[2] / "measures" / "files"


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


def test_recommendation_updates_and_answers_alert_only_what_the_public_may_read(
    client, committed, exempt_meeting, make_recommendation
) -> None:
    committee = exempt_meeting.committee
    with committed():
        client.post(
            f"/alerts/committees/{committee.slug}/",
            {
                "email": "resident@example.org",
                "topics": ["recommendation-updated", "question-answered"],
            },
        )
    [confirmation] = mail.outbox
    assert "Scrutiny Committee: A recommendation is updated" in confirmation.body
    assert "Scrutiny Committee: A member's question is answered" in confirmation.body
    confirm = re.search(r"https://\S+(/alerts/confirm/\S+/)", str(confirmation.body))
    assert confirm and client.post(confirm.group(1)).status_code == 200
    mail.outbox.clear()

    public = make_recommendation("Define the gaps to close.", committee=committee)
    draft = make_recommendation("Not yet agreed to publish.", committee=committee, published=False)
    with committed():
        update = record_update(
            recommendation=public, on=date(2013, 1, 10), text="Gaps defined.", status="implemented"
        )
        record_update(recommendation=draft, on=date(2013, 1, 10), text="Draft progress.")
    [alert] = mail.outbox
    assert alert.subject == (
        "Recommendation updated: Children and Young People Scrutiny Committee, 10 January 2013"
    )
    assert "Define the gaps to close." in alert.body
    assert "Gaps defined. Status: Implemented." in alert.body
    assert f"{public.get_absolute_url()}#update-{update.pk}" in alert.body
    assert alert.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Draft progress" not in alert.body

    mail.outbox.clear()
    item = AgendaItem.objects.create(meeting=exempt_meeting, number=5, title="Adoption scorecard")
    member = create_user("member", Role.COMMITTEE_MEMBER)
    asked = Question.objects.create(
        meeting=exempt_meeting, item=item, text="How many adopted?", asked_by=member
    )
    private = Question.objects.create(
        meeting=exempt_meeting,
        item=exempt_meeting.items.get(number=8),
        text="Which supplier?",
        asked_by=member,
    )
    with committed():
        answer_question(question=asked, answer="Twelve children were adopted.", user=None)
        answer_question(question=private, answer="Supplier X failed.", user=None)
    [alert] = mail.outbox
    assert alert.subject == "Question answered: Item 5: Adoption scorecard"
    assert "Question: How many adopted?" in alert.body
    assert "Answer: Twelve children were adopted." in alert.body
    assert f"{exempt_meeting.get_absolute_url()}#question-{asked.pk}" in alert.body
    assert "Supplier" not in alert.body and "Supplier" not in alert.alternatives[0][0]


def test_an_update_recorded_in_the_admin_alerts_once(
    client, committed, make_subscription, make_recommendation
) -> None:
    recommendation = make_recommendation("Define the gaps to close.")
    make_subscription(topic="recommendation-updated", committee=recommendation.committee)
    client.force_login(create_user("tracy", Role.SCRUTINY_OFFICER))
    url = f"/admin/committees/recommendation/{recommendation.pk}/change/"
    data = form_data(client.get(url))
    data.update({"updates-0-date": "2013-01-10", "updates-0-text": "Gaps defined."})
    with committed():
        assert client.post(url, data).status_code == 302
    [alert] = mail.outbox
    assert "Gaps defined. Status: Open." in alert.body


@pytest.fixture
def return_measures(make_measure, make_target, make_actual) -> None:
    """The measures return_q1.csv gives figures for; LAC-RATE Achieved in 2016/17 Q4."""
    make_target(make_measure("LAC-RATE"), year=2016)
    make_target("LAC-RATE")
    make_actual("LAC-RATE", period="2016/17 Q4", value="46", state=State.PUBLISHED)
    fte = make_measure("FTE-YJ", unit="count", polarity="lower", decimal_places=0)
    make_target(fte, value="203", band_low="183", band_high="223")
    make_measure("LAC-16-17-LEARN", unit="percentage", polarity="higher", decimal_places=2)
    make_measure("KS4-EM", unit="percentage", polarity="higher", frequency="annual")


def test_figures_published_by_a_file_import_alert_each_follower_once_per_measure_after_commit(
    committed, make_subscription, return_measures
) -> None:
    from measures.models import Measure

    by_reference = {m.reference: m for m in Measure.objects.all()}
    lac, fte = by_reference["LAC-RATE"], by_reference["FTE-YJ"]
    make_subscription("follows@example.org", topic="figure-published", measure=lac)
    make_subscription("follows@example.org", topic="status-changed", measure=lac)
    make_subscription("follows@example.org", topic="figure-published", measure=fte)
    make_subscription("status@example.org", topic="status-changed", measure=fte)
    make_subscription(
        "waiting@example.org",
        topic="figure-published",
        measure=by_reference["KS4-EM"],
        confirmed=False,
    )

    with committed():
        assert import_return(path=RETURNS / "return_q1.csv").created == 4
        assert mail.outbox == []  # nothing leaves before the import commits

    # One message a measure's event, however many of its topics are followed; FTE-YJ has no
    # earlier figure, so its status did not change.
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("follows@example.org", "New figure: FTE-YJ 2017/18 Q1 (Not achieved)"),
        ("follows@example.org", "Status changed: LAC-RATE 2017/18 Q1 (Achieved to Not achieved)"),
    ]
    lac_alert = next(m for m in mail.outbox if "LAC-RATE" in m.subject)
    assert "the figure for 2017/18 Q1 is published: 48.7 per 10,000" in lac_alert.body
    assert "Its status changed from Achieved (2016/17 Q4) to Not achieved." in lac_alert.body

    mail.outbox.clear()
    with committed():
        assert import_return(path=RETURNS / "return_q1.csv").unchanged == 4
    assert mail.outbox == []  # the same file again publishes nothing new


def test_an_import_refused_or_loaded_as_drafts_alerts_nobody(
    committed, make_subscription, return_measures
) -> None:
    from measures.models import Measure

    for measure in Measure.objects.all():
        make_subscription(topic="figure-published", measure=measure)

    with committed(), pytest.raises(ImportRejected):
        import_return(path=RETURNS / "return_bad.csv")
    with committed():
        import_return(path=RETURNS / "return_q1.csv", publish=False)

    assert mail.outbox == []
    assert not Actual.objects.filter(year=2017, state=State.PUBLISHED).exists()


def _figure(request: pytest.FixtureRequest) -> tuple[Signal, dict[str, Any], dict[str, Any]]:
    figure = request.getfixturevalue("make_actual")(state=State.PUBLISHED)
    fresh = Actual.objects.get(pk=figure.pk)
    return figure_published, {"actual": fresh}, {"measure": figure.measure}


def _agenda(request: pytest.FixtureRequest) -> tuple[Signal, dict[str, Any], dict[str, Any]]:
    meeting = Meeting.objects.get(pk=request.getfixturevalue("exempt_meeting").pk)
    signal_kwargs = {"meeting": meeting, "what": Publication.AGENDA}
    return published, signal_kwargs, {"committee_id": meeting.committee_id}


def _update(request: pytest.FixtureRequest) -> tuple[Signal, dict[str, Any], dict[str, Any]]:
    recommendation = request.getfixturevalue("make_recommendation")()
    made = record_update(recommendation=recommendation, on=date(2013, 1, 10), text="Done.")
    update = RecommendationUpdate.objects.get(pk=made.pk)
    return recommendation_updated, {"update": update}, {"committee": recommendation.committee}


def _answer(request: pytest.FixtureRequest) -> tuple[Signal, dict[str, Any], dict[str, Any]]:
    meeting = request.getfixturevalue("exempt_meeting")
    item = AgendaItem.objects.create(meeting=meeting, number=5, title="Adoption scorecard")
    member = create_user("member", Role.COMMITTEE_MEMBER)
    asked = Question.objects.create(meeting=meeting, item=item, text="How many?", asked_by=member)
    answer_question(question=asked, answer="Twelve.", user=None)
    question = Question.objects.get(pk=asked.pk)
    return question_answered, {"question": question}, {"committee_id": meeting.committee_id}


@pytest.mark.parametrize(
    ("topic", "build"),
    [
        ("figure-published", _figure),
        ("agenda-published", _agenda),
        ("recommendation-updated", _update),
        ("question-answered", _answer),
    ],
)
def test_an_event_no_one_has_confirmed_costs_its_receiver_one_query(
    request: pytest.FixtureRequest,
    django_assert_num_queries: Callable[..., Any],
    make_subscription,
    topic: str,
    build: Callable[..., tuple[Signal, dict[str, Any], dict[str, Any]]],
) -> None:
    signal, signal_kwargs, about = build(request)
    # Asked for but not confirmed: as good as nobody following.
    make_subscription(topic=topic, confirmed=False, **about)

    with django_assert_num_queries(1):
        signal.send(sender=None, **signal_kwargs)
    assert mail.outbox == []
