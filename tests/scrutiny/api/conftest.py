"""The API's tests: the builders come from tests/scrutiny/conftest.py; the rate limit's
count starts afresh in each test."""

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> Iterator[None]:
    """Each test starts with no requests counted against its address."""
    cache.clear()
    yield
    cache.clear()
