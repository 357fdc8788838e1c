"""The open data API as a harvester uses it: what it shows the public, pages, changes, CSV."""

import csv
import itertools
from datetime import UTC, date, datetime, timedelta
from datetime import timezone as timezone_of

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from committees.models import Action, AgendaItem, Meeting, Minute
from committees.publication import publish_agenda, publish_minutes
from measures.models import State
from scrutiny.api.listing import bring_up_to_date
from scrutiny.api.views import in_utc
from scrutiny.roles import Role
from tests.committees.conftest import EXEMPT_TEXT, PUBLISHED
from tests.conftest import own_queries

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


def results(client: Client, url: str, **params) -> list[dict]:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_the_root_lists_every_resource_and_the_schema(client):
    answer = client.get("/api/v1/").json()
    names = {resource["name"] for resource in answer["resources"]}
    assert {"measures", "figures", "meetings", "papers", "comparator-groups"} <= names
    assert answer["schema_url"].endswith("/api/v1/openapi.json")
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/benchmark-values" in schema["paths"]


def test_docs_page_describes_every_list_without_outside_assets(client):
    html = client.get("/api/v1/docs/").content.decode()
    assert "GET /api/v1/figures" in html
    assert "requests a minute" in html
    assert "cdn" not in html.lower()


def test_an_unpublished_agenda_shows_only_the_meeting(client, draft_meeting):
    [meeting] = results(client, "/api/v1/meetings")
    assert meeting["start_date"] == "2017-09-08"
    assert meeting["location"] == {"name": "Lincoln"}
    assert meeting["agenda"] == []
    assert results(client, "/api/v1/papers") == []


def test_a_published_agenda_shows_items_and_an_exempt_paper_only_by_its_exemption(
    client, exempt_meeting
):
    response = client.get("/api/v1/meetings")
    [meeting] = response.json()["results"]
    assert meeting["classification"] == "committee-meeting"
    assert meeting["participants"][0]["entity_name"] == exempt_meeting.committee.name
    [item] = meeting["agenda"]
    assert item["order"] == 8
    report, appendix = item["papers"]
    assert report["public"] is True
    assert report["url"].startswith("http://testserver/papers/")
    assert appendix == {
        "id": None,
        "kind": "appendix",
        "letter": "D",
        "title": "Appendix D – Exempt: information under paragraph 3 of Part 1 of Schedule 12A "
        "to the Local Government Act 1972",
        "public": False,
        "url": None,
    }
    assert EXEMPT_TEXT not in response.content.decode()
    assert "Contract performance" not in response.content.decode()


def test_papers_lists_the_public_ones_with_the_oparl_flag(client, exempt_meeting):
    [paper] = results(client, "/api/v1/papers")
    assert paper["title"] == "Performance report"
    assert paper["text"] == "Public text."
    assert paper["public"] is True
    body = client.get("/api/v1/papers?format=csv").content.decode()
    assert "Performance report" in body
    assert EXEMPT_TEXT not in body


def test_minutes_and_actions_appear_once_published(client, draft_meeting):
    item = draft_meeting.items.get()
    Minute.objects.create(item=item, text="Noted.", resolutions="That the report be noted.")
    Action.objects.create(item=item, what="Report back on adoption timeliness")
    assert results(client, "/api/v1/minutes") == []
    assert results(client, "/api/v1/actions") == []
    publish_agenda(meeting=draft_meeting, user=None)
    publish_minutes(meeting=draft_meeting, user=None)
    [minute] = results(client, "/api/v1/minutes")
    assert minute["resolutions"] == ["That the report be noted."]
    assert minute["item_number"] == 8
    [action] = results(client, "/api/v1/actions")
    assert action["what"] == "Report back on adoption timeliness"


def test_figures_are_published_ones_with_status_and_direction(client, make_target, make_actual):
    make_target()  # 45, band 43 to 47, aiming at the target
    make_actual(period="2017/18 Q1", value="50", state=State.PUBLISHED)
    make_actual(period="2017/18 Q2", value="46", state=State.PUBLISHED)
    make_actual(period="2017/18 Q3", value="99.9", state=State.DRAFT, commentary="Draft words")
    figures = results(client, "/api/v1/figures")
    assert [(f["period"], f["status"], f["direction"]) for f in figures] == [
        ("2017/18 Q1", "not_achieved", None),
        ("2017/18 Q2", "achieved", "improving"),
    ]
    assert figures[1]["status_label"] == "Achieved"
    assert "Draft words" not in client.get("/api/v1/figures?format=csv").content.decode()


def test_a_signed_in_lead_is_answered_as_the_public(client, make_user, make_actual):
    make_actual(state=State.DRAFT)
    client.force_login(make_user(username="lead", role=Role.PERFORMANCE_LEAD))
    assert results(client, "/api/v1/figures") == []


def test_measures_carry_ambition_outcome_unit_and_polarity(client, make_measure, make_target):
    measure = make_measure()
    make_target(measure)
    [row] = results(client, "/api/v1/measures")
    assert row["reference"] == "LAC-RATE"
    assert row["ambition"] == measure.outcome.ambition.name
    assert row["outcome"] == measure.outcome.name
    assert (row["unit"], row["polarity"]) == ("rate_per_10000", "target")
    [target] = results(client, "/api/v1/targets", measure="LAC-RATE")
    assert (target["year"], target["value"]) == ("2017/18", "45.0000")
    assert results(client, "/api/v1/targets", measure="NO-SUCH") == []


def test_people_show_their_public_role_and_never_their_account(
    client, make_person, make_committee, make_user
):
    committee = make_committee()
    make_person("Jo Bloggs", committee=committee, title="Councillor", user=make_user("jbloggs"))
    response = client.get("/api/v1/people")
    [person] = response.json()["results"]
    assert (person["honorific_prefix"], person["name"]) == ("Councillor", "Jo Bloggs")
    assert "jbloggs" not in response.content.decode()
    [membership] = results(client, "/api/v1/memberships")
    assert membership["person_id"] == person["id"]
    [organization] = results(client, "/api/v1/committees")
    assert membership["organization_id"] == organization["id"]


def test_benchmark_lists(client, lac_rate):
    [indicator] = results(client, "/api/v1/benchmark-indicators")
    assert indicator["slug"] == lac_rate.slug
    values = results(client, "/api/v1/benchmark-values", indicator=lac_rate.slug)
    norfolk = next(v for v in values if v["area"]["name"] == "Norfolk")
    assert (norfolk["value"], norfolk["status"]) == (None, "c")
    [group] = results(client, "/api/v1/comparator-groups")
    assert [m["name"] for m in group["members"]] == ["Derbyshire", "Nottinghamshire", "Norfolk"]
    assert "area.code" in client.get("/api/v1/benchmark-values?format=csv").content.decode()


def test_following_next_walks_every_row_once(client, make_measure):
    for n in range(5):
        make_measure(f"M-{n}")
    seen, url = [], "/api/v1/measures?limit=2"
    while url:
        answer = client.get(url).json()
        seen += [row["reference"] for row in answer["results"]]
        url = answer["next"]
    assert seen == [f"M-{n}" for n in range(5)]


def test_since_answers_only_what_changed_and_publishing_counts_as_a_change(
    client, draft_meeting, make_committee
):
    Meeting.objects.create(committee=make_committee("Adults"), date=draft_meeting.date)
    visited = timezone.now().isoformat()
    assert results(client, "/api/v1/meetings", since=visited) == []
    # Published now, though dated earlier: a harvester that called before still sees it.
    publish_agenda(meeting=draft_meeting, user=None, when=PUBLISHED)
    changed = results(client, "/api/v1/meetings", since=visited)
    assert [m["id"] for m in changed] == [draft_meeting.pk]
    [paper] = results(client, "/api/v1/papers", since=visited)
    assert paper["title"] == "Performance report"


def test_deleted_rows_are_listed_as_deletions_since_then(client, make_actual):
    figure = make_actual(state=State.PUBLISHED)
    measure = figure.measure
    visited = timezone.now().isoformat()
    assert results(client, "/api/v1/deletions", since=visited) == []
    measure_id, figure_id = measure.pk, figure.pk
    figure.delete()
    measure.delete()
    gone = results(client, "/api/v1/deletions", since=visited)
    assert {(d["list"], d["object_id"]) for d in gone} == {
        ("measures", measure_id),
        ("figures", figure_id),
    }
    assert results(client, "/api/v1/deletions", since=timezone.now().isoformat()) == []


def test_a_time_without_offset_is_read_as_utc(client, make_measure):
    make_measure()
    assert results(client, "/api/v1/measures", since="2000-01-01T00:00:00") != []
    assert results(client, "/api/v1/measures", since="2999-01-01T00:00:00") == []


def test_every_list_comes_as_csv_with_a_header_row(client, exempt_meeting):
    response = client.get("/api/v1/meetings?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    header, row = response.content.decode().splitlines()[:2]
    assert header.startswith("id,updated_at,uid,name,classification,start_date")
    assert "location.name" in header
    assert "agenda.order" not in header  # a list is one cell, under its own name
    columns = dict(zip(header.split(","), next(csv.reader([row])), strict=True))
    assert columns["agenda"].startswith("order: 8, description: Performance - Quarter 1 2017/18")
    assert "Appendix D – Exempt" in columns["agenda"]
    assert columns["participants"].endswith("Children and Young People Scrutiny Committee")
    empty = client.get("/api/v1/minutes?format=csv").content.decode()
    assert empty.startswith("id,updated_at,meeting_id")


def test_csv_pages_link_the_next_one(client, make_measure):
    make_measure("A-1")
    make_measure("A-2")
    response = client.get("/api/v1/measures?format=csv&limit=1")
    assert 'rel="next"' in response["Link"]
    assert "cursor=" in response["Link"]


def test_an_unchanged_list_is_answered_304(client, make_measure):
    make_measure()
    first = client.get("/api/v1/measures")
    assert first["ETag"]
    assert first["Last-Modified"]
    again = client.get("/api/v1/measures", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    since = client.get("/api/v1/measures", headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304
    make_measure("NEW-ONE")
    changed = client.get("/api/v1/measures", headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200


def test_any_site_may_read_it(client):
    assert client.get("/api/v1/measures")["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/measures",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Origin" not in client.get("/measures/")


@override_settings(API_RATE_LIMIT=3)
def test_past_the_rate_limit_an_address_is_told_when_to_come_back(client, make_user):
    for _ in range(3):
        assert client.get("/api/v1/measures").status_code == 200
    refused = client.get("/api/v1/measures")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert "3 a minute" in refused.json()["detail"]
    other = client.get("/api/v1/measures", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200
    client.force_login(make_user(username="officer", role=Role.OFFICER))
    assert client.get("/api/v1/measures").status_code == 200


@pytest.mark.postgres_only
@pytest.mark.parametrize(
    ("path", "make_rows"),
    [("/api/v1/meetings", "meetings"), ("/api/v1/figures", "figures")],
)
def test_a_page_takes_the_same_queries_however_many_rows(
    client,
    make_committee,
    make_measure,
    make_target,
    make_actual,
    path,
    make_rows,
):
    committee = make_committee()
    numbers = itertools.count()

    def add(n: int) -> None:
        for _ in range(n):
            i = next(numbers)
            if make_rows == "meetings":
                meeting = Meeting.objects.create(
                    committee=committee, date=date(2017, 1, 1) + timedelta(days=i)
                )
                AgendaItem.objects.create(meeting=meeting, number=1, title="Apologies")
                publish_agenda(meeting=meeting, user=None, when=PUBLISHED)
            else:
                measure = make_measure(f"Q-{i}")
                make_target(measure)
                make_actual(measure, state=State.PUBLISHED)
                make_actual(measure, period="2017/18 Q2", state=State.PUBLISHED)

    bring_up_to_date()  # the ledger as it starts, before the rows
    add(1)
    with CaptureQueriesContext(connection) as compared_one:
        bring_up_to_date()
    with CaptureQueriesContext(connection) as one:
        client.get(path)
    add(6)
    with CaptureQueriesContext(connection) as compared_seven:
        bring_up_to_date()
    with CaptureQueriesContext(connection) as seven:
        client.get(path)
    # The rate limit's count and the data version live in the cache: not the page's own reads.
    assert own_queries(one) <= 8
    assert own_queries(seven) == own_queries(one)
    # Withdrawals are looked for once a change, not once a page, and as constantly.
    assert own_queries(compared_seven) == own_queries(compared_one)


def offset(**length: int) -> timezone_of:
    return timezone_of(timedelta(**length))


@pytest.mark.parametrize(
    ("given", "read_as"),
    [
        (datetime(2017, 8, 31, 9), datetime(2017, 8, 31, 9, tzinfo=UTC)),
        (
            datetime(2017, 8, 31, 9, tzinfo=offset(hours=1)),
            datetime(2017, 8, 31, 8, tzinfo=UTC),
        ),
        # Offsets PostgreSQL refuses (over 15:59) are read in UTC, not sent on.
        (
            datetime(1318, 2, 18, 13, 59, tzinfo=offset(hours=-16, minutes=-12)),
            datetime(1318, 2, 19, 6, 11, tzinfo=UTC),
        ),
        (datetime.min.replace(tzinfo=offset(hours=1)), datetime.min.replace(tzinfo=UTC)),
        (datetime.max.replace(tzinfo=offset(hours=-1)), datetime.max.replace(tzinfo=UTC)),
    ],
)
def test_since_is_read_in_utc(given, read_as):
    assert in_utc(given) == read_as


def test_a_since_with_an_offset_the_database_refuses_is_still_answered(client, make_measure):
    make_measure()
    assert len(results(client, "/api/v1/measures", since="1318-02-18T13:59:51-16:12")) == 1


def test_an_exempt_minute_is_never_listed(client, draft_meeting):
    item = draft_meeting.items.first()
    Minute.objects.create(item=item, text="Tender prices were discussed.", exempt_paragraph=3)
    publish_agenda(meeting=draft_meeting, user=None, when=PUBLISHED)
    publish_minutes(meeting=draft_meeting, user=None)

    for answer in (client.get("/api/v1/minutes"), client.get("/api/v1/minutes?format=csv")):
        assert answer.status_code == 200
        assert "Tender prices" not in answer.content.decode()
