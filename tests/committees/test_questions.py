"""Members' questions: who may ask until when, where they go, answering, merging, declining,
and the exempt ones never shown, counted, searched, fed or given out to the public."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from committees.models import AgendaItem, Committee, Meeting, Paper, Question, QuestionState
from committees.packs.content import collect_pack
from committees.packs.sources import sources_digest
from committees.publication import publish_agenda
from committees.question_reads import question_counts
from committees.questions import (
    answer_question,
    ask_question,
    decline_question,
    hold_for_meeting,
    merge_duplicates,
)
from measures.models import State
from measures.rules.periods import Period
from scrutiny.roles import Role
from tests.committees.admin_support import form_data
from tests.committees.conftest import EXEMPT_TEXT
from tests.conftest import own_queries

Q1 = Period.parse("2017/18 Q1")


@pytest.fixture
def committee(make_committee: Callable[..., Committee]) -> Committee:
    return make_committee()


@pytest.fixture
def meeting(committee: Committee) -> Meeting:
    """A meeting a month ahead, its agenda published, with a performance item for 2017/18 Q1
    and an item whose appendix is exempt."""
    meeting = Meeting.objects.create(
        committee=committee, date=timezone.localdate() + timedelta(days=30), venue="Lincoln"
    )
    AgendaItem.objects.create(
        meeting=meeting, number=7, title="Performance - Quarter 1", period="2017/18 Q1"
    )
    private = AgendaItem.objects.create(meeting=meeting, number=9, title="Contract review")
    Paper.objects.create(
        item=private, kind="report", title="Contract", text=EXEMPT_TEXT, exempt_paragraph=3
    )
    publish_agenda(meeting=meeting, user=None)
    return meeting


@pytest.fixture
def member(make_user: Callable[..., Any], make_person: Callable[..., Any], committee: Committee):
    user = make_user("cllr.kirk", Role.COMMITTEE_MEMBER, email="kirk@example.org")
    make_person("Rosie Kirk", committee=committee, user=user, title="Councillor")
    return user


@pytest.fixture
def owner(make_user: Callable[..., Any]):
    return make_user("andy.cook", Role.OFFICER, email="andy.cook@example.org", first_name="Andy")


def _sent_to() -> list[list[str]]:
    return [
        task.args_kwargs["args"][0]["to"]
        for task in DBTaskResult.objects.filter(task_path="scrutiny.mail.send_email")
    ]


def test_a_question_on_a_figure_goes_to_the_measures_owner_by_a_task(
    member, owner, meeting: Meeting, make_measure, django_capture_on_commit_callbacks
) -> None:
    measure = make_measure(owner=owner)
    with django_capture_on_commit_callbacks(execute=True):
        question = ask_question(
            user=member, meeting=meeting, text="Why did the rate rise?", measure=measure, period=Q1
        )
    assert question.routed_to == owner
    assert question.item.number == 7  # printed under the item reporting the quarter
    assert _sent_to() == [["andy.cook@example.org"]]


def test_a_question_on_an_item_goes_to_its_report_author(
    member, owner, meeting: Meeting, django_capture_on_commit_callbacks
) -> None:
    item = meeting.items.get(number=7)
    item.report_author = owner
    item.save()
    with django_capture_on_commit_callbacks(execute=True):
        ask_question(user=member, meeting=meeting, text="What is the trend?", item=item)
    assert _sent_to() == [["andy.cook@example.org"]]


def test_a_question_nobody_owns_goes_to_the_scrutiny_officers_and_the_member_is_told(
    client: Client, member, make_user, meeting: Meeting, django_capture_on_commit_callbacks
) -> None:
    make_user("tracy", Role.SCRUTINY_OFFICER, email="tracy@example.org")
    client.force_login(member)
    item = meeting.items.get(number=7)
    url = f"/committees/{meeting.committee.slug}/{meeting.slug}/questions/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"item": item.pk, "text": "Who decides?"}, follow=True)
    page = response.content.decode()
    assert "Your question has been sent" in page
    assert "it has gone to the scrutiny officers" in page
    assert "Who decides?" in page  # under "Your questions for this meeting"
    assert _sent_to() == [["tracy@example.org"]]


def test_only_the_committees_members_may_ask(client: Client, make_user, meeting: Meeting) -> None:
    outsider = make_user("someone", Role.COMMITTEE_MEMBER)
    client.force_login(outsider)
    url = f"/committees/{meeting.committee.slug}/{meeting.slug}/questions/"
    response = client.post(url, {"item": meeting.items.first().pk, "text": "May I?"})
    assert response.status_code == 403
    assert "Only members of the" in response.content.decode()
    assert not Question.objects.exists()


def test_after_the_deadline_the_form_says_questions_have_closed(
    client: Client, member, meeting: Meeting
) -> None:
    meeting.date = timezone.localdate() + timedelta(days=1)
    meeting.save()
    client.force_login(member)
    url = f"/committees/{meeting.committee.slug}/{meeting.slug}/questions/"
    page = client.get(url).content.decode()
    assert "Questions for this meeting closed at the end of" in page
    assert "<textarea" not in page
    with pytest.raises(ValidationError, match="closed on"):
        ask_question(user=member, meeting=meeting, text="Too late?", item=meeting.items.first())


def test_an_answered_question_shows_on_the_measure_page_for_its_quarter_only(
    client: Client, member, meeting: Meeting, make_actual
) -> None:
    make_actual(state=State.PUBLISHED)
    make_actual(period="2017/18 Q2", state=State.PUBLISHED)
    measure = meeting.committee.measures.model.objects.get(reference="LAC-RATE")
    question = ask_question(
        user=member, meeting=meeting, text="Why so high?", measure=measure, period=Q1
    )
    url = "/measures/LAC-RATE/"
    assert "Why so high?" not in client.get(url, {"period": "2017/18 Q1"}).content.decode()
    answer_question(question=question, answer="More children entered care.", user=None)
    page = client.get(url, {"period": "2017/18 Q1"}).content.decode()
    assert "Why so high?" in page and "More children entered care." in page
    assert "Why so high?" not in client.get(url, {"period": "2017/18 Q2"}).content.decode()


def test_an_officer_publishes_an_answer_in_the_admin(
    client: Client, member, owner, meeting: Meeting, make_measure
) -> None:
    question = ask_question(
        user=member,
        meeting=meeting,
        text="Why?",
        measure=make_measure(owner=owner),
        period=Q1,
    )
    client.force_login(owner)
    url = f"/admin/committees/question/{question.pk}/change/"
    data = form_data(client.get(url))
    client.post(url, {**data, "answer": "Because.", "publish": "on"})
    question.refresh_from_db()
    assert (question.state, question.answer, question.answered_by) == (
        "answered",
        "Because.",
        owner,
    )
    # A draft answer, not published, stays a draft.
    other = ask_question(
        user=member, meeting=meeting, text="And?", measure=question.measure, period=Q1
    )
    url = f"/admin/committees/question/{other.pk}/change/"
    client.post(url, {**form_data(client.get(url)), "answer": "Draft words."})
    other.refresh_from_db()
    assert (other.state, other.answer) == ("asked", "Draft words.")


def test_a_merged_duplicates_asker_reads_the_kept_questions_answer(
    client: Client, member, make_user, make_person, meeting: Meeting
) -> None:
    other = make_user("cllr.other", Role.COMMITTEE_MEMBER)
    make_person("Other Member", committee=meeting.committee, user=other)
    item = meeting.items.get(number=7)
    kept = ask_question(user=member, meeting=meeting, text="Why the rise?", item=item)
    duplicate = ask_question(user=other, meeting=meeting, text="Why up?", item=item)
    assert merge_duplicates(keep=kept, duplicates=[duplicate]) == 1
    answer_question(question=kept, answer="Two large sibling groups.", user=None)
    duplicate.refresh_from_db()
    assert (duplicate.state, duplicate.duplicate_of) == (QuestionState.DUPLICATE, kept)
    client.force_login(other)
    page = client.get(f"/committees/{meeting.committee.slug}/{meeting.slug}/questions/")
    assert "Two large sibling groups." in page.content.decode()


def test_a_question_is_declined_only_with_a_reason(member, meeting: Meeting) -> None:
    question = ask_question(user=member, meeting=meeting, text="?", item=meeting.items.first())
    with pytest.raises(ValidationError, match="Say why"):
        decline_question(question=question, reason="  ")
    with transaction.atomic(), pytest.raises(IntegrityError):
        Question.objects.filter(pk=question.pk).update(state=QuestionState.DECLINED)
    decline_question(question=question, reason="Not within the committee's remit.")
    question.refresh_from_db()
    assert question.state == QuestionState.DECLINED


def test_the_meeting_page_counts_the_questions(client: Client, member, meeting: Meeting) -> None:
    item = meeting.items.get(number=7)
    answered = ask_question(user=member, meeting=meeting, text="One?", item=item)
    answer_question(question=answered, answer="Yes.", user=None)
    hold_for_meeting(question=ask_question(user=member, meeting=meeting, text="Two?", item=item))
    decline_question(
        question=ask_question(user=member, meeting=meeting, text="Three?", item=item),
        reason="Answered at the last meeting.",
    )
    ask_question(user=member, meeting=meeting, text="Four?", item=item)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "4 questions asked: 1 answered before the meeting, 1 at the meeting, 1 declined." in page
    assert "One?" in page and "Yes." in page  # under its item
    assert "Two?" not in page  # not answered yet


def test_an_exempt_items_question_is_hidden_from_the_public(
    client: Client, member, meeting: Meeting
) -> None:
    private = meeting.items.get(number=9)
    question = ask_question(
        user=member, meeting=meeting, text="Which supplier failed?", item=private
    )
    answer_question(question=question, answer="Supplier X failed.", user=None)
    committee = meeting.committee.slug
    public = [
        client.get(meeting.get_absolute_url()).content.decode(),
        client.get("/search/", {"q": "supplier"}).content.decode(),
        client.get("/api/v1/questions").content.decode(),
        client.get(f"/feeds/{committee}/questions.atom").content.decode(),
        client.get(f"/committees/{committee}/since-last-meeting/").content.decode(),
    ]
    assert not any("Supplier X" in page or "Which supplier" in page for page in public)
    assert question_counts(meeting, None).asked == 0  # not even counted
    client.force_login(member)  # a member of the committee is entitled
    assert "Supplier X failed." in client.get(meeting.get_absolute_url()).content.decode()


def test_a_public_answer_is_in_the_api_feed_search_and_since_the_last_meeting(
    client: Client, member, meeting: Meeting
) -> None:
    item = meeting.items.get(number=7)
    question = ask_question(user=member, meeting=meeting, text="How many placements?", item=item)
    answer_question(question=question, answer="Eleven placements moved.", user=None)
    committee = meeting.committee.slug
    [row] = client.get("/api/v1/questions").json()["results"]
    assert (row["question"], row["answer"], row["item_number"]) == (
        "How many placements?",
        "Eleven placements moved.",
        7,
    )
    assert "Eleven placements moved." in client.get("/api/v1/questions?format=csv").content.decode()
    assert "/api/v1/questions" in client.get("/api/v1/openapi.json").content.decode()
    assert (
        "How many placements?" in client.get(f"/feeds/{committee}/questions.atom").content.decode()
    )
    assert (
        "placements"
        in client.get("/search/", {"q": "placements", "kind": "question"}).content.decode()
    )
    since = client.get(f"/committees/{committee}/since-last-meeting/").content.decode()
    assert "Questions answered" in since and "How many placements?" in since


def test_the_pack_prints_answers_under_their_item_and_goes_stale_when_one_is_published(
    client: Client, member, meeting: Meeting
) -> None:
    item = meeting.items.get(number=7)
    question = ask_question(user=member, meeting=meeting, text="What changed?", item=item)
    private = ask_question(
        user=member, meeting=meeting, text="Secret?", item=meeting.items.get(number=9)
    )
    answer_question(question=private, answer="Exempt answer.", user=None)
    before = sources_digest(meeting=meeting, full=False)
    answer_question(question=question, answer="The threshold changed.", user=None)
    assert sources_digest(meeting=meeting, full=False) != before
    public = collect_pack(meeting=meeting, full=False)
    [entry] = [e for e in public.entries if e.item.number == 7]
    [printed] = [d for d in entry.documents if d.kind == "questions"]
    assert printed.label == "Members' questions and answers"
    assert [q.answer for q in printed.questions] == ["The threshold changed."]
    assert not any(
        d.kind == "questions" for e in public.entries if e.item.number == 9 for d in e.documents
    )
    page = client.get(f"{meeting.get_absolute_url()}pack/").content.decode()
    assert "Members&#x27; questions and answers" in page
    assert "The threshold changed." in page and "Exempt answer." not in page
    full = collect_pack(meeting=meeting, full=True)
    assert any(
        d.kind == "questions" for e in full.entries if e.item.number == 9 for d in e.documents
    )


def test_the_meeting_page_reads_its_questions_in_a_fixed_number_of_queries(
    client: Client, member, meeting: Meeting
) -> None:
    item = meeting.items.get(number=7)

    def answered(count: int) -> int:
        for n in range(count):
            question = ask_question(user=member, meeting=meeting, text=f"Q{n}?", item=item)
            answer_question(question=question, answer=f"A{n}.", user=None)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(meeting.get_absolute_url()).status_code == 200
        return own_queries(queries)

    client.force_login(member)
    assert answered(1) == answered(5)


def test_the_demo_meeting_has_made_up_questions_marked_as_demo_data(
    client: Client, make_measure
) -> None:
    from committees.demo import load_demo_committees, load_demo_questions

    make_measure("LAC-RATE")
    load_demo_committees()
    assert load_demo_questions() == 2
    assert load_demo_questions() == 2  # run again: replaced, not added to
    meeting = Meeting.objects.get(date="2017-09-08")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "2 questions asked: 1 answered before the meeting, 1 at the meeting, 0 declined." in page
    assert "Demo data" in page and "Mostly fewer leaving care" in page


def test_a_scrutiny_officer_merges_in_the_admin_and_cannot_decline_without_a_reason(
    client: Client, member, make_user, meeting: Meeting
) -> None:
    item = meeting.items.get(number=7)
    first = ask_question(user=member, meeting=meeting, text="First?", item=item)
    second = ask_question(user=member, meeting=meeting, text="Again?", item=item)
    client.force_login(make_user("tracy", Role.SCRUTINY_OFFICER))
    client.post(
        "/admin/committees/question/",
        {"action": "merge", "_selected_action": [first.pk, second.pk]},
    )
    second.refresh_from_db()
    assert (second.state, second.duplicate_of) == (QuestionState.DUPLICATE, first)
    url = f"/admin/committees/question/{first.pk}/change/"
    response = client.post(url, {**form_data(client.get(url)), "state": "declined"})
    assert response.status_code == 200
    assert "Say why the question is declined." in response.content.decode()
    first.refresh_from_db()
    assert first.state == QuestionState.ASKED
