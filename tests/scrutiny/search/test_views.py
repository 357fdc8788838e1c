"""The search page: a box in every page's header, results as each user may read them, on
either database (the tests here are also run on SQLite, the demo's database)."""

from datetime import date

import pytest
from django.test import Client

from committees.models import AgendaItem, Meeting, Paper
from committees.publication import publish_agenda
from scrutiny.roles import Role
from tests.committees.conftest import PUBLISHED

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

EXEMPT_PHRASE = '"contract performance details"'


@pytest.fixture
def papers(make_committee) -> Meeting:
    meeting = Meeting.objects.create(committee=make_committee(), date=date(2017, 9, 8))
    item = AgendaItem.objects.create(meeting=meeting, number=8, title="Children in care")
    for title, text in [
        ("Phrase", "Children looked after by the council did well in fostering."),
        ("Apart", "Children after school were looked at by nurses."),
        ("Excluded", "Children looked after, and adoption."),
        ("Unsafe", "Carers: more & better <script>alert(1)</script> looked after"),
    ]:
        Paper.objects.create(item=item, kind="report", title=title, text=text)
    publish_agenda(meeting=meeting, user=None, when=PUBLISHED)
    return meeting


def test_every_page_has_a_search_box_in_its_header(client: Client) -> None:
    html = client.get("/accessibility/").content.decode()
    assert 'action="/search/"' in html
    assert '<label class="govuk-visually-hidden" for="header-search">Search this site' in html


def test_a_word_finds_the_paper_it_is_in(client: Client, papers) -> None:
    html = client.get("/search/", {"q": "fostering"}).content.decode()
    assert "1 result for “fostering”" in html
    assert ">Phrase</a>" in html
    assert "<mark>fostering</mark>" in html


def test_a_phrase_and_a_left_out_word(client: Client, papers) -> None:
    html = client.get("/search/", {"q": '"looked after" -adoption'}).content.decode()
    assert ">Phrase</a>" in html and ">Unsafe</a>" in html
    assert ">Apart</a>" not in html and ">Excluded</a>" not in html


def test_the_text_of_a_paper_is_shown_escaped(client: Client, papers) -> None:
    html = client.get("/search/", {"q": "carers"}).content.decode()
    assert "<mark>Carers</mark>: more &amp; better" in html
    # PostgreSQL leaves tags out of its snippets; SQLite's are escaped.
    assert "<script>alert" not in html


def test_the_kind_filter_counts_what_each_kind_found(client: Client, papers) -> None:
    html = client.get("/search/", {"q": "children", "kind": "item"}).content.decode()
    assert "Papers (3)" in html and "Agenda items (1)" in html
    assert "1 result for “children”" in html


def test_a_bad_date_is_named_and_nothing_is_searched(client: Client, papers) -> None:
    html = client.get("/search/", {"q": "children", "since": "8 Sept"}).content.decode()
    assert "Enter the ‘from’ date as a date, for example 2017-09-08." in html
    assert "result" not in html.split("<h1")[1]


def test_the_to_date_must_not_be_before_the_from_date(client: Client, papers) -> None:
    html = client.get(
        "/search/", {"q": "children", "since": "2017-09-08", "until": "2017-09-01"}
    ).content.decode()
    assert "The ‘to’ date must be the same as or after the ‘from’ date." in html


@pytest.fixture
def demo_committees(demo, make_user):
    """The demo's committees, papers and people; the demo member is the committee's chair."""
    from committees.demo import load_demo_committees

    member = make_user("member", role=Role.COMMITTEE_MEMBER)
    load_demo_committees(member_user=member)
    return member


def no_exempt_trace(html: str) -> None:
    assert "0 results for" in html
    assert "<mark>" not in html
    assert "Performance Monitoring of Contracts" not in html
    assert "(1)" not in html  # no kind counts it


def test_the_demo_s_exempt_sentence_is_never_found_by_the_public(
    client: Client, demo_committees
) -> None:
    no_exempt_trace(client.get("/search/", {"q": EXEMPT_PHRASE}).content.decode())


def test_nor_by_a_member_of_another_committee(
    client: Client, demo_committees, make_committee, make_person, make_user
) -> None:
    outsider = make_user("outsider", role=Role.COMMITTEE_MEMBER)
    make_person("Councillor Outsider", committee=make_committee("Audit Committee"), user=outsider)
    client.force_login(outsider)
    no_exempt_trace(client.get("/search/", {"q": EXEMPT_PHRASE}).content.decode())


def test_the_chair_finds_it_marked_exempt(client: Client, demo_committees) -> None:
    client.force_login(demo_committees)
    html = client.get("/search/", {"q": EXEMPT_PHRASE}).content.decode()
    # Appendix D of 21 July and of 8 September 2017.
    assert "2 results for" in html
    assert html.count("Appendix D: Performance Monitoring of Contracts - Exempt</a>") == 2
    assert html.count('<strong class="govuk-tag govuk-tag--red">Exempt</strong>') == 2
    assert "<mark>" in html
