"""Recommendations: their invariants, life-cycle, "since the last meeting" and the monitor paper."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from committees.models import (
    AgendaItem,
    Generated,
    Meeting,
    Minute,
    Paper,
    Recommendation,
    RecommendationUpdate,
)
from committees.packs.content import MONITOR, collect_pack
from committees.packs.sources import sources_digest
from committees.publication import publish_agenda
from committees.recommendations import recommendations_updated, record_update, tracked
from committees.since import window_after
from scrutiny.roles import Role
from tests.committees.conftest import PUBLISHED
from tests.committees.packs.pack_support import pdf_of_pages

pytestmark = pytest.mark.django_db


def resolution_minute(committee, day: date = date(2017, 7, 21), exempt: int | None = None):
    meeting = Meeting.objects.create(committee=committee, date=day, venue="Lincoln")
    item = AgendaItem.objects.create(meeting=meeting, number=9, title="Work programme")
    return Minute.objects.create(
        item=item,
        text="Consideration was given to the work programme.",
        resolutions="That a progress report be received in six months' time.",
        exempt_paragraph=exempt,
    )


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"source": "other", "source_name": ""}, "source_name", "Name the source"),
        ({"source": "resolution", "source_name": ""}, "minute", "Choose the minute"),
        ({"response": "not_accepted"}, "response_reasons", "reasons it was not accepted"),
        ({"response": "partly"}, "response_reasons", "reasons it was partly accepted"),
        ({"due": date(2012, 1, 1)}, "due", "cannot be before"),
    ],
)
def test_an_incomplete_recommendation_is_refused_with_a_message_and_by_the_database(
    make_committee, fields, field, message
) -> None:
    committee = make_committee()
    values = {
        "committee": committee,
        "text": "Define the gaps.",
        "source": "peer_challenge",
        "raised": date(2012, 7, 18),
        **fields,
    }
    with pytest.raises(ValidationError) as refused:
        Recommendation(**values).full_clean()
    assert message in " ".join(refused.value.message_dict[field])
    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.create(**values)


def test_a_resolution_from_a_minute_taken_in_private_cannot_be_published(make_committee) -> None:
    committee = make_committee()
    minute = resolution_minute(committee, exempt=3)
    recommendation = Recommendation(
        committee=committee,
        text="Report back in private.",
        source="resolution",
        minute=minute,
        raised=date(2017, 7, 21),
        published=True,
    )
    with pytest.raises(ValidationError) as refused:
        recommendation.full_clean()
    assert "cannot be published" in refused.value.message_dict["published"][0]


def test_a_recommendation_moves_through_its_updates_until_implemented(
    make_recommendation,
) -> None:
    recommendation = make_recommendation(due=date(2013, 3, 31), response="accepted")
    assert [f.words for f in tracked(recommendation, date(2013, 4, 1)).flags] == [
        "Overdue",
        "No update for 6 months",
    ]

    record_update(
        recommendation=recommendation,
        on=date(2013, 2, 1),
        text="Early Intervention Strategy drafted.",
        status="in_progress",
    )
    record_update(
        recommendation=recommendation,
        on=date(2013, 4, 10),
        text="Strategy adopted by the Executive.",
        status="implemented",
    )

    recommendation = Recommendation.objects.prefetch_related("updates").get(pk=recommendation.pk)
    assert recommendation.status == "implemented"
    assert tracked(recommendation, date(2014, 1, 1)).flags == []
    assert [u.text for u in recommendation.updates.all()] == [
        "Early Intervention Strategy drafted.",
        "Strategy adopted by the Executive.",
    ]
    assert recommendation.history.count() == 3  # made, then moved twice


def test_an_update_needs_words_or_evidence_and_evidence_must_be_a_pdf(make_recommendation) -> None:
    recommendation = make_recommendation()
    with pytest.raises(ValidationError) as refused:
        record_update(recommendation=recommendation, on=date(2013, 1, 1))
    assert "Write the progress" in refused.value.message_dict["text"][0]

    with pytest.raises(ValidationError) as refused:
        record_update(
            recommendation=recommendation,
            on=date(2013, 1, 1),
            evidence=ContentFile(b"not a pdf", name="notes.pdf"),
        )
    assert "not a PDF" in refused.value.message_dict["evidence"][0]
    assert not RecommendationUpdate.objects.exists()

    update = record_update(
        recommendation=recommendation,
        on=date(2013, 1, 1),
        evidence=ContentFile(pdf_of_pages("Board minutes"), name="minutes.pdf"),
    )
    assert update.evidence.name.startswith("evidence/")


def test_since_the_last_meeting_lists_updates_of_published_recommendations_to_the_public(
    make_recommendation, make_user
) -> None:
    shown = make_recommendation("Published one.")
    hidden = make_recommendation("Unpublished one.", published=False)
    for recommendation in (shown, hidden):
        record_update(recommendation=recommendation, on=date(2017, 8, 1), text="Progress.")
    record_update(recommendation=shown, on=date(2017, 7, 1), text="Before the meeting.")
    meeting = Meeting.objects.create(committee=shown.committee, date=date(2017, 7, 21))
    window = window_after(shown.committee, meeting)

    assert [c.title for c in recommendations_updated(window, None)] == ["Published one."]
    officer = make_user("scrutiny", role=Role.SCRUTINY_OFFICER)
    assert {c.title for c in recommendations_updated(window, officer)} == {
        "Published one.",
        "Unpublished one.",
    }


@pytest.fixture
def monitor_meeting(make_recommendation) -> Meeting:
    """A meeting of 8 September 2017 (the last was 21 July) whose item 10 is the monitor."""
    old = make_recommendation("Published and open.", due=date(2017, 1, 1))
    record_update(recommendation=old, on=date(2017, 7, 1), text="Said at the last meeting.")
    record_update(recommendation=old, on=date(2017, 8, 20), text="New since the last meeting.")
    make_recommendation("Unpublished draft.", published=False)
    done = make_recommendation("Recently implemented.")
    record_update(recommendation=done, on=date(2017, 8, 1), text="Done.", status="implemented")
    long_done = make_recommendation("Implemented long ago.")
    record_update(recommendation=long_done, on=date(2015, 1, 1), text="Done.", status="implemented")
    committee = old.committee
    Meeting.objects.create(committee=committee, date=date(2017, 7, 21))
    meeting = Meeting.objects.create(committee=committee, date=date(2017, 9, 8))
    item = AgendaItem.objects.create(meeting=meeting, number=10, title="Recommendations monitor")
    Paper.objects.create(
        item=item, kind="report", title="Recommendations monitor", generated=Generated.MONITOR
    )
    return meeting


def _monitor_html(meeting: Meeting, *, full: bool) -> str:
    pack = collect_pack(meeting=meeting, full=full)
    (document,) = [d for d in pack.documents if d.kind == MONITOR]
    return render_to_string(
        "committees/pack/_document.html",
        {"pack": pack, "entry": pack.entries[0], "document": document, "pdf": True},
    )


def test_the_monitor_paper_prints_open_and_recently_closed_with_updates_since_the_meeting(
    monitor_meeting,
) -> None:
    html = _monitor_html(monitor_meeting, full=False)

    assert "Published and open." in html
    assert "Overdue" in html
    assert "New since the last meeting." in html
    assert "Said at the last meeting." not in html
    assert "Recently implemented." in html
    assert "Implemented long ago." not in html
    assert "Unpublished draft." not in html  # the public pack prints published ones only
    assert "Unpublished draft." in _monitor_html(monitor_meeting, full=True)


def test_a_new_update_makes_a_pack_with_the_monitor_stale(monitor_meeting) -> None:
    before = sources_digest(meeting=monitor_meeting, full=False)
    published = Recommendation.objects.get(text="Published and open.")
    record_update(recommendation=published, on=date(2017, 8, 30), text="Later still.")
    assert sources_digest(meeting=monitor_meeting, full=False) != before

    full_before = sources_digest(meeting=monitor_meeting, full=True)
    draft = Recommendation.objects.get(text="Unpublished draft.")
    public_before = sources_digest(meeting=monitor_meeting, full=False)
    record_update(recommendation=draft, on=date(2017, 8, 30), text="Drafted.")
    # The public pack leaves the unpublished one out: only the full pack is stale.
    assert sources_digest(meeting=monitor_meeting, full=False) == public_before
    assert sources_digest(meeting=monitor_meeting, full=True) != full_before


def test_the_monitor_paper_s_page_shows_the_public_published_recommendations_only(
    client, monitor_meeting
) -> None:
    publish_agenda(meeting=monitor_meeting, user=None, when=PUBLISHED)
    paper = Paper.objects.get(generated=Generated.MONITOR)
    page = client.get(paper.get_absolute_url()).content.decode()
    assert "Open recommendations" in page
    assert "Published and open." in page
    assert "Unpublished draft." not in page


def test_a_recommendation_from_a_minute_taken_in_private_reaches_only_those_entitled(
    make_committee, make_user
) -> None:
    committee = make_committee()
    private = Recommendation.objects.create(
        committee=committee,
        text="Renegotiate the placement contract.",
        source="resolution",
        minute=resolution_minute(committee, exempt=3),
        raised=date(2017, 7, 21),
    )
    officer = make_user("officer", role=Role.OFFICER)  # views recommendations, not exempt papers
    scrutiny = make_user("scrutiny", role=Role.SCRUTINY_OFFICER)
    assert not Recommendation.objects.visible_to(officer).filter(pk=private.pk).exists()
    assert Recommendation.objects.visible_to(scrutiny).filter(pk=private.pk).exists()
    # Published by mistake (the form refuses it), the public still never reads it.
    Recommendation.objects.filter(pk=private.pk).update(published=True)
    assert not Recommendation.objects.visible_to(None).exists()


def test_the_admin_lists_a_private_minute_s_recommendation_only_to_those_entitled(
    client, make_committee, make_user
) -> None:
    committee = make_committee()
    Recommendation.objects.create(
        committee=committee,
        text="Renegotiate the placement contract.",
        source="resolution",
        minute=resolution_minute(committee, exempt=3),
        raised=date(2017, 7, 21),
    )
    client.force_login(make_user("officer", role=Role.OFFICER))
    page = client.get("/admin/committees/recommendation/")
    assert page.status_code == 200
    assert "Renegotiate the placement contract." not in page.content.decode()
    client.force_login(make_user("scrutiny", role=Role.SCRUTINY_OFFICER))
    assert (
        "Renegotiate the placement contract."
        in client.get("/admin/committees/recommendation/").content.decode()
    )
