"""Shared fixtures and make_* builders for the whole suite."""

import gc
import os
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from measures.benchmarking.areas import AreaBook
from measures.benchmarking.models import (
    BenchmarkIndicator,
    BenchmarkValue,
    ComparatorGroup,
    GroupKind,
    GroupMember,
)
from scrutiny.roles import Role
from tests.demo_snapshot import write_demo

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made
# by fixtures around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
TEST_PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(scope="session", autouse=True)
def _test_server_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Plain HTTP on the test server, static files by their own names, a quick hasher.

    Session-wide so the live server's middleware is built with them. Production's HTTPS
    settings are tested in test_settings, hashed static names in test_static.
    """
    with override_settings(
        SECURE_SSL_REDIRECT=False,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
        SECURE_HSTS_SECONDS=0,
        # Hashing a password the production way takes a fifth of a second; tests make hundreds.
        # Signing in is still checked against the hash, by the faster hasher.
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        # Uploaded papers and built packs go to a throwaway folder, never the checkout's media/.
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        yield


def create_user(username: str = "user", role: Role | None = None, **fields: Any) -> Any:
    """A user holding a role (or none), with a known password."""
    user = get_user_model().objects.create_user(
        username=username,
        password=TEST_PASSWORD,
        is_staff=role.is_staff if role else False,
        **fields,
    )
    if role:
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    return user


def own_queries(captured: CaptureQueriesContext) -> int:
    """The queries a page made itself: not the cache's (the data version, the cache table)."""
    return sum(
        1
        for query in captured.captured_queries
        if "scrutiny_cache" not in query["sql"]
        and "scrutiny_data_version" not in query["sql"]
        and "SAVEPOINT" not in query["sql"]
    )


@pytest.fixture
def make_user(db: None) -> Callable[..., Any]:
    """Build a user holding a role (or none), with a known password."""
    return create_user


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Drive Debian's Chromium; never a downloaded browser."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def artifacts() -> Path:
    """A git-ignored folder for screenshots a person can look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# Chromium reports each blocked script, style or image on the console and as an event.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`Content Security Policy violation: ${event.violatedDirective} blocked `
    + `${event.blockedURI || "inline code"} at ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def page(page: Any) -> Iterator[Any]:
    """pytest-playwright's page; the test fails if the Content-Security-Policy blocked anything."""
    violations: list[str] = []
    page.add_init_script(REPORT_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    assert not violations, "The Content-Security-Policy blocked:\n" + "\n".join(violations)


@pytest.fixture
def demo(db: None) -> dict[str, Any]:
    """Lincolnshire's demo measures; the officer owns the quarterly ones, the lead the annual."""
    from measures.demo import load_demo_measures

    def load() -> None:
        officer = create_user(username="officer", role=Role.OFFICER)
        lead = create_user(username="lead", role=Role.PERFORMANCE_LEAD)
        load_demo_measures(owners={"quarterly": officer, "annual": lead}, publisher=lead)

    write_demo(load)
    users = get_user_model().objects.in_bulk(["officer", "lead"], field_name="username")
    return {"officer": users["officer"], "lead": users["lead"]}


# (old code, new code, name, region, value as published)
AUTHORITIES = [
    ("925", "E10000019", "Lincolnshire", "East Midlands", "48.7"),
    ("830", "E10000007", "Derbyshire", "East Midlands", "55.0"),
    ("891", "E10000024", "Nottinghamshire", "East Midlands", "60.1"),
    ("926", "E10000020", "Norfolk", "East of England", "c"),
    ("940", "E06000061", "North Northamptonshire", "East Midlands", "45.2"),
    ("928", "", "Northamptonshire", "East Midlands", "61.5"),
]


@pytest.fixture
def lac_rate(db) -> BenchmarkIndicator:
    """Children looked after per 10,000, low is good, for a handful of real authorities."""
    book = AreaBook()
    indicator = BenchmarkIndicator.objects.create(
        source="LAIT",
        code="LAC rate, 31 March",
        slug="lac-rate-31-march-abc123",
        title="Children looked after rate per 10,000",
        topic="Children Looked After",
        polarity="lower",
        decimal_places=1,
        y_axis_name="Rate per 10,000",
    )
    areas = {}
    for old, new, name, region, text in AUTHORITIES:
        area = book.authority(name=name, old=old, new=new, region_name=region)
        areas[name] = area
        missing = text == "c"
        BenchmarkValue.objects.create(
            indicator=indicator,
            period="2017",
            period_key=20171,
            area=area,
            value=None if missing else Decimal(text),
            status="c" if missing else "",
            raw=text,
        )
    areas["Northamptonshire"].is_active = False
    areas["Northamptonshire"].save()
    BenchmarkValue.objects.create(
        indicator=indicator,
        period="2017",
        period_key=20171,
        area=book.england,
        value=Decimal("62.0"),
        raw="62",
    )
    BenchmarkValue.objects.create(
        indicator=indicator,
        period="2017",
        period_key=20171,
        area=book.region("East Midlands"),
        value=Decimal("53.4"),
        raw="53.4",
    )
    BenchmarkValue.objects.create(
        indicator=indicator,
        period="2016",
        period_key=20161,
        area=areas["Lincolnshire"],
        value=Decimal("46.0"),
        raw="46",
    )
    group = ComparatorGroup.objects.create(
        kind=GroupKind.STATISTICAL_NEIGHBOURS,
        name="Lincolnshire statistical neighbours",
        slug="lincolnshire-sn-2025",
        area=areas["Lincolnshire"],
        version="May 2025",
    )
    for position, name in enumerate(["Derbyshire", "Nottinghamshire", "Norfolk"], 1):
        GroupMember.objects.create(group=group, area=areas[name], name=name, position=position)
    return indicator


# Tests that build PDF packs (WeasyPrint, pikepdf) take seconds each; with the browser tests
# they are marked slow so make test-fast can leave them out. make test runs them all.
SLOW_MODULES = {
    "committees/packs/test_admin.py",
    "committees/packs/test_build_pack_command.py",
    "committees/packs/test_content.py",
    "committees/packs/test_pack_limits.py",
    "committees/packs/test_pack_pdf.py",
    "committees/packs/test_pack_uploads.py",
    "committees/packs/test_views.py",
    "committees/packs/test_withdrawal.py",
    "committees/test_pdfs.py",
    "committees/test_publication.py",
    "scrutiny/test_caching_processes.py",
}
# Single tests over a few seconds (measured with --durations): the demo loader, admin forms
# with many related records, collectstatic, the dashboard's query-count test, the 1 GiB
# decompression check and the settings checks that start manage.py in a new Python. A name
# without [parameters] marks every case of the test.
SLOW_TESTS = {
    "committees/test_uploads.py::test_a_1_mb_upload_holding_1_gib_compressed_is_refused_without_inflating_it",
    "scrutiny/test_settings.py::test_debug_off_without_secret_key_fails_naming_the_variable",
    "scrutiny/test_settings.py::test_bad_boolean_names_the_variable_and_the_value",
    "scrutiny/test_settings.py::test_debug_on_runs_with_a_development_key",
    "scrutiny/test_settings.py::test_deploy_check_with_production_environment_reports_nothing",
    "scrutiny/test_settings.py::test_settings_follow_the_environment",
    "scrutiny/test_accounts.py::test_loading_the_demo_twice_changes_nothing",
    "scrutiny/test_accounts.py::test_demo_accounts_have_one_role_each_and_the_printed_passwords_work",
    *(
        "scrutiny/test_admin_forms.py::test_admin_forms_never_answer_500_and_keep_what_was_typed"
        f"[{model}]"
        for model in [
            "committees.Meeting",
            "committees.Committee",
            "committees.AgendaItem",
            "measures.Measure",
            "measures.ComparatorGroup",
            "measures.BenchmarkIndicator",
            "measures.Target",
            "measures.Actual",
            "measures.Area",
        ]
    ),
    "scrutiny/test_static.py::test_collectstatic_gives_every_asset_a_hashed_name",
    "measures/test_dashboard.py::test_dashboard_queries_do_not_grow_with_measures_or_periods",
}
TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark slow the tests that drive Chromium (the page fixture), build PDF packs or are
    otherwise over a few seconds; the SQLite run leaves out what holds on PostgreSQL only."""
    for item in items:
        module = item.path.relative_to(TESTS).as_posix()
        uses_chromium = "page" in getattr(item, "fixturenames", ())
        names = {f"{module}::{item.name}", f"{module}::{getattr(item, 'originalname', '')}"}
        slow_test = bool(names & SLOW_TESTS)
        if uses_chromium or module.startswith("browser/") or module in SLOW_MODULES or slow_test:
            item.add_marker(pytest.mark.slow)
    if os.environ.get("SCRUTINY_SQLITE_RUN") == "1":
        left_out = [item for item in items if item.get_closest_marker("postgres_only")]
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = [item for item in items if not item.get_closest_marker("postgres_only")]


def pytest_collection_finish(session: pytest.Session) -> None:
    """Leave the objects made by importing Django, the libraries and the tests (some 380,000)
    out of the garbage collector's full passes: each pass walked them all, about 0.2 s every
    few admin pages, and they live as long as the run in any case."""
    gc.collect()
    gc.freeze()


def pytest_configure(config: pytest.Config) -> None:
    """make test's SQLite run is for the tests marked sqlite only, never the whole suite."""
    if os.environ.get("SCRUTINY_SQLITE_RUN") == "1" and config.option.markexpr != "sqlite":
        raise pytest.UsageError(
            "SCRUTINY_SQLITE_RUN=1 runs only the tests marked sqlite (-m sqlite)."
        )
