"""The suite must really run on PostgreSQL when make test says so, and on SQLite only in
make test's deliberate second run of the tests marked sqlite."""

import os

import pytest
from django.db import connection

pytestmark = pytest.mark.sqlite


@pytest.mark.django_db
def test_suite_runs_on_the_database_named_by_database_url(request: pytest.FixtureRequest) -> None:
    url = os.environ.get("DATABASE_URL", "")
    sqlite_run = os.environ.get("SCRUTINY_SQLITE_RUN") == "1"
    if sqlite_run:
        # make test's second run: SQLite, and only the tests marked for it.
        assert request.config.option.markexpr == "sqlite"
        assert url.startswith("sqlite")
    elif os.environ.get("CI"):
        assert url.startswith("postgres"), "CI must run the suite on PostgreSQL"
    if url.startswith(("postgres://", "postgresql://")):
        assert connection.vendor == "postgresql"
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            assert cursor.fetchone()[0].startswith("15")
    else:
        # make test always sets DATABASE_URL; running pytest by hand falls back to SQLite.
        assert connection.vendor == "sqlite"
