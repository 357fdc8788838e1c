"""Public pages come from the cache until published data changes, and never stale after."""

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from committees.models import Meeting, PackBuild, PackVersion, Paper
from measures.models import Actual, ImportKind, ImportRun, State
from scrutiny.caching import (
    DATA_APPS,
    _watched,
    cache_key,
    data_version,
    install_triggers,
    trigger_sql,
)
from scrutiny.roles import Role
from tests.committees.conftest import EXEMPT_TEXT

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


def get(client: Client, path: str) -> tuple[str, int]:
    """The page's text and the number of queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_a_public_page_is_served_from_the_cache_in_two_queries(
    client: Client, make_target, make_actual
) -> None:
    make_actual(make_target().measure, state=State.PUBLISHED)
    first, made = get(client, "/")
    again, served = get(client, "/")
    assert again == first
    # The data version, then the cached page.
    assert served == 2 < made


def test_publishing_a_figure_changes_the_dashboard_on_the_next_request(
    client: Client, make_target, make_actual
) -> None:
    make_actual(make_target().measure, state=State.PUBLISHED)
    draft = make_actual("LAC-RATE", period="2017/18 Q2", value="50.3")
    assert "48.7" in get(client, "/")[0]
    # A queryset update sends no signal: the database's trigger still sees it.
    Actual.objects.filter(pk=draft.pk).update(state=State.PUBLISHED)
    page = get(client, "/?period=2017/18+Q2")[0]
    assert "50.3" in page
    assert "50.3" in get(client, "/")[0]


@pytest.mark.parametrize("path", ["/dashboard.csv", "/dashboard.xlsx", "/measures/LAC-RATE/"])
def test_exports_and_the_measure_page_follow_a_changed_target(
    client: Client, make_target, make_actual, path: str
) -> None:
    target = make_target()
    make_actual(target.measure, state=State.PUBLISHED)
    before = client.get(path).content
    target.value = 40
    target.band_low, target.band_high = 38, 42
    target.save()
    assert client.get(path).content != before


def test_a_change_of_settings_is_a_new_page(client: Client, make_target, make_actual) -> None:
    make_actual(make_target().measure, state=State.PUBLISHED)
    with override_settings(COUNCIL_NAME="Lincolnshire County Council"):
        assert "Lincolnshire" in get(client, "/")[0]
    with override_settings(COUNCIL_NAME="Rutland County Council"):
        assert "Rutland" in get(client, "/")[0]


def test_signed_in_pages_are_neither_served_from_nor_kept_in_the_cache(
    client: Client, draft_meeting: Meeting, make_user
) -> None:
    url = draft_meeting.get_absolute_url()
    public, _ = get(client, url)
    assert "Performance report" not in public
    client.force_login(make_user("scrutiny", Role.SCRUTINY_OFFICER))
    assert "Performance report" in get(client, url)[0]
    client.logout()
    assert "Performance report" not in get(client, url)[0]


def test_an_entitled_members_view_of_exempt_papers_never_reaches_the_public(
    client: Client, exempt_meeting: Meeting, make_user, make_person
) -> None:
    member = make_user("chair", Role.COMMITTEE_MEMBER)
    make_person("Cllr Chair", committee=exempt_meeting.committee, user=member)
    url = exempt_meeting.get_absolute_url()
    client.force_login(member)
    client.get(url)
    client.get(f"{url}pack/")
    client.logout()
    for path in (url, f"{url}pack/"):
        assert EXEMPT_TEXT not in get(client, path)[0]
        assert EXEMPT_TEXT not in get(client, path)[0]


def test_making_a_paper_exempt_takes_it_off_the_cached_public_page(
    client: Client, exempt_meeting: Meeting
) -> None:
    url = f"{exempt_meeting.get_absolute_url()}pack/"
    assert "Public text." in get(client, url)[0]
    Paper.objects.filter(title="Performance report").update(exempt_paragraph=3)
    assert "Public text." not in get(client, url)[0]


@pytest.mark.postgres_only
def test_every_table_of_the_data_apps_bumps_the_data_version() -> None:
    tables = {
        model._meta.db_table
        for label in DATA_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if _watched(model)
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = 'scrutiny_data_version'"
        )
        triggered = {name for (name,) in cursor.fetchall()}
    assert "measures_actual" in tables and "committees_paper" in tables
    assert tables <= triggered
    historical = ("measures_historical", "committees_historical")
    assert not any(name.startswith(historical) for name in triggered)


def version_elsewhere() -> int:
    """The data version as another request, on its own connection, sees it."""
    seen: list[int] = []

    def read() -> None:
        try:
            seen.append(data_version())
        finally:
            connection.close()

    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
    return seen[0]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_data_version_changes_when_the_change_commits_and_not_before(
    make_target: Callable[..., Any],
) -> None:
    before = version_elsewhere()
    with transaction.atomic():
        make_target()
        assert data_version() > before  # the writer's own requests see its change
        assert version_elsewhere() == before  # nobody else's, until it commits
    assert version_elsewhere() > before


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_a_request_for_a_page_another_worker_is_making_waits_for_that_page(
    client: Client, make_target, make_actual
) -> None:
    make_actual(make_target().measure, state=State.PUBLISHED)
    key = cache_key("page", "testserver", "/", version=data_version())
    cache.add(f"{key}:making", True, 30)  # another worker has started making the dashboard

    def finish() -> None:
        time.sleep(0.3)
        cache.set(key, HttpResponse("The dashboard, as the other worker made it."))
        cache.delete(f"{key}:making")

    other = threading.Thread(target=finish)
    other.start()
    response = client.get("/")
    other.join()
    assert response.content == b"The dashboard, as the other worker made it."
    assert response["X-Cache"] == "hit"


@pytest.mark.postgres_only
def test_a_transaction_bumps_the_version_once_until_a_page_reads_it(make_measure) -> None:
    # Updating one row once per statement would slow a long import more with every statement.
    before = data_version()
    with transaction.atomic():
        for number in range(30):
            make_measure(f"M-{number}")
        assert data_version() == before + 1
        make_measure("AFTER-A-READ")
        assert data_version() == before + 2


def test_a_jobs_progress_leaves_the_data_version_alone_but_publishing_a_figure_bumps_it(
    draft_meeting: Meeting, make_target, make_actual
) -> None:
    # Each step of a pack build is saved as it happens: it must not empty the page cache.
    draft = make_actual(make_target().measure, period="2017/18 Q2", value="50.3")
    build = PackBuild.objects.create(meeting=draft_meeting, version=PackVersion.PUBLIC)
    run = ImportRun.objects.create(kind=ImportKind.LAIT, file="imports/lait.parquet")
    before = data_version()
    for job in (build, run):
        job.start(worker="worker-1")
        job.report("Drawing chart 3 of 60")
        job.finish("240 pages")
    assert data_version() == before
    Actual.objects.filter(pk=draft.pk).update(state=State.PUBLISHED)
    assert data_version() == before + 1


def test_a_database_migrated_before_jobs_were_left_alone_loses_their_triggers(
    draft_meeting: Meeting,
) -> None:
    # Databases migrated earlier have the trigger on the jobs' tables: the next migrate drops it.
    with connection.cursor() as cursor:
        for statement in trigger_sql(connection.vendor, PackBuild._meta.db_table):
            cursor.execute(statement)
    install_triggers(apps.get_app_config("committees"))
    build = PackBuild.objects.create(meeting=draft_meeting, version=PackVersion.FULL)
    before = data_version()
    build.report("Laying out pages")
    assert data_version() == before
