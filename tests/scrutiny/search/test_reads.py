"""Search on PostgreSQL: stems, phrases, PDFs, filters, order, pages, and who finds what."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from committees.models import AgendaItem, Meeting, Paper
from committees.publication import publish_agenda
from measures.models import State
from scrutiny.roles import Role
from scrutiny.search.reads import search
from tests.committees.conftest import PUBLISHED
from tests.committees.packs.pack_support import pdf_of_pages

pytestmark = [pytest.mark.django_db, pytest.mark.postgres_only]


def published_meeting(committee, day: date, *papers: tuple[str, str]) -> Meeting:
    meeting = Meeting.objects.create(committee=committee, date=day, venue="Lincoln")
    item = AgendaItem.objects.create(meeting=meeting, number=5, title="Fostering update")
    for title, text in papers:
        Paper.objects.create(item=item, kind="report", title=title, text=text)
        item = AgendaItem.objects.create(meeting=meeting, number=item.number + 1, title="Other")
    publish_agenda(meeting=meeting, user=None, when=PUBLISHED)
    return meeting


def titles(results) -> list[str]:
    return [hit.title for hit in results.hits]


def test_a_word_finds_the_papers_using_other_forms_of_it(make_committee) -> None:
    published_meeting(
        make_committee(),
        date(2017, 9, 8),
        ("Carers report", "Twelve children were fostered by in-house carers."),
        ("Budget report", "The budget is balanced."),
    )
    results = search(user=None, query="fostering", kinds=["paper"])
    assert titles(results) == ["Carers report"]
    assert "<mark>fostered</mark>" in results.hits[0].snippet


def test_a_quoted_phrase_must_appear_as_written_and_a_minus_word_not_at_all(
    make_committee,
) -> None:
    published_meeting(
        make_committee(),
        date(2017, 9, 8),
        ("Phrase", "Children looked after by the council did well."),
        ("Apart", "Children after school were looked at by nurses."),
        ("Excluded", "Children looked after, and adoption."),
    )
    results = search(user=None, query='"looked after" -adoption', kinds=["paper"])
    assert titles(results) == ["Phrase"]


def test_a_paper_changed_is_found_by_its_new_words_only(make_committee) -> None:
    published_meeting(make_committee(), date(2017, 9, 8), ("Report", "About adoption."))
    Paper.objects.filter(title="Report").update(text="About kinship care.")
    assert search(user=None, query="adoption").total == 0
    assert titles(search(user=None, query="kinship")) == ["Report"]


def test_the_text_of_an_uploaded_pdf_is_read_once_and_found(make_committee) -> None:
    meeting = published_meeting(make_committee(), date(2017, 9, 8))
    item = meeting.items.first()
    pdf = pdf_of_pages("Introduction", "Placement stability improved in Boston.")
    # As the admin's upload does: the file is written when the paper is saved.
    paper = Paper(item=item, kind="appendix", letter="A", title="Scanned report")
    paper.file = ContentFile(pdf, name="appendix.pdf")
    paper.save()
    assert "Placement stability improved in Boston." in Paper.objects.get(pk=paper.pk).file_text
    results = search(user=None, query="placements boston", kinds=["paper"])
    assert titles(results) == ["Appendix A: Scanned report"]
    snippet = results.hits[0].snippet
    assert "<mark>Placement</mark> stability improved in <mark>Boston</mark>" in snippet


def test_an_exempt_paper_is_never_found_nor_counted_for_the_public(exempt_meeting) -> None:
    results = search(user=None, query="contract performance details")
    assert results.total == 0
    assert all(count.count == 0 for count in results.counts)


def test_an_exempt_paper_is_not_found_by_a_member_of_another_committee(
    exempt_meeting, make_committee, make_person, make_user
) -> None:
    outsider = make_user("outsider", role=Role.COMMITTEE_MEMBER)
    make_person("Councillor Outsider", committee=make_committee("Audit Committee"), user=outsider)
    results = search(user=outsider, query="contract performance details")
    assert results.total == 0


def test_an_exempt_paper_is_found_by_the_committee_s_member_and_marked(
    exempt_meeting, make_person, make_user
) -> None:
    member = make_user("member", role=Role.COMMITTEE_MEMBER)
    make_person("Councillor Member", committee=exempt_meeting.committee, user=member)
    results = search(user=member, query="contract performance details")
    assert [(hit.title, hit.exempt) for hit in results.hits] == [
        ("Appendix D: Contract performance", True)
    ]
    assert results.total == 1


def test_an_unpublished_agenda_is_found_only_by_those_preparing_it(
    draft_meeting, make_user
) -> None:
    assert search(user=None, query="public text").total == 0
    officer = make_user("scrutiny", role=Role.SCRUTINY_OFFICER)
    results = search(user=officer, query="public text")
    assert [(hit.title, hit.unpublished) for hit in results.hits] == [("Performance report", True)]


def test_only_published_figures_commentary_is_found(make_actual, make_user) -> None:
    make_actual(period="2017/18 Q1", state=State.PUBLISHED, commentary="Caseloads fell in Boston.")
    make_actual(period="2017/18 Q2", state=State.DRAFT, commentary="Caseloads fell in Lincoln.")
    lead = make_user("lead", role=Role.PERFORMANCE_LEAD)
    for user in (None, lead):
        results = search(user=user, query="caseloads", kinds=["measure"])
        assert [hit.title.rsplit(": ", 1)[1] for hit in results.hits] == ["2017/18 Q1"]


def test_results_are_filtered_by_committee_and_date(make_committee) -> None:
    children = make_committee()
    audit = make_committee("Audit Committee")
    published_meeting(children, date(2017, 9, 8), ("September", "Adoption scorecard."))
    published_meeting(children, date(2017, 7, 21), ("July", "Adoption scorecard."))
    published_meeting(audit, date(2017, 9, 8), ("Audit", "Adoption scorecard."))
    by_committee = search(user=None, query="adoption", kinds=["paper"], committee=audit)
    assert titles(by_committee) == ["Audit"]
    in_range = search(
        user=None, query="adoption", since=date(2017, 9, 1), until=date(2017, 9, 30), order="date"
    )
    assert sorted(titles(in_range)) == ["Audit", "September"]


def test_a_measure_of_two_committees_is_found_once_under_either(
    make_committee, make_measure
) -> None:
    children, audit = make_committee(), make_committee("Audit Committee")
    measure = make_measure(definition="Children adopted within twelve months.")
    measure.committees.set([children, audit])
    for committee in (children, audit):
        results = search(user=None, query="adopted", committee=committee)
        assert (results.total, len(results.hits)) == (1, 1)


def test_relevance_puts_title_matches_first_and_date_order_the_newest(make_committee) -> None:
    committee = make_committee()
    published_meeting(committee, date(2017, 7, 21), ("Adoption", "A report."))
    published_meeting(committee, date(2017, 9, 8), ("Report", "Mentions adoption once."))
    assert titles(search(user=None, query="adoption", kinds=["paper"])) == ["Adoption", "Report"]
    by_date = search(user=None, query="adoption", kinds=["paper"], order="date")
    assert titles(by_date) == ["Report", "Adoption"]


def test_results_come_a_page_at_a_time(make_committee) -> None:
    papers = [(f"Report {n:02d}", "Adoption scorecard.") for n in range(25)]
    published_meeting(make_committee(), date(2017, 9, 8), *papers)
    first = search(user=None, query="adoption", kinds=["paper"], per_page=20)
    second = search(user=None, query="adoption", kinds=["paper"], per_page=20, page=2)
    assert (first.total, first.pages, len(first.hits), len(second.hits)) == (25, 2, 20, 5)
    assert not set(titles(first)) & set(titles(second))


def test_a_page_past_the_last_shows_the_last(make_committee) -> None:
    papers = [(f"Report {n:02d}", "Adoption scorecard.") for n in range(25)]
    published_meeting(make_committee(), date(2017, 9, 8), *papers)
    old_link = search(user=None, query="adoption", kinds=["paper"], per_page=20, page=9)
    assert (old_link.page, len(old_link.hits)) == (2, 5)


def test_the_counts_and_the_page_come_from_one_query(make_committee, make_actual) -> None:
    # Each table is matched once, for the counts and the page together; then one query reads
    # each kind shown on the page (here papers and figures' commentary).
    published_meeting(make_committee(), date(2017, 9, 8), ("One", "Adoption scorecard."))
    make_actual(state=State.PUBLISHED, commentary="Adoption timeliness improved.")
    with CaptureQueriesContext(connection) as captured:
        results = search(user=None, query="adoption")
    assert len(results.hits) == 2
    assert len(captured) == 3


def test_a_page_of_results_takes_the_same_queries_however_many_match(make_committee) -> None:
    committee = make_committee()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            search(user=None, query="adoption")
        return len(captured)

    published_meeting(committee, date(2017, 9, 8), ("One", "Adoption scorecard."))
    few = queries()
    published_meeting(
        committee, date(2017, 7, 21), *[(f"Report {n}", "Adoption scorecard.") for n in range(30)]
    )
    assert queries() == few


def test_a_paper_search_uses_the_papers_gin_index() -> None:
    # The index's expression (scrutiny/migrations) must be the one the search builds.
    from scrutiny.search.kinds import SOURCES
    from scrutiny.search.reads import _matching
    from scrutiny.search.terms import parse

    rows = _matching(SOURCES["paper"], None, "adoption", parse("adoption"))
    with connection.cursor() as cursor:
        # Left to itself the planner may read a small table through its primary key instead;
        # with plain scans off, only a bitmap scan of an index matching the words is left.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = rows.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_paper" in plan


def test_every_searched_table_keeps_its_search_vector_in_the_row() -> None:
    # Out of line (TOAST), a paper's vector is fetched back for every row a common word
    # matches: most of a search's time (scrutiny/migrations/0005_search_vectors_stored_in_the_row).
    from scrutiny.search.kinds import SOURCES

    tables = sorted({source.model._meta.db_table for source in SOURCES.values()})
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attrelid::regclass::text, attstorage FROM pg_attribute "
            "WHERE attname = 'search_vector' AND attrelid::regclass::text = ANY(%s)",
            [tables],
        )
        storage = dict(cursor.fetchall())
    assert storage == {table: "m" for table in tables}


def test_an_exempt_minute_is_never_found_by_the_public(exempt_meeting) -> None:
    from committees.models import Minute
    from committees.publication import publish_minutes

    item = exempt_meeting.items.first()
    Minute.objects.create(
        item=item, text="The tender prices were discussed in private.", exempt_paragraph=3
    )
    publish_minutes(meeting=exempt_meeting, user=None)

    results = search(user=None, query="tender prices")
    assert results.total == 0
    assert all(count.count == 0 for count in results.counts)
