"""Every page answers, without a server error, for the public and for every role."""

import pytest
from django.test import Client

from scrutiny.roles import Role

# Add each new page here: the public and every role are tried on it.
PAGES = [
    "/",
    "/accessibility/",
    "/healthz",
    "/sign-in/",
    "/help/",
    "/sign-in/forgotten/",
    "/sign-in/forgotten/sent/",
    "/sign-in/reset/MQ/no-such-token/",
    "/sign-in/reset/done/",
    "/measures/",
    "/committees/",
    "/committees/meetings/",
    "/admin/",
    "/admin/measures/measure/",
    "/admin/measures/measure/?figure=missing",
    "/admin/measures/actual/",
    "/admin/measures/actual/add/",
    "/admin/measures/target/",
    "/admin/measures/actual/import/",
    "/benchmarks/",
    "/benchmarks/?q=looked",
    "/benchmarks/no-such-indicator/",
    "/admin/measures/area/",
    "/admin/measures/comparatorgroup/",
    "/admin/measures/comparatorgroup/add/",
    "/admin/measures/benchmarkindicator/",
    "/dashboard.csv",
    "/dashboard.xlsx",
    "/measures/LAC-RATE/",
    "/committees/meetings.ics",
    "/committees/no-such-committee/",
    "/committees/people/no-such-person/",
    "/admin/committees/meeting/",
    "/admin/committees/meeting/add/",
    "/admin/committees/agendaitem/",
    "/admin/committees/committee/",
    "/admin/committees/workprogrammeitem/",
    "/no-such-page/",
    "/committees/children-and-young-people-scrutiny-committee/2017-09-08/pack/",
    "/committees/children-and-young-people-scrutiny-committee/2017-09-08/pack/public.pdf",
    "/committees/children-and-young-people-scrutiny-committee/2017-09-08/pack/full.pdf",
    "/feeds/agendas.atom",
    "/feeds/minutes.atom",
    "/feeds/measures/LAC-RATE/figures.atom",
    "/api/v1/",
    "/api/v1/docs/",
    "/api/v1/openapi.json",
    "/api/v1/meetings",
    "/api/v1/figures?format=csv",
]

VISITORS = [None, *Role]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("role", VISITORS, ids=lambda r: r.value if r else "public")
def test_page_answers_without_a_server_error(client: Client, make_user, path, role) -> None:
    if role:
        client.force_login(make_user(username="visitor", role=role))
    response = client.get(path, follow=True)
    assert response.status_code < 500


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("role", VISITORS, ids=lambda r: r.value if r else "public")
def test_page_answers_with_the_demo_data_loaded(
    client: Client, demo, make_user, path, role
) -> None:
    if role:
        client.force_login(make_user(username="visitor", role=role))
    response = client.get(path, follow=True)
    assert response.status_code < 500


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/", "Dashboard"),
        ("/accessibility/", "Accessibility statement"),
        ("/sign-in/", "Sign in"),
        ("/help/", "Help: what the words mean"),
        ("/sign-in/forgotten/", "Reset your password"),
        ("/sign-in/reset/MQ/no-such-token/", "This link no longer works"),
        ("/measures/", "Measures"),
        ("/committees/", "Committees"),
        ("/committees/meetings/", "Meetings"),
        ("/no-such-page/", "Page not found"),
    ],
)
def test_page_title_names_the_page_service_and_council(client: Client, path, title) -> None:
    response = client.get(path)
    expected = f"<title>{title} – Children&#x27;s services scrutiny – Lincolnshire County Council"
    assert expected in response.content.decode()


@pytest.mark.django_db
def test_admin_turns_away_committee_members(client: Client, make_user) -> None:
    client.force_login(make_user(username="cllr", role=Role.COMMITTEE_MEMBER))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_officers_reach_the_admin(client: Client, make_user) -> None:
    client.force_login(make_user(username="off", role=Role.OFFICER))
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_health_check_reports_the_database(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
