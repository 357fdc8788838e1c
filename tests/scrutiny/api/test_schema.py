"""Schemathesis drives every operation of the API from the schema the app itself serves."""

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from committees.models import Minute
from committees.publication import publish_minutes
from measures.models import State

pytestmark = pytest.mark.django_db

# Read from the running application, through its middleware, as a client would (schemathesis
# calls it as http://localhost; the suite's other settings are not in force yet).
with override_settings(ALLOWED_HOSTS=["localhost"], SECURE_SSL_REDIRECT=False):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def open_connection() -> Iterator[None]:
    """Keep the test's database connection (and its transaction) across the app's requests,
    as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_data(
    open_connection, settings, exempt_meeting, make_target, make_actual, make_person, lac_rate
) -> None:
    """A little of everything the API lists, an exempt paper and a draft figure among it."""
    settings.API_RATE_LIMIT = 100_000  # the limit has its own test
    settings.ALLOWED_HOSTS = ["localhost"]
    make_target()
    make_actual(period="2017/18 Q1", state=State.PUBLISHED, commentary="On track.")
    make_actual(period="2017/18 Q2", value="44", state=State.PUBLISHED)
    make_actual(period="2017/18 Q3", value="99", state=State.DRAFT)
    make_person("Jo Bloggs", committee=exempt_meeting.committee, title="Councillor")
    Minute.objects.create(item=exempt_meeting.items.get(), text="Noted.", resolutions="Noted.")
    publish_minutes(meeting=exempt_meeting, user=None)


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_operation_answers_a_server_error_or_breaks_its_schema(case, api_data):
    case.call_and_validate(
        checks=[not_a_server_error, content_type_conformance, response_schema_conformance]
    )
