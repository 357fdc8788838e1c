"""The API's tests: the builders come from tests/scrutiny/conftest.py; the rate limit's
count starts afresh in each test."""

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limit(request: pytest.FixtureRequest) -> Iterator[None]:
    """Each test starts with no requests counted against its address.

    The count is in the cache, which is a database table: tests without the database (the
    pure rules) count nothing and have nothing to clear.
    """
    uses_db = request.node.get_closest_marker("django_db") or {"db", "client"} & set(
        request.fixturenames
    )
    if uses_db:
        request.getfixturevalue("db")
        cache.clear()
    yield
    if uses_db:
        cache.clear()
